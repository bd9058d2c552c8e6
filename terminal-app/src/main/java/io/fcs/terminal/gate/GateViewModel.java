package io.fcs.terminal.gate;

import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Tone;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The gate: a scan or a tap gives a big green ADMITTED or red REFUSED with the reason; a first
 * entry then asks for the wristband to bind; counters in / out / inside.
 */
public final class GateViewModel {

    static final Duration TAP_WAIT = Duration.ofSeconds(10);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final GateDesk desk;
    private final Async async;
    private final Messages messages;
    private final Feedback feedback;
    private final ZoneId zone;

    private final StringProperty headline = new SimpleStringProperty();
    private final StringProperty detail = new SimpleStringProperty("");
    private final ObjectProperty<Tone> tone = new SimpleObjectProperty<>(Tone.NEUTRAL);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty exit = new SimpleBooleanProperty();
    private final LongProperty in = new SimpleLongProperty();
    private final LongProperty out = new SimpleLongProperty();
    private final LongProperty occupancy = new SimpleLongProperty();
    private final ObjectProperty<GateOutcome> lastOutcome = new SimpleObjectProperty<>();

    public GateViewModel(GateDesk desk, Async async, Messages messages, Feedback feedback, ZoneId zone) {
        this.desk = desk;
        this.async = async;
        this.messages = messages;
        this.feedback = feedback;
        this.zone = zone;
        headline.set(messages.get("gate.ready"));
    }

    public void start() {
        refreshCounters();
    }

    /** A QR text from any scanner (wedge, camera, simulated); ignored while a tap is awaited. */
    public void scanned(String text) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        boolean leaving = exit.get();
        async.run(() -> desk.scan(text, leaving), this::show, this::failed);
    }

    public void tapWristband() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        tone.set(Tone.WAITING);
        headline.set(messages.get("gate.tapWristband"));
        detail.set("");
        boolean leaving = exit.get();
        async.run(() -> desk.tapWristband(leaving, TAP_WAIT), this::show, this::failed);
    }

    public void toggleDirection() {
        exit.set(!exit.get());
    }

    private void show(GateOutcome outcome) {
        busy.set(false);
        lastOutcome.set(outcome);
        switch (outcome) {
            case GateOutcome.Admitted admitted -> {
                tone.set(admitted.offline() ? Tone.WARNING : Tone.OK);
                if (admitted.exit()) {
                    headline.set(messages.get("gate.exit"));
                } else {
                    headline.set(messages.get(admitted.offline() ? "gate.admittedOffline" : "gate.admitted"));
                }
                detail.set(admitted.reentry() ? messages.get("gate.reentry") : admitted.ticketType());
                feedback.sound(Tone.OK);
                if (admitted.needsBinding()) {
                    detail.set(messages.get("gate.bind"));
                    busy.set(true);
                    async.run(() -> desk.bind(admitted.ticketId(), TAP_WAIT), this::afterBind, this::failed);
                }
            }
            case GateOutcome.Refused refused -> {
                tone.set(Tone.REFUSED);
                headline.set(messages.get("gate.refused"));
                detail.set(reason(refused));
                feedback.sound(Tone.REFUSED);
            }
            case GateOutcome.Bound bound -> {
                tone.set(Tone.OK);
                headline.set(messages.get("gate.bound"));
                detail.set("");
            }
        }
        refreshCounters();
    }

    private void afterBind(GateOutcome outcome) {
        busy.set(false);
        lastOutcome.set(outcome);
        if (outcome instanceof GateOutcome.Bound) {
            detail.set(messages.get("gate.bound"));
        } else if (outcome instanceof GateOutcome.Refused refused
                && refused.reason() != GateOutcome.Reason.NO_WRISTBAND) {
            detail.set(reason(refused));
        } else {
            detail.set("");
        }
    }

    String reason(GateOutcome.Refused refused) {
        String where = refused.where().orElse("?");
        String when = refused.when().map(at -> CLOCK.format(at.atZone(zone))).orElse("?");
        return messages.get("gate.reason." + refused.reason().name(), where, when);
    }

    private void failed(RuntimeException error) {
        busy.set(false);
        tone.set(Tone.REFUSED);
        headline.set(messages.get("error.title"));
        detail.set(String.valueOf(error.getMessage()));
        feedback.sound(Tone.REFUSED);
    }

    private void refreshCounters() {
        async.run(
                desk::counters,
                counters -> {
                    in.set(counters.in());
                    out.set(counters.out());
                    occupancy.set(counters.occupancy());
                },
                error -> {});
    }

    public StringProperty headlineProperty() {
        return headline;
    }

    public StringProperty detailProperty() {
        return detail;
    }

    public ObjectProperty<Tone> toneProperty() {
        return tone;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    public BooleanProperty exitProperty() {
        return exit;
    }

    public LongProperty inProperty() {
        return in;
    }

    public LongProperty outProperty() {
        return out;
    }

    public LongProperty occupancyProperty() {
        return occupancy;
    }

    public ObjectProperty<GateOutcome> lastOutcomeProperty() {
        return lastOutcome;
    }
}
