package io.fcs.terminal.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.terminal.login.Staff;
import io.fcs.terminal.login.StaffDirectory;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Views;
import java.util.List;
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
class PosViewTest {

    private final ScriptedSaleDesk desk = new ScriptedSaleDesk();
    private PosViewModel model;

    @Start
    void start(Stage stage) {
        Staff alice = new Staff("Alice", "1234", Optional.empty(), false);
        model = new PosViewModel(
                desk,
                new StaffDirectory(List.of(alice)),
                new Async(Runnable::run, Platform::runLater),
                Messages.of("en"),
                Feedback.silent());
        stage.setScene(new Scene(Views.load(new PosView(model), Messages.of("en")), 1280, 800));
        stage.show();
        model.start(alice);
    }

    @Test
    void barStaffPicksProductsChargesAndSeesTheNewBalance(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#product-BEER");
        robot.clickOn("#product-WATER");
        assertThat(robot.lookup("#total").queryAs(Label.class).getText()).isEqualTo("€7.50");

        robot.clickOn("#charge");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#headline").queryAs(Label.class).getText()).isEqualTo("Paid €7.50");
        assertThat(robot.lookup("#result").query().getStyleClass()).contains("tone-ok");
        assertThat(desk.charged).hasSize(1);
    }

    @Test
    void refusalIsShownInRedWithItsReason(FxRobot robot) {
        desk.outcomes.add(TapOutcome.Refused.of(TapOutcome.Reason.INSUFFICIENT_FUNDS));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#product-FRIES");
        robot.clickOn("#charge");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#headline").queryAs(Label.class).getText()).isEqualTo("Insufficient funds");
        assertThat(robot.lookup("#result").query().getStyleClass()).contains("tone-refused");
    }
}
