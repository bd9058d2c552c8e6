package io.fcs.central.portal;

import io.fcs.central.auth.BrowserSession;
import io.fcs.central.auth.CurrentUser;
import io.fcs.central.auth.Role;
import io.fcs.central.auth.UserAccount;
import io.fcs.central.auth.UserAccounts;
import io.fcs.central.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Registration of an attendee: the same rules as {@code POST /auth/register} (e-mail, 8–72
 * character password, name), then signed in on this browser and sent to {@code /my}.
 */
@Controller
class SignUpPages {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private final UserAccounts users;
    private final BrowserSession session;
    private final PortalText text;

    SignUpPages(UserAccounts users, BrowserSession session, PortalText text) {
        this.users = users;
        this.session = session;
        this.text = text;
    }

    @GetMapping("/sign-up")
    String form(Model model) {
        if (CurrentUser.current().isPresent()) {
            return "redirect:/my";
        }
        model.addAttribute("name", "");
        model.addAttribute("email", "");
        model.addAttribute("errors", Map.of());
        return "portal/sign-up";
    }

    @PostMapping("/sign-up")
    String register(
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "email", defaultValue = "") String email,
            @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "confirm", defaultValue = "") String confirm,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = name.strip();
        String cleanEmail = email.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100) {
            errors.put("name", text.text("portal.signup.error.name"));
        }
        if (cleanEmail.length() > 254 || !EMAIL.matcher(cleanEmail).matches()) {
            errors.put("email", text.text("portal.signup.error.email"));
        }
        if (password.length() < 8 || password.length() > 72) {
            errors.put("password", text.text("portal.signup.error.password"));
        } else if (!password.equals(confirm)) {
            errors.put("confirm", text.text("portal.signup.error.confirm"));
        }
        model.addAttribute("name", cleanName.length() > 100 ? "" : cleanName);
        model.addAttribute("email", cleanEmail.length() > 254 ? "" : cleanEmail);
        if (errors.isEmpty()) {
            try {
                UserAccount user = users.create(cleanEmail, password, cleanName, Set.of(Role.ATTENDEE), Set.of());
                session.start(user, request, response);
                return "redirect:/my";
            } catch (ApiException e) {
                errors.put("email", text.problem(e));
                response.setStatus(e.status().value());
            }
        } else {
            response.setStatus(400);
        }
        model.addAttribute("errors", errors);
        return "portal/sign-up";
    }
}
