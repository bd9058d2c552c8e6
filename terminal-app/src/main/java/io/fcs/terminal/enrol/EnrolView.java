package io.fcs.terminal.enrol;

import io.fcs.terminal.device.qr.KeyboardWedgeScanner;
import io.fcs.terminal.ui.ToneBinding;
import javafx.event.EventHandler;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The enrolment screen; binds {@link EnrolViewModel} and feeds typed keys to a wedge scanner. */
public final class EnrolView {

    private final EnrolViewModel model;
    private final KeyboardWedgeScanner wedge;

    @FXML
    private BorderPane root;

    @FXML
    private VBox resultBanner;

    @FXML
    private Label headline;

    @FXML
    private Label detail;

    @FXML
    private ProgressIndicator working;

    /** @param wedge where typed characters go, or null when another scanner feeds the model */
    public EnrolView(EnrolViewModel model, KeyboardWedgeScanner wedge) {
        this.model = model;
        this.wedge = wedge;
    }

    @FXML
    void initialize() {
        headline.textProperty().bind(model.headlineProperty());
        detail.textProperty().bind(model.detailProperty());
        working.visibleProperty().bind(model.busyProperty());
        ToneBinding.bind(resultBanner, model.toneProperty());
        if (wedge != null) {
            EventHandler<KeyEvent> typed = event -> {
                wedge.typed(event.getCharacter());
                event.consume();
            };
            root.sceneProperty().addListener((obs, old, scene) -> {
                if (old != null) {
                    old.removeEventFilter(KeyEvent.KEY_TYPED, typed);
                }
                if (scene != null) {
                    scene.addEventFilter(KeyEvent.KEY_TYPED, typed);
                }
            });
        }
    }
}
