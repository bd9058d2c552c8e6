package io.fcs.terminal.kiosk;

import io.fcs.protocol.value.Money;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.MoneyFormat;
import io.fcs.terminal.ui.Tone;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Top-up kiosk and cash desk: tap to see the balance and recent history; top up by card (kiosk)
 * or by cash with an open drawer (cash desk: opening float, top-ups, close with counted cash).
 */
public final class KioskViewModel {

    static final Duration TAP_WAIT = Duration.ofSeconds(20);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("dd/MM HH:mm");

    private final KioskDesk desk;
    private final Async async;
    private final Messages messages;
    private final Feedback feedback;
    private final ZoneId zone;
    private final boolean cashDesk;

    private final StringProperty headline = new SimpleStringProperty();
    private final StringProperty detail = new SimpleStringProperty("");
    private final ObjectProperty<Tone> tone = new SimpleObjectProperty<>(Tone.NEUTRAL);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final StringProperty drawerText = new SimpleStringProperty("");
    private final BooleanProperty drawerOpen = new SimpleBooleanProperty();
    private Staff cashier;

    public KioskViewModel(
            KioskDesk desk, Async async, Messages messages, Feedback feedback, ZoneId zone, boolean cashDesk) {
        this.desk = desk;
        this.async = async;
        this.messages = messages;
        this.feedback = feedback;
        this.zone = zone;
        this.cashDesk = cashDesk;
        headline.set(messages.get("kiosk.ready"));
    }

    public void start(Staff staff) {
        this.cashier = staff;
        if (cashDesk) {
            async.run(desk::drawer, this::showDrawer, this::failed);
        }
    }

    public boolean cashDesk() {
        return cashDesk;
    }

    public void showBalance() {
        if (!begin(messages.get("kiosk.ready"))) {
            return;
        }
        async.run(
                () -> desk.balance(TAP_WAIT),
                outcome -> {
                    busy.set(false);
                    switch (outcome) {
                        case BalanceOutcome.Balance balance -> {
                            tone.set(Tone.OK);
                            headline.set(messages.get("kiosk.balance", money(balance.balance())));
                            detail.set("");
                            history.setAll(balance.recent().stream()
                                    .map(this::historyLine)
                                    .toList());
                            feedback.sound(Tone.OK);
                        }
                        case BalanceOutcome.Unavailable unavailable -> refused(unavailable.reason());
                    }
                },
                this::failed);
    }

    /** Top-up of {@code minor} cents: by card at a kiosk, by cash at a cash desk. */
    public void topUp(long minor) {
        if (minor <= 0) {
            return;
        }
        Money amount = Money.of(minor, desk.currency());
        if (cashDesk && !drawerOpen.get()) {
            tone.set(Tone.REFUSED);
            headline.set(messages.get("kiosk.drawer.needed"));
            detail.set("");
            feedback.sound(Tone.REFUSED);
            return;
        }
        if (!begin(messages.get("pos.tap", money(amount)))) {
            return;
        }
        async.run(
                () -> cashDesk ? desk.topUpCash(amount, cashier, TAP_WAIT) : desk.topUpByCard(amount, TAP_WAIT),
                outcome -> {
                    busy.set(false);
                    switch (outcome) {
                        case TapOutcome.Approved ok -> {
                            tone.set(Tone.OK);
                            headline.set(messages.get("kiosk.toppedUp", money(ok.amount())));
                            detail.set((ok.loaded().isPositive()
                                            ? messages.get("tap.loaded", money(ok.loaded())) + " · "
                                            : "")
                                    + messages.get("pos.newBalance", money(ok.newBalance())));
                            feedback.sound(Tone.OK);
                        }
                        case TapOutcome.Refused refused -> refused(refused.reason());
                    }
                    if (cashDesk) {
                        async.run(desk::drawer, this::showDrawer, this::failed);
                    }
                },
                this::failed);
    }

    public void openDrawer(long floatMinor) {
        if (cashier == null || floatMinor < 0) {
            return;
        }
        async.run(
                () -> desk.openDrawer(cashier, Money.of(floatMinor, desk.currency())), this::showDrawer, this::failed);
    }

    public void closeDrawer(long countedMinor) {
        if (countedMinor < 0) {
            return;
        }
        async.run(
                () -> desk.closeDrawer(Money.of(countedMinor, desk.currency())),
                report -> {
                    showDrawer(report);
                    tone.set(report.difference().map(Money::isZero).orElse(true) ? Tone.OK : Tone.WARNING);
                    headline.set(drawerText.get());
                },
                this::failed);
    }

    private void showDrawer(DrawerReport report) {
        drawerOpen.set(report.open());
        if (report.open()) {
            drawerText.set(messages.get(
                    "kiosk.drawer.open",
                    money(report.openingFloat()),
                    money(report.cashTopUps()),
                    money(report.expected())));
        } else if (report.counted().isPresent()) {
            drawerText.set(messages.get(
                    "kiosk.drawer.closed",
                    money(report.expected()),
                    money(report.counted().get()),
                    money(report.difference().orElseThrow())));
        } else {
            drawerText.set(messages.get("kiosk.drawer.needed"));
        }
    }

    private boolean begin(String waiting) {
        if (busy.get()) {
            return false;
        }
        busy.set(true);
        tone.set(Tone.WAITING);
        headline.set(waiting);
        detail.set("");
        return true;
    }

    private void refused(TapOutcome.Reason reason) {
        tone.set(Tone.REFUSED);
        headline.set(messages.get("tap.refused." + reason.name()));
        detail.set(messages.get("tap.refused." + reason.name() + ".detail"));
        feedback.sound(Tone.REFUSED);
    }

    private void failed(RuntimeException error) {
        busy.set(false);
        tone.set(Tone.REFUSED);
        headline.set(messages.get("error.title"));
        detail.set(String.valueOf(error.getMessage()));
        feedback.sound(Tone.REFUSED);
    }

    private String historyLine(JournalLine line) {
        String time = CLOCK.format(line.at().atZone(zone));
        return messages.get("pos.history." + line.kind(), time, money(Money.of(line.amountMinor(), desk.currency())));
    }

    private String money(Money money) {
        return MoneyFormat.format(money, messages.locale());
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

    public ObservableList<String> history() {
        return history;
    }

    public StringProperty drawerTextProperty() {
        return drawerText;
    }

    public BooleanProperty drawerOpenProperty() {
        return drawerOpen;
    }
}
