package io.fcs.terminal.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads a screen's FXML ({@code XxxView.fxml} beside {@code XxxView}) with a controller we built. */
public final class Views {

    private Views() {}

    public static Parent load(Object controller, Messages messages) {
        Class<?> type = controller.getClass();
        URL fxml = type.getResource(type.getSimpleName() + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("no FXML beside " + type.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml, messages.bundle());
        loader.setControllerFactory(requested -> {
            if (!requested.isInstance(controller)) {
                throw new IllegalStateException(fxml + " wants " + requested + ", have " + type);
            }
            return controller;
        });
        try {
            Parent root = loader.load();
            URL css = Views.class.getResource("/io/fcs/terminal/terminal.css");
            if (css != null) {
                root.getStylesheets().add(css.toExternalForm());
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }
}
