package io.fcs.terminal.gate;

import io.fcs.terminal.device.qr.KeyboardWedgeScanner;
import io.fcs.terminal.ui.ToneBinding;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;

/** The gate screen; binds {@link GateViewModel} and feeds typed keys to a keyboard-wedge scanner. */
public final class GateView {

    private final GateViewModel model;
    private final KeyboardWedgeScanner wedge;
    private final String entryText;
    private final String exitText;

    @FXML
    private BorderPane root;

    @FXML
    private VBox resultBanner;

    @FXML
    private Label headline;

    @FXML
    private Label detail;

    @FXML
    private Label inCount;

    @FXML
    private Label outCount;

    @FXML
    private Label occupancy;

    @FXML
    private ToggleButton direction;

    /** @param wedge where typed characters go, or null when the gate uses another scanner */
    public GateView(GateViewModel model, KeyboardWedgeScanner wedge, String entryText, String exitText) {
        this.model = model;
        this.wedge = wedge;
        this.entryText = entryText;
        this.exitText = exitText;
    }

    @FXML
    void initialize() {
        headline.textProperty().bind(model.headlineProperty());
        detail.textProperty().bind(model.detailProperty());
        inCount.textProperty().bind(model.inProperty().asString());
        outCount.textProperty().bind(model.outProperty().asString());
        occupancy.textProperty().bind(model.occupancyProperty().asString());
        ToneBinding.bind(resultBanner, model.toneProperty());
        direction.selectedProperty().bindBidirectional(model.exitProperty());
        direction
                .textProperty()
                .bind(javafx.beans.binding.Bindings.when(model.exitProperty())
                        .then(exitText)
                        .otherwise(entryText));
        if (wedge != null) {
            // a wedge scanner types into whatever has focus, or into the scene when nothing has
            javafx.event.EventHandler<KeyEvent> typed = event -> {
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

    @FXML
    void tapWristband() {
        model.tapWristband();
    }

    public BorderPane root() {
        return root;
    }
}
