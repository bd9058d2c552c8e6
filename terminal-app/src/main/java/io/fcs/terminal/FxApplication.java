package io.fcs.terminal;

import io.fcs.terminal.device.qr.KeyboardWedgeScanner;
import io.fcs.terminal.device.qr.QrScanner;
import io.fcs.terminal.device.qr.SimulatedQrScanner;
import io.fcs.terminal.enrol.EnrolDesk;
import io.fcs.terminal.enrol.EnrolView;
import io.fcs.terminal.enrol.EnrolViewModel;
import io.fcs.terminal.enrol.Enrolment;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Views;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/** The JavaFX side: one full-screen window with the terminal's screens. */
public final class FxApplication extends Application {

    private static volatile TerminalOptions pending;
    private Terminal terminal;

    static void launchWith(TerminalOptions options) {
        pending = options;
        Application.launch(FxApplication.class);
    }

    @Override
    public void start(Stage stage) {
        if (pending.enrolScan && !enrolled(pending)) {
            showEnrolment(stage);
            return;
        }
        startTerminal(stage);
    }

    private static boolean enrolled(TerminalOptions options) {
        if (!java.nio.file.Files.exists(options.dataDir.resolve("terminal.db"))) {
            return false;
        }
        try (TerminalStore store = TerminalStore.open(options.dataDir)) {
            return store.setting(Enrolment.CA_FINGERPRINT).isPresent();
        }
    }

    /**
     * The enrolment screen: the QR shown to the scanner is checked and stored (identity, key,
     * certificates for the edge's TLS); then the terminal starts as enrolled.
     */
    private void showEnrolment(Stage stage) {
        Messages messages = Messages.of(pending.language);
        ExecutorService worker = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("enrolment").factory());
        EnrolDesk desk = qr -> {
            try (TerminalStore store = TerminalStore.open(pending.dataDir)) {
                return new Enrolment(store, Clock.systemUTC(), Enrolment.http()).fromQr(qr, Optional.empty());
            }
        };
        EnrolViewModel model =
                new EnrolViewModel(desk, new Async(worker, Platform::runLater), messages, Feedback.systemBeep());
        KeyboardWedgeScanner wedge =
                pending.scanner == TerminalOptions.ScannerChoice.WEDGE ? new KeyboardWedgeScanner() : null;
        QrScanner scanner = wedge != null
                ? wedge
                : pending.scanner == TerminalOptions.ScannerChoice.CAMERA
                        ? ProtocolAdapters.camera(pending, Clock.systemUTC())
                        : new SimulatedQrScanner();
        scanner.start(text -> Platform.runLater(() -> model.scanned(text)));
        model.enrolledProperty().addListener((obs, old, enrolled) -> {
            if (enrolled != null) {
                scanner.close();
                worker.shutdown();
                Main.applyEnrolled(pending);
                startTerminal(stage);
            }
        });
        stage.setTitle(messages.get("enrol.title"));
        stage.setScene(new Scene(Views.load(new EnrolView(model, wedge), messages), 1280, 800));
        stage.show();
    }

    private void startTerminal(Stage stage) {
        terminal = Terminal.start(pending, Platform::runLater);
        Screens screens = new Screens(terminal.wiring());
        Scene scene = new Scene(screens.root(), 1280, 800);
        stage.setTitle(terminal.wiring().messages().get("app.title") + " — " + pending.mode());
        stage.setScene(scene);
        stage.show();
        screens.status().startPolling();
    }

    @Override
    public void stop() {
        if (terminal != null) {
            terminal.close();
        }
    }
}
