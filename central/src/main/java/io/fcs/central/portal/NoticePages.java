package io.fcs.central.portal;

import io.fcs.central.auth.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * In-page notices ("top-up loaded", "ticket refunded"): polled by htmx every few seconds on the
 * attendee's pages, and rendered with the page itself on {@code /my} so they show without
 * JavaScript too.
 */
@Controller
class NoticePages {

    private final Notices notices;

    NoticePages(Notices notices) {
        this.notices = notices;
    }

    @GetMapping("/my/notices")
    String poll(Model model) {
        model.addAttribute("notices", notices.unseen(CurrentUser.require()));
        return "portal/notices :: notices";
    }

    @PostMapping("/my/notices/dismiss")
    String dismiss(HttpServletRequest request, Model model) {
        CurrentUser user = CurrentUser.require();
        notices.dismissAll(user.id());
        if (request.getHeader("HX-Request") != null) {
            model.addAttribute("notices", java.util.List.of());
            return "portal/notices :: notices";
        }
        return "redirect:/my";
    }
}
