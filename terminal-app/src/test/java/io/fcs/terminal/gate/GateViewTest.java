package io.fcs.terminal.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.terminal.device.qr.KeyboardWedgeScanner;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Views;
import java.time.ZoneId;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class GateViewTest {

    private final ScriptedGateDesk desk = new ScriptedGateDesk();
    private final KeyboardWedgeScanner wedge = new KeyboardWedgeScanner();
    private GateViewModel model;

    @Start
    void start(Stage stage) {
        Messages messages = Messages.of("en");
        model = new GateViewModel(
                desk, new Async(Runnable::run, Platform::runLater), messages, Feedback.silent(), ZoneId.of("UTC"));
        wedge.start(model::scanned);
        stage.setScene(new Scene(Views.load(new GateView(model, wedge, "Entry", "Exit"), messages), 1280, 800));
        stage.show();
        model.start();
    }

    @Test
    void aTicketTypedByTheWedgeScannerIsAdmittedInGreen(FxRobot robot) {
        desk.outcomes.add(new GateOutcome.Admitted("t1", "#3", false, false, false, false));

        robot.write("FT1:ABC").type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#headline").queryAs(Label.class).getText()).isEqualTo("ADMITTED");
        assertThat(robot.lookup("#result").query().getStyleClass()).contains("tone-ok");
        assertThat(robot.lookup("#inCount").queryAs(Label.class).getText()).isEqualTo("1");
    }

    @Test
    void aRevokedTicketIsRefusedInRedWithTheReason(FxRobot robot) {
        desk.outcomes.add(GateOutcome.Refused.of(GateOutcome.Reason.REVOKED));

        robot.interact(() -> model.scanned("FT1:XYZ"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#headline").queryAs(Label.class).getText()).isEqualTo("REFUSED");
        assertThat(robot.lookup("#detail").queryAs(Label.class).getText()).isEqualTo("Ticket cancelled");
        assertThat(robot.lookup("#result").query().getStyleClass()).contains("tone-refused");
    }

    @Test
    void reEntryByWristbandFromTheButton(FxRobot robot) {
        desk.outcomes.add(new GateOutcome.Admitted("t1", "", false, false, true, false));

        robot.clickOn("#tapWristband");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#detail").queryAs(Label.class).getText()).isEqualTo("Re-entry");
        assertThat(Optional.ofNullable(model.lastOutcomeProperty().get())).isPresent();
    }
}
