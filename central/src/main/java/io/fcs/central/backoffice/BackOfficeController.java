package io.fcs.central.backoffice;

import io.fcs.central.auth.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The back-office's front page, for those who run the festival (ADMIN, ORGANISER, FINANCE). */
@Controller
class BackOfficeController {

    @GetMapping("/admin")
    String dashboard(Model model) {
        model.addAttribute("user", CurrentUser.require());
        return "backoffice/dashboard";
    }
}
