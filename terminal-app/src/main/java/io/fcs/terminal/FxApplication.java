package io.fcs.terminal;

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
