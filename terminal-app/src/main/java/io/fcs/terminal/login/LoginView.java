package io.fcs.terminal.login;

import io.fcs.terminal.ui.ToneBinding;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** PIN keypad and "tap badge"; binds {@link LoginViewModel}. */
public final class LoginView {

    private final LoginViewModel model;
    private final String okText;
    private final String clearText;

    @FXML
    private VBox root;

    @FXML
    private VBox banner;

    @FXML
    private Label message;

    @FXML
    private Label maskedPin;

    @FXML
    private GridPane keypad;

    public LoginView(LoginViewModel model, String okText, String clearText) {
        this.model = model;
        this.okText = okText;
        this.clearText = clearText;
    }

    @FXML
    void initialize() {
        message.textProperty().bind(model.messageProperty());
        maskedPin.textProperty().bind(model.maskedPinProperty());
        ToneBinding.bind(banner, model.toneProperty());
        for (int d = 1; d <= 9; d++) {
            keypad.add(digit(d), (d - 1) % 3, (d - 1) / 3);
        }
        Button clear = new Button(clearText);
        clear.setId("key-clear");
        clear.setOnAction(event -> model.clearPin());
        keypad.add(clear, 0, 3);
        keypad.add(digit(0), 1, 3);
        Button ok = new Button(okText);
        ok.setId("key-ok");
        ok.setOnAction(event -> model.submitPin());
        keypad.add(ok, 2, 3);
    }

    private Button digit(int d) {
        Button button = new Button(Integer.toString(d));
        button.setId("key-" + d);
        button.setOnAction(event -> model.digit(d));
        return button;
    }

    @FXML
    void badge() {
        model.tapBadge();
    }

    public VBox root() {
        return root;
    }
}
