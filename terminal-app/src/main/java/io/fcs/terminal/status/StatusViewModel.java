package io.fcs.terminal.status;

import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Messages;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The status bar on every screen (edge or offline, queue depth, last sync, reader) and the full
 * error screen when something stops trading (reader unplugged, store full, clock wrong).
 */
public final class StatusViewModel {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final HealthSource source;
    private final Async async;
    private final Messages messages;
    private final ZoneId zone;

    private final BooleanProperty online = new SimpleBooleanProperty();
    private final StringProperty connection = new SimpleStringProperty("");
    private final StringProperty queue = new SimpleStringProperty("");
    private final StringProperty lastSync = new SimpleStringProperty("");
    private final StringProperty reader = new SimpleStringProperty("");
    private final ObjectProperty<Health.Problem> problem = new SimpleObjectProperty<>();
    private final StringProperty problemTitle = new SimpleStringProperty("");
    private final StringProperty problemDetail = new SimpleStringProperty("");
    private final BooleanProperty problemShown = new SimpleBooleanProperty();

    public StatusViewModel(HealthSource source, Async async, Messages messages, ZoneId zone) {
        this.source = source;
        this.async = async;
        this.messages = messages;
        this.zone = zone;
    }

    /** Reads the health off the UI thread and updates the bar (the view calls this every second). */
    public void refresh() {
        async.run(
                source::current,
                this::show,
                error -> show(new Health(
                        false,
                        0,
                        java.util.Optional.empty(),
                        false,
                        java.util.Optional.of(Health.Problem.STORE_FAILED),
                        0)));
    }

    void show(Health health) {
        online.set(health.edgeConnected());
        connection.set(messages.get(health.edgeConnected() ? "status.edge" : "status.offline"));
        queue.set(messages.get("status.queue", Long.toString(health.queueDepth())));
        lastSync.set(messages.get(
                "status.lastSync",
                health.lastSync().map(at -> CLOCK.format(at.atZone(zone))).orElse(messages.get("status.never"))));
        reader.set(messages.get(health.readerPresent() ? "status.reader.ok" : "status.reader.missing"));
        Health.Problem now = health.problem().orElse(null);
        problem.set(now);
        problemShown.set(now != null);
        if (now == null) {
            problemTitle.set("");
            problemDetail.set("");
            return;
        }
        switch (now) {
            case READER_UNPLUGGED -> {
                problemTitle.set(messages.get("error.reader"));
                problemDetail.set(messages.get("error.reader.detail"));
            }
            case STORE_FULL -> {
                problemTitle.set(messages.get("error.storeFull"));
                problemDetail.set(messages.get("error.storeFull.detail"));
            }
            case STORE_FAILED -> {
                problemTitle.set(messages.get("error.store"));
                problemDetail.set(messages.get("error.store.detail"));
            }
            case CLOCK_WRONG -> {
                problemTitle.set(messages.get("error.clock"));
                problemDetail.set(messages.get("error.clock.detail", Long.toString(health.clockSkewSeconds())));
            }
        }
    }

    public BooleanProperty onlineProperty() {
        return online;
    }

    public StringProperty connectionProperty() {
        return connection;
    }

    public StringProperty queueProperty() {
        return queue;
    }

    public StringProperty lastSyncProperty() {
        return lastSync;
    }

    public StringProperty readerProperty() {
        return reader;
    }

    public ObjectProperty<Health.Problem> problemProperty() {
        return problem;
    }

    public StringProperty problemTitleProperty() {
        return problemTitle;
    }

    public StringProperty problemDetailProperty() {
        return problemDetail;
    }

    public BooleanProperty problemShownProperty() {
        return problemShown;
    }
}
