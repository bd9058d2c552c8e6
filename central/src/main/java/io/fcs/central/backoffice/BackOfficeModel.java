package io.fcs.central.backoffice;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every back-office page shows around its content: who is signed in, the sections they may open. */
@ControllerAdvice(basePackageClasses = BackOfficeModel.class)
class BackOfficeModel {

    @ModelAttribute
    void common(Model model) {
        CurrentUser.current().ifPresent(user -> {
            model.addAttribute("me", user);
            model.addAttribute("sections", Section.openTo(user));
        });
    }

    /** The festivals a user may work on and the one a page is about ({@code ?festival=<id>}). */
    @Component
    static class FestivalChoice {

        private final Festivals festivals;
        private final BackOfficeReads reads;

        FestivalChoice(Festivals festivals, BackOfficeReads reads) {
            this.festivals = festivals;
            this.reads = reads;
        }

        List<Festival> visible(CurrentUser user) {
            return reads.festivalIds().stream()
                    .filter(user::canStaff)
                    .map(festivals::find)
                    .flatMap(Optional::stream)
                    .toList();
        }

        /**
         * Puts {@code festivals} and {@code festival} (null when there is none yet) in the model; an
         * asked festival outside the user's scope is a 404, as in the API.
         */
        Festival choose(Model model, CurrentUser user, UUID asked) {
            List<Festival> all = visible(user);
            Festival chosen =
                    asked != null ? festivals.requireStaffAccess(asked, user) : all.isEmpty() ? null : all.getFirst();
            model.addAttribute("festivals", all);
            model.addAttribute("festival", chosen);
            return chosen;
        }
    }
}
