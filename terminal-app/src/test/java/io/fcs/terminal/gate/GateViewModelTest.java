package io.fcs.terminal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Tone;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GateViewModelTest {

    private final ScriptedGateDesk desk = new ScriptedGateDesk();
    private final GateViewModel model =
            new GateViewModel(desk, Async.direct(), Messages.of("en"), Feedback.silent(), ZoneId.of("Europe/Paris"));

    @Test
    void admittedFirstEntryIsGreenAndWaitsForTheWristbandToBind() {
        desk.outcomes.add(new GateOutcome.Admitted("t1", "#3", false, true, false, false));
        desk.outcomes.add(new GateOutcome.Bound("t1", "04aa"));

        model.scanned("FT1:...");

        assertThat(model.toneProperty().get()).isEqualTo(Tone.OK);
        assertThat(model.headlineProperty().get()).isEqualTo("ADMITTED");
        assertThat(model.detailProperty().get()).isEqualTo("Wristband bound");
        assertThat(desk.binds).isEqualTo(1);
        assertThat(model.inProperty().get()).isEqualTo(1);
    }

    @Test
    void alreadyUsedSaysWhereAndWhenInRed() {
        desk.outcomes.add(new GateOutcome.Refused(
                GateOutcome.Reason.ALREADY_USED,
                Optional.of("Gate B"),
                Optional.of(Instant.parse("2026-07-10T19:04:00Z"))));

        model.scanned("FT1:...");

        assertThat(model.toneProperty().get()).isEqualTo(Tone.REFUSED);
        assertThat(model.headlineProperty().get()).isEqualTo("REFUSED");
        assertThat(model.detailProperty().get()).isEqualTo("Already used at Gate B at 21:04");
    }

    @Test
    void everyRefusalReasonHasWordsInBothLanguages() {
        for (String language : new String[] {"en", "fr"}) {
            GateViewModel localised = new GateViewModel(
                    desk, Async.direct(), Messages.of(language), Feedback.silent(), ZoneId.of("Europe/Paris"));
            for (GateOutcome.Reason reason : GateOutcome.Reason.values()) {
                assertThat(localised.reason(GateOutcome.Refused.of(reason)))
                        .as(language + " " + reason)
                        .doesNotStartWith("gate.reason.");
            }
        }
    }

    @Test
    void offlineAdmissionIsFlagged() {
        desk.outcomes.add(new GateOutcome.Admitted("t1", "#3", false, false, true, true));

        model.scanned("FT1:...");

        assertThat(model.toneProperty().get()).isEqualTo(Tone.WARNING);
        assertThat(model.headlineProperty().get()).isEqualTo("ADMITTED (offline)");
    }
}
