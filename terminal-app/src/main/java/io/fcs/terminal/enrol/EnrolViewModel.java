package io.fcs.terminal.enrol;

import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Tone;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * First start of a terminal: the organiser shows the one-time enrolment QR (from
 * {@code provisioning enrol terminal}) to the scanner; the terminal fetches and checks its bundle
 * and stores identity, keys and certificates. A refusal says why and waits for another QR.
 */
public final class EnrolViewModel {

    private final EnrolDesk desk;
    private final Async async;
    private final Messages messages;
    private final Feedback feedback;

    private final StringProperty headline = new SimpleStringProperty();
    private final StringProperty detail = new SimpleStringProperty("");
    private final ObjectProperty<Tone> tone = new SimpleObjectProperty<>(Tone.WAITING);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObjectProperty<Enrolment.Enrolled> enrolled = new SimpleObjectProperty<>();

    public EnrolViewModel(EnrolDesk desk, Async async, Messages messages, Feedback feedback) {
        this.desk = desk;
        this.async = async;
        this.messages = messages;
        this.feedback = feedback;
        headline.set(messages.get("enrol.prompt"));
        detail.set(messages.get("enrol.prompt.detail"));
    }

    /** A QR was read (any scanner); ignored while one is being checked or once enrolled. */
    public void scanned(String text) {
        if (busy.get() || enrolled.get() != null || text == null || text.isBlank()) {
            return;
        }
        busy.set(true);
        tone.set(Tone.WAITING);
        headline.set(messages.get("enrol.working"));
        detail.set("");
        async.run(
                () -> desk.enrol(text.trim()),
                outcome -> {
                    busy.set(false);
                    switch (outcome) {
                        case Enrolment.Enrolled ok -> {
                            tone.set(Tone.OK);
                            headline.set(messages.get("enrol.enrolled"));
                            detail.set(ok.message());
                            feedback.sound(Tone.OK);
                            enrolled.set(ok);
                        }
                        case Enrolment.Refused refused -> {
                            tone.set(Tone.REFUSED);
                            headline.set(messages.get(
                                    "enrol.refused." + refused.reason().name()));
                            detail.set(refused.message());
                            feedback.sound(Tone.REFUSED);
                        }
                    }
                },
                error -> {
                    busy.set(false);
                    tone.set(Tone.REFUSED);
                    headline.set(messages.get("enrol.refused.UNREADABLE"));
                    detail.set(String.valueOf(error.getMessage()));
                    feedback.sound(Tone.REFUSED);
                });
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

    /** Set once the terminal is enrolled: the screens of its mode can start. */
    public ReadOnlyObjectProperty<Enrolment.Enrolled> enrolledProperty() {
        return enrolled;
    }
}
