package io.fcs.central.portal;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festival;
import jakarta.servlet.http.HttpServletResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The support page: frequently asked questions and a contact form stored for the festival's team. */
@Controller
class SupportPages {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MESSAGE_MIN = 10;
    static final int MESSAGE_MAX = 4000;

    private final SupportRequests requests;
    private final FestivalChoice choice;
    private final PortalText text;

    SupportPages(SupportRequests requests, FestivalChoice choice, PortalText text) {
        this.requests = requests;
        this.choice = choice;
        this.text = text;
    }

    @GetMapping("/support")
    String page(@RequestParam(name = "sent", required = false) String sent, Model model) {
        fill(model, "", CurrentUser.current().map(CurrentUser::email).orElse(""), "", "OTHER", "", Map.of());
        model.addAttribute("sent", sent != null);
        return "portal/support";
    }

    @PostMapping("/support")
    String send(
            @RequestParam(name = "name", defaultValue = "") String name,
            @RequestParam(name = "email", defaultValue = "") String email,
            @RequestParam(name = "festival", defaultValue = "") String festivalId,
            @RequestParam(name = "topic", defaultValue = "") String topicText,
            @RequestParam(name = "message", defaultValue = "") String message,
            HttpServletResponse response,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        String cleanName = name.strip();
        String cleanEmail = email.strip();
        String cleanMessage = message.strip();
        if (cleanName.isEmpty() || cleanName.length() > 100) {
            errors.put("name", text.text("portal.support.error.name"));
        }
        if (cleanEmail.length() > 254 || !EMAIL.matcher(cleanEmail).matches()) {
            errors.put("email", text.text("portal.signup.error.email"));
        }
        SupportRequests.Topic topic = null;
        try {
            topic = SupportRequests.Topic.valueOf(topicText);
        } catch (IllegalArgumentException e) {
            errors.put("topic", text.text("portal.support.error.topic"));
        }
        if (cleanMessage.length() < MESSAGE_MIN || cleanMessage.length() > MESSAGE_MAX) {
            errors.put(
                    "message",
                    text.text(
                            "portal.support.error.message", String.valueOf(MESSAGE_MIN), String.valueOf(MESSAGE_MAX)));
        }
        UUID festival = null;
        if (!festivalId.isBlank()) {
            festival = TicketPages.parse(festivalId);
            final UUID asked = festival;
            if (asked == null || choice.visible().stream().map(Festival::id).noneMatch(asked::equals)) {
                errors.put("festival", text.text("portal.support.error.festival"));
            }
        }
        if (!errors.isEmpty()) {
            response.setStatus(400);
            fill(
                    model,
                    cleanName.length() > 100 ? "" : cleanName,
                    cleanEmail.length() > 254 ? "" : cleanEmail,
                    festivalId.length() > 36 ? "" : festivalId,
                    topicText.length() > 20 ? "OTHER" : topicText,
                    cleanMessage.length() > MESSAGE_MAX ? cleanMessage.substring(0, MESSAGE_MAX) : cleanMessage,
                    errors);
            model.addAttribute("sent", false);
            return "portal/support";
        }
        UUID userId = CurrentUser.current().map(CurrentUser::id).orElse(null);
        requests.submit(new SupportRequests.NewRequest(userId, festival, cleanName, cleanEmail, topic, cleanMessage));
        return "redirect:/support?sent=1";
    }

    private void fill(
            Model model,
            String name,
            String email,
            String festival,
            String topic,
            String message,
            Map<String, String> errors) {
        model.addAttribute("festivals", choice.visible());
        model.addAttribute("topics", SupportRequests.Topic.values());
        model.addAttribute("name", name);
        model.addAttribute("email", email);
        model.addAttribute("festivalId", festival);
        model.addAttribute("topic", topic);
        model.addAttribute("message", message);
        model.addAttribute("errors", errors);
    }
}
