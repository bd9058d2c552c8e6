package io.fcs.terminal.status;

import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/** Full screen that covers the terminal while a problem stops trading. */
public final class ErrorView {

    private final StatusViewModel model;

    @FXML
    private VBox root;

    @FXML
    private Label title;

    @FXML
    private Label detail;

    public ErrorView(StatusViewModel model) {
        this.model = model;
    }

    @FXML
    void initialize() {
        title.textProperty().bind(model.problemTitleProperty());
        detail.textProperty().bind(model.problemDetailProperty());
        root.visibleProperty().bind(model.problemShownProperty());
        root.managedProperty().bind(model.problemShownProperty());
    }

    @FXML
    void retry() {
        model.refresh();
    }

    public VBox root() {
        return root;
    }
}
