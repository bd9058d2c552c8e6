package io.fcs.terminal.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.terminal.device.qr.KeyboardWedgeScanner;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Views;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class EnrolViewTest {

    private final EnrolmentQrFixture fixture = new EnrolmentQrFixture();
    private final KeyboardWedgeScanner wedge = new KeyboardWedgeScanner();
    private TerminalStore store;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        dir = Files.createTempDirectory("enrol-view");
        store = TerminalStore.open(dir);
        Enrolment enrolment = new Enrolment(store, EnrolmentQrFixture.CLOCK, fixture.server());
        Messages messages = Messages.of("fr");
        EnrolViewModel model = new EnrolViewModel(
                qr -> enrolment.fromQr(qr, Optional.empty()),
                new Async(Runnable::run, Platform::runLater),
                messages,
                Feedback.silent());
        wedge.start(model::scanned);
        stage.setScene(new Scene(Views.load(new EnrolView(model, wedge), messages), 1280, 800));
        stage.show();
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void theQrTypedByAWedgeScannerEnrolsTheTerminalOnScreen(FxRobot robot) {
        assertThat(robot.lookup("#headline").queryAs(Label.class).getText()).isEqualTo("Présentez le QR d'enrôlement");

        robot.interact(() -> wedge.typed(fixture.qr + "\n"));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(robot.lookup("#headline").queryAs(Label.class).getText()).isEqualTo("Terminal enrôlé");
        assertThat(robot.lookup("#result").query().getStyleClass()).contains("tone-ok");
        assertThat(store.setting(Enrolment.CA_FINGERPRINT)).isPresent();
    }
}
