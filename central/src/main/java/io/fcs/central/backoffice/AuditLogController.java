package io.fcs.central.backoffice;

import io.fcs.central.audit.AuditEvent;
import io.fcs.central.auth.CurrentUser;
import jakarta.servlet.http.HttpServletResponse;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit log, newest first, filtered by festival, action (prefix), actor and days; a page
 * shows {@value #PAGE} events and links to the older ones.
 */
@Controller
class AuditLogController {

    static final int PAGE = 50;

    private final BackOfficeModel.FestivalChoice choice;
    private final BackOfficeReads reads;
    private final PageMessages messages;

    AuditLogController(BackOfficeModel.FestivalChoice choice, BackOfficeReads reads, PageMessages messages) {
        this.choice = choice;
        this.reads = reads;
        this.messages = messages;
    }

    @GetMapping("/admin/audit-log")
    String page(
            @RequestParam(name = "festival", required = false) UUID festivalId,
            @RequestParam(name = "all", required = false) String allFestivals,
            @RequestParam(name = "action", required = false) String action,
            @RequestParam(name = "actor", required = false) String actor,
            @RequestParam(name = "from", required = false) String from,
            @RequestParam(name = "to", required = false) String to,
            @RequestParam(name = "before", required = false) Long before,
            Model model,
            HttpServletResponse response) {
        CurrentUser me = Section.AUDIT.require();
        model.addAttribute("section", Section.AUDIT);
        choice.choose(model, me, festivalId);
        boolean everything =
                "true".equals(allFestivals) && (me.isAdmin() || me.festivals().isEmpty());
        model.addAttribute("all", everything);
        model.addAttribute("action", blankToNull(action));
        model.addAttribute("actor", blankToNull(actor));
        model.addAttribute("from", blankToNull(from));
        model.addAttribute("to", blankToNull(to));
        model.addAttribute("actions", reads.auditActions());
        model.addAttribute("events", List.of());
        Object festival = model.getAttribute("festival");
        UUID scope = everything || festival == null ? null : ((io.fcs.central.festival.Festival) festival).id();
        if (scope == null && !everything) {
            return "backoffice/audit";
        }
        try {
            if (length(action) > 100 || length(actor) > 100) {
                throw new FormInput.Refused("bo.input.tooLong", "bo.audit.filter", 100);
            }
            Instant fromAt = day(from, "bo.audit.from", 0);
            Instant toAt = day(to, "bo.audit.to", 1);
            List<AuditEvent> events = reads.audit(
                    new BackOfficeReads.AuditFilter(
                            scope, blankToNull(action), blankToNull(actor), fromAt, toAt, before),
                    PAGE);
            model.addAttribute("events", events);
            if (events.size() == PAGE) {
                model.addAttribute("older", events.getLast().seq());
            }
        } catch (FormInput.Refused e) {
            messages.refused(model, e, response);
        }
        return "backoffice/audit";
    }

    private static Instant day(String text, String field, int plusDays) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.strip())
                    .plusDays(plusDays)
                    .atStartOfDay()
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) {
            throw new FormInput.Refused("bo.input.date", field);
        }
    }

    private static int length(String text) {
        return text == null ? 0 : text.length();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
