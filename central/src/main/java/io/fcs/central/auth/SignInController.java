package io.fcs.central.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in and sign-out of the web pages, for staff and attendees alike. */
@Controller
class SignInController {

    private final Authenticator authenticator;
    private final BrowserSession session;

    SignInController(Authenticator authenticator, BrowserSession session) {
        this.authenticator = authenticator;
        this.session = session;
    }

    @GetMapping("/sign-in")
    String form(@RequestParam(name = "next", required = false) String next, Model model) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("email", "");
        return "auth/sign-in";
    }

    @PostMapping("/sign-in")
    String signIn(
            @RequestParam(name = "email", defaultValue = "") String email,
            @RequestParam(name = "password", defaultValue = "") String password,
            @RequestParam(name = "next", required = false) String next,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        model.addAttribute("next", safeNext(next));
        model.addAttribute("email", email.length() > 254 ? "" : email);
        if (email.isBlank() || email.length() > 254 || password.isEmpty() || password.length() > 200) {
            return refused(response, model, HttpStatus.BAD_REQUEST, "signin.error.missing");
        }
        return switch (authenticator.login(email.trim(), password, request.getRemoteAddr())) {
            case Authenticator.LoginOutcome.SignedIn signedIn -> {
                session.write(request, response, signedIn.tokens());
                String target = safeNext(next);
                yield "redirect:" + (target.isEmpty() ? home(signedIn.user()) : target);
            }
            case Authenticator.LoginOutcome.Throttled throttled -> {
                model.addAttribute("retryAfterSeconds", throttled.retryAfterSeconds());
                response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
                yield refused(response, model, HttpStatus.TOO_MANY_REQUESTS, "signin.error.throttled");
            }
            case Authenticator.LoginOutcome.InvalidCredentials invalid ->
                refused(response, model, HttpStatus.UNAUTHORIZED, "signin.error.invalid");
            case Authenticator.LoginOutcome.Disabled disabled ->
                refused(response, model, HttpStatus.FORBIDDEN, "signin.error.disabled");
        };
    }

    @PostMapping("/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        session.end(request, response);
        return "redirect:/";
    }

    /** The back-office for those who run the festival, the portal for everyone else. */
    static String home(UserAccount user) {
        boolean backOffice = user.roles().contains(Role.ADMIN)
                || user.roles().contains(Role.ORGANISER)
                || user.roles().contains(Role.FINANCE);
        return backOffice ? "/admin" : "/my";
    }

    /** Only a path of this site (no scheme, no host, no {@code //}) is followed after sign-in. */
    static String safeNext(String next) {
        if (next == null
                || next.length() > 500
                || !next.startsWith("/")
                || next.startsWith("//")
                || next.contains("\\")
                || next.chars().anyMatch(c -> c < 0x20)) {
            return "";
        }
        return next;
    }

    private static String refused(HttpServletResponse response, Model model, HttpStatus status, String messageKey) {
        response.setStatus(status.value());
        model.addAttribute("error", messageKey);
        return "auth/sign-in";
    }
}
