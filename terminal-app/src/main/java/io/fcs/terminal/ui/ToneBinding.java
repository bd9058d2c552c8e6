package io.fcs.terminal.ui;

import javafx.beans.value.ObservableValue;
import javafx.scene.Node;

/** Keeps a node's {@code tone-*} style class in step with a view model's tone. */
public final class ToneBinding {

    private ToneBinding() {}

    public static void bind(Node node, ObservableValue<Tone> tone) {
        apply(node, tone.getValue());
        tone.addListener((obs, old, now) -> apply(node, now));
    }

    private static void apply(Node node, Tone tone) {
        for (Tone t : Tone.values()) {
            node.getStyleClass().remove(t.styleClass());
        }
        if (tone != null) {
            node.getStyleClass().add(tone.styleClass());
        }
    }
}
