package io.fcs.terminal.login;

import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Tone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** Staff log in by tapping their badge or typing their PIN on the keypad. */
public final class LoginViewModel {

    static final Duration BADGE_WAIT = Duration.ofSeconds(15);

    /** Consecutive wrong PINs after which PIN entry pauses (a badge still logs in). */
    static final int MAX_PIN_FAILURES = 5;

    static final Duration PIN_PAUSE = Duration.ofSeconds(60);

    private final StaffDirectory directory;
    private final BadgeReader badgeReader;
    private final Async async;
    private final Messages messages;
    private final Clock clock;
    private int pinFailures;
    private Instant pinPausedUntil = Instant.EPOCH;

    private final StringProperty pin = new SimpleStringProperty("");
    private final StringProperty maskedPin = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty();
    private final ObjectProperty<Tone> tone = new SimpleObjectProperty<>(Tone.NEUTRAL);
    private final BooleanProperty waitingForBadge = new SimpleBooleanProperty();
    private final ObjectProperty<Staff> loggedIn = new SimpleObjectProperty<>();

    public LoginViewModel(StaffDirectory directory, BadgeReader badgeReader, Async async, Messages messages) {
        this(directory, badgeReader, async, messages, Clock.systemUTC());
    }

    public LoginViewModel(
            StaffDirectory directory, BadgeReader badgeReader, Async async, Messages messages, Clock clock) {
        this.clock = clock;
        this.directory = directory;
        this.badgeReader = badgeReader;
        this.async = async;
        this.messages = messages;
        message.set(messages.get("login.prompt"));
        pin.addListener((obs, old, now) -> maskedPin.set("●".repeat(now.length())));
    }

    public void digit(int d) {
        if (d < 0 || d > 9 || pin.get().length() >= 8) {
            return;
        }
        pin.set(pin.get() + d);
    }

    public void clearPin() {
        pin.set("");
    }

    /**
     * Checks the PIN off the UI thread (hashed PINs take a few milliseconds each). After
     * {@link #MAX_PIN_FAILURES} wrong PINs in a row, PIN entry pauses for {@link #PIN_PAUSE}: a
     * 4-digit PIN is otherwise found by trying.
     */
    public void submitPin() {
        String entered = pin.get();
        pin.set("");
        Instant now = clock.instant();
        if (now.isBefore(pinPausedUntil)) {
            tone.set(Tone.REFUSED);
            message.set(messages.get(
                    "login.pinPaused",
                    Long.toString(Duration.between(now, pinPausedUntil).toSeconds() + 1)));
            return;
        }
        async.run(
                () -> directory.byPin(entered),
                staff -> {
                    if (staff.isPresent()) {
                        pinFailures = 0;
                        welcome(staff.get());
                    } else {
                        pinFailures++;
                        tone.set(Tone.REFUSED);
                        if (pinFailures >= MAX_PIN_FAILURES) {
                            pinFailures = 0;
                            pinPausedUntil = clock.instant().plus(PIN_PAUSE);
                            message.set(messages.get("login.pinPaused", Long.toString(PIN_PAUSE.toSeconds())));
                        } else {
                            message.set(messages.get("login.wrongPin"));
                        }
                    }
                },
                error -> {
                    tone.set(Tone.REFUSED);
                    message.set(messages.get("login.wrongPin"));
                });
    }

    /** Waits for a badge tap in the background; the screen stays responsive. */
    public void tapBadge() {
        if (waitingForBadge.get()) {
            return;
        }
        waitingForBadge.set(true);
        tone.set(Tone.WAITING);
        message.set(messages.get("login.tapBadge"));
        async.run(
                () -> badgeReader.awaitBadge(BADGE_WAIT),
                uid -> {
                    waitingForBadge.set(false);
                    Optional<Staff> staff = uid.flatMap(directory::byBadge);
                    if (staff.isPresent()) {
                        welcome(staff.get());
                    } else {
                        tone.set(Tone.REFUSED);
                        message.set(messages.get(uid.isPresent() ? "login.unknownBadge" : "login.noBadge"));
                    }
                },
                error -> {
                    waitingForBadge.set(false);
                    tone.set(Tone.REFUSED);
                    message.set(messages.get("error.reader"));
                });
    }

    private void welcome(Staff staff) {
        tone.set(Tone.OK);
        message.set(messages.get("login.welcome", staff.name()));
        loggedIn.set(staff);
    }

    public void logout() {
        loggedIn.set(null);
        tone.set(Tone.NEUTRAL);
        message.set(messages.get("login.prompt"));
    }

    public StringProperty maskedPinProperty() {
        return maskedPin;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public ObjectProperty<Tone> toneProperty() {
        return tone;
    }

    public BooleanProperty waitingForBadgeProperty() {
        return waitingForBadge;
    }

    public ReadOnlyObjectProperty<Staff> loggedInProperty() {
        return loggedIn;
    }
}
