package io.fcs.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.terminal.login.Staff;
import io.fcs.terminal.login.StaffDirectory;
import io.fcs.terminal.status.Health;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import java.time.ZoneId;
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

/** The whole screen tree: status bar, PIN login into the bar screen, the error screen. */
@ExtendWith(ApplicationExtension.class)
class ScreensTest {

    private volatile Health health = new Health(false, 3, Optional.empty(), true, Optional.empty(), 0);
    private Screens screens;

    @Start
    void start(Stage stage) {
        Messages en = Messages.of("en");
        screens = new Screens(new Screens.Wiring(
                TerminalOptions.Mode.POS,
                en,
                new Async(Runnable::run, Platform::runLater),
                Feedback.silent(),
                ZoneId.of("Europe/Paris"),
                new StaffDirectory(List.of(Staff.parse("Alice:1234"))),
                timeout -> Optional.empty(),
                () -> health,
                new ScreenshotsTest.DemoSaleDesk(),
                null,
                null,
                null));
        stage.setScene(new Scene(screens.root(), 1280, 800));
        stage.show();
        screens.status().startPolling();
    }

    @Test
    void staffLogInWithTheirPinAndGetTheBarScreenWithTheOfflineStateVisible(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#connection").queryAs(Label.class).getText()).isEqualTo("OFFLINE");
        assertThat(robot.lookup("#queue").queryAs(Label.class).getText()).isEqualTo("Queue 3");

        for (String key : List.of("#key-1", "#key-2", "#key-3", "#key-4", "#key-ok")) {
            robot.clickOn(key);
        }
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#product-beer").tryQuery()).isPresent();
        robot.clickOn("#logout");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#key-ok").tryQuery()).isPresent();
    }

    @Test
    void anUnpluggedReaderCoversTheScreenWithItsOwnMessage(FxRobot robot) throws Exception {
        health = new Health(true, 0, Optional.empty(), false, Optional.of(Health.Problem.READER_UNPLUGGED), 0);
        robot.interact(() -> screens.status().stopPolling());
        robot.interact(() -> screens.status().startPolling());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#errorScreen").query().isVisible()).isTrue();
        assertThat(robot.lookup("#errorTitle").queryAs(Label.class).getText()).isEqualTo("NFC reader unplugged");
        assertThat(robot.lookup("#connection").queryAs(Label.class).getText()).isEqualTo("EDGE");
    }
}
