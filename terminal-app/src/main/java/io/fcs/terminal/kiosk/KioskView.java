package io.fcs.terminal.kiosk;

import io.fcs.terminal.ui.ToneBinding;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** Kiosk / cash desk screen; binds {@link KioskViewModel}. */
public final class KioskView {

    private static final long[] AMOUNTS = {1000, 2000, 5000};

    private final KioskViewModel model;

    @FXML
    private VBox root;

    @FXML
    private VBox resultBanner;

    @FXML
    private Label headline;

    @FXML
    private Label detail;

    @FXML
    private HBox amounts;

    @FXML
    private ListView<String> historyList;

    @FXML
    private VBox drawerBox;

    @FXML
    private Label drawerText;

    @FXML
    private TextField cashField;

    public KioskView(KioskViewModel model) {
        this.model = model;
    }

    @FXML
    void initialize() {
        headline.textProperty().bind(model.headlineProperty());
        detail.textProperty().bind(model.detailProperty());
        ToneBinding.bind(resultBanner, model.toneProperty());
        historyList.setItems(model.history());
        drawerText.textProperty().bind(model.drawerTextProperty());
        drawerBox.setVisible(model.cashDesk());
        drawerBox.setManaged(model.cashDesk());
        for (long amount : AMOUNTS) {
            Button button = new Button("+" + amount / 100);
            button.setId("topup-" + amount / 100);
            button.getStyleClass().add("product-tile");
            button.disableProperty().bind(model.busyProperty());
            button.setOnAction(event -> model.topUp(amount));
            amounts.getChildren().add(button);
        }
    }

    @FXML
    void balance() {
        model.showBalance();
    }

    @FXML
    void openDrawer() {
        model.openDrawer(cents(cashField.getText()));
        cashField.clear();
    }

    @FXML
    void closeDrawer() {
        model.closeDrawer(cents(cashField.getText()));
        cashField.clear();
    }

    /** Whole euros or euros with a comma/point and cents; anything else is -1 (ignored). */
    static long cents(String text) {
        String t = text == null ? "" : text.trim().replace(',', '.');
        if (!t.matches("[0-9]{1,6}(\\.[0-9]{1,2})?")) {
            return -1;
        }
        String[] parts = t.split("\\.");
        long cents = Long.parseLong(parts[0]) * 100;
        if (parts.length == 2) {
            cents += Long.parseLong(parts[1].length() == 1 ? parts[1] + "0" : parts[1]);
        }
        return cents;
    }

    public VBox root() {
        return root;
    }
}
