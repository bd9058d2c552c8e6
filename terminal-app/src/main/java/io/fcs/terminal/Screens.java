package io.fcs.terminal;

import io.fcs.terminal.device.qr.KeyboardWedgeScanner;
import io.fcs.terminal.device.qr.QrScanner;
import io.fcs.terminal.gate.GateDesk;
import io.fcs.terminal.gate.GateView;
import io.fcs.terminal.gate.GateViewModel;
import io.fcs.terminal.kiosk.KioskDesk;
import io.fcs.terminal.kiosk.KioskView;
import io.fcs.terminal.kiosk.KioskViewModel;
import io.fcs.terminal.login.BadgeReader;
import io.fcs.terminal.login.LoginView;
import io.fcs.terminal.login.LoginViewModel;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.login.StaffDirectory;
import io.fcs.terminal.pos.PosView;
import io.fcs.terminal.pos.PosViewModel;
import io.fcs.terminal.pos.SaleDesk;
import io.fcs.terminal.status.ErrorView;
import io.fcs.terminal.status.HealthSource;
import io.fcs.terminal.status.StatusView;
import io.fcs.terminal.status.StatusViewModel;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Views;
import java.time.ZoneId;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * Builds the screen tree of one terminal: status bar on top, the login screen, then the mode's
 * screen; the error screen covers everything while a problem stops trading. Only wiring here.
 */
public final class Screens {

    /** What the screens need from the running terminal; the desks not used by a mode may be null. */
    public record Wiring(
            TerminalOptions.Mode mode,
            Messages messages,
            Async async,
            Feedback feedback,
            ZoneId zone,
            StaffDirectory staff,
            BadgeReader badgeReader,
            HealthSource health,
            SaleDesk saleDesk,
            GateDesk gateDesk,
            KioskDesk kioskDesk,
            QrScanner scanner) {
        public Wiring {
            Objects.requireNonNull(mode, "mode");
        }
    }

    private final Wiring wiring;
    private final StackPane root = new StackPane();
    private final BorderPane frame = new BorderPane();
    private final StatusView statusView;
    private final LoginViewModel login;
    private Parent loginScreen;

    public Screens(Wiring wiring) {
        this.wiring = wiring;
        StatusViewModel status = new StatusViewModel(wiring.health(), wiring.async(), wiring.messages(), wiring.zone());
        statusView = new StatusView(status);
        Parent statusBar = Views.load(statusView, wiring.messages());
        ErrorView errorView = new ErrorView(status);
        Parent errorScreen = Views.load(errorView, wiring.messages());
        login = new LoginViewModel(wiring.staff(), wiring.badgeReader(), wiring.async(), wiring.messages());
        login.loggedInProperty().addListener((obs, old, staff) -> {
            if (staff != null) {
                showMode(staff);
            } else {
                frame.setCenter(loginScreen);
            }
        });
        loginScreen = Views.load(
                new LoginView(
                        login,
                        wiring.messages().get("login.ok"),
                        wiring.messages().get("login.clear")),
                wiring.messages());
        frame.setTop(statusBar);
        frame.setCenter(loginScreen);
        root.getChildren().addAll(frame, errorScreen);
        root.getStylesheets()
                .add(Objects.requireNonNull(Screens.class.getResource("terminal.css"))
                        .toExternalForm());
    }

    /** Skips the login (used by the gate in kiosk-like unattended setups and by tests). */
    public void loginAs(Staff staff) {
        showMode(staff);
    }

    private void showMode(Staff staff) {
        Messages messages = wiring.messages();
        Parent screen =
                switch (wiring.mode()) {
                    case POS -> {
                        PosViewModel model = new PosViewModel(
                                wiring.saleDesk(), wiring.staff(), wiring.async(), messages, wiring.feedback());
                        Parent view = Views.load(new PosView(model), messages);
                        model.start(staff);
                        yield view;
                    }
                    case GATE -> {
                        GateViewModel model = new GateViewModel(
                                wiring.gateDesk(), wiring.async(), messages, wiring.feedback(), wiring.zone());
                        KeyboardWedgeScanner wedge = wiring.scanner() instanceof KeyboardWedgeScanner w ? w : null;
                        Parent view = Views.load(
                                new GateView(
                                        model,
                                        wedge,
                                        messages.get("gate.directionIn"),
                                        messages.get("gate.directionOut")),
                                messages);
                        if (wiring.scanner() != null) {
                            wiring.scanner().start(text -> wiring.async().ui(() -> model.scanned(text)));
                        }
                        model.start();
                        yield view;
                    }
                    case KIOSK, CASHDESK -> {
                        KioskViewModel model = new KioskViewModel(
                                wiring.kioskDesk(),
                                wiring.async(),
                                messages,
                                wiring.feedback(),
                                wiring.zone(),
                                wiring.mode() == TerminalOptions.Mode.CASHDESK);
                        Parent view = Views.load(new KioskView(model), messages);
                        model.start(staff);
                        yield view;
                    }
                };
        BorderPane withLogout = new BorderPane(screen);
        Button logout = new Button(messages.get("logout"));
        logout.setId("logout");
        logout.getStyleClass().add("secondary-button");
        logout.setOnAction(event -> login.logout());
        HBox bottom = new HBox(logout);
        bottom.setStyle("-fx-padding: 0 12 12 12;");
        withLogout.setBottom(bottom);
        frame.setCenter(withLogout);
    }

    public StackPane root() {
        return root;
    }

    public StatusView status() {
        return statusView;
    }
}
