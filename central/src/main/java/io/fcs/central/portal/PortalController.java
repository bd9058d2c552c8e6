package io.fcs.central.portal;

import io.fcs.central.auth.CurrentUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The attendee portal's home page and the signed-in attendee's own page. */
@Controller
class PortalController {

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("user", CurrentUser.current().orElse(null));
        return "portal/home";
    }

    @GetMapping("/my")
    String mine(Model model) {
        model.addAttribute("user", CurrentUser.require());
        return "portal/my";
    }
}
