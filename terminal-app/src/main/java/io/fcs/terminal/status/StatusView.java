package io.fcs.terminal.status;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The status bar and the error screen; binds {@link StatusViewModel}. */
public final class StatusView {

    private final StatusViewModel model;
    private Timeline poll;

    @FXML
    private VBox root;

    @FXML
    private HBox bar;

    @FXML
    private Label connection;

    @FXML
    private Label queue;

    @FXML
    private Label lastSync;

    @FXML
    private Label reader;

    public StatusView(StatusViewModel model) {
        this.model = model;
    }

    @FXML
    void initialize() {
        connection.textProperty().bind(model.connectionProperty());
        queue.textProperty().bind(model.queueProperty());
        lastSync.textProperty().bind(model.lastSyncProperty());
        reader.textProperty().bind(model.readerProperty());
        model.onlineProperty().addListener((obs, old, now) -> styleConnection(now));
        styleConnection(model.onlineProperty().get());
    }

    private void styleConnection(boolean online) {
        connection.getStyleClass().removeAll("status-online", "status-offline");
        connection.getStyleClass().add(online ? "status-online" : "status-offline");
    }

    /** Polls the health every second while the screen is up. */
    public void startPolling() {
        model.refresh();
        poll = new Timeline(new KeyFrame(Duration.seconds(1), event -> model.refresh()));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    public void stopPolling() {
        if (poll != null) {
            poll.stop();
        }
    }

    public VBox root() {
        return root;
    }
}
