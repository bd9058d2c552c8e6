package io.fcs.central.backoffice;

import io.fcs.central.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * Tells the visitor what happened in plain words: a refusal re-renders the page with a message and
 * the status of the refusal (nothing was changed); a success is named by a key in {@code ?done=}.
 */
@Component
class PageMessages {

    /** The success messages a page may be asked to show ({@code bo.done.<key>}). */
    static final Set<String> DONE = Set.of(
            "festivalCreated",
            "festivalUpdated",
            "zoneAdded",
            "gateAdded",
            "posAdded",
            "productsSet",
            "ticketTypeAdded",
            "accessSet",
            "reviewResolved",
            "adjusted",
            "refunded",
            "revoked",
            "staffCreated",
            "rolesSet",
            "disabled",
            "enabled");

    private final MessageSource messages;

    PageMessages(MessageSource messages) {
        this.messages = messages;
    }

    void done(Model model, String done) {
        if (done != null && DONE.contains(done)) {
            model.addAttribute("done", "bo.done." + done);
        }
    }

    /** Puts the readable message of a refusal in the model and sets the response status. */
    void refused(Model model, RuntimeException e, HttpServletResponse response) {
        if (e instanceof FormInput.Refused refused) {
            Object[] args = Arrays.copyOf(refused.args(), refused.args().length);
            if (args.length > 0 && args[0] instanceof String field) {
                args[0] = text(field);
            }
            model.addAttribute("error", text(refused.key(), args));
            response.setStatus(400);
        } else if (e instanceof ApiException api) {
            model.addAttribute("error", text("bo.refused", api.detail()));
            response.setStatus(api.status().value());
        } else if (e instanceof IllegalArgumentException bad) {
            model.addAttribute("error", text("bo.refused", bad.getMessage()));
            response.setStatus(400);
        } else {
            throw e;
        }
    }

    String text(String key, Object... args) {
        return messages.getMessage(key, args, key, LocaleContextHolder.getLocale());
    }
}
