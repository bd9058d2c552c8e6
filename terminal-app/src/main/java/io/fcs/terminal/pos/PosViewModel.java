package io.fcs.terminal.pos;

import io.fcs.protocol.value.Money;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.login.StaffDirectory;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.store.Product;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.MoneyFormat;
import io.fcs.terminal.ui.Tone;
import java.time.Duration;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The bar: product grid, cart and total; "charge" waits for a wristband and shows the result big
 * (new balance, or why not); shift history, void of the last sale by a supervisor, shift close.
 */
public final class PosViewModel {

    static final Duration TAP_WAIT = Duration.ofSeconds(20);

    private final SaleDesk desk;
    private final StaffDirectory directory;
    private final Async async;
    private final Messages messages;
    private final Feedback feedback;

    private final ObservableList<Product> products = FXCollections.observableArrayList();
    private final ObservableList<CartLine> cart = FXCollections.observableArrayList();
    private final ObservableList<String> history = FXCollections.observableArrayList();
    private final ObjectProperty<Money> total;
    private final StringProperty totalText = new SimpleStringProperty();
    private final StringProperty headline = new SimpleStringProperty();
    private final StringProperty detail = new SimpleStringProperty("");
    private final ObjectProperty<Tone> tone = new SimpleObjectProperty<>(Tone.NEUTRAL);
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private final BooleanProperty chargeDisabled = new SimpleBooleanProperty(true);
    private final StringProperty shiftSummary = new SimpleStringProperty("");
    private final ObjectProperty<TapOutcome> lastOutcome = new SimpleObjectProperty<>();
    private Staff operator;

    public PosViewModel(SaleDesk desk, StaffDirectory directory, Async async, Messages messages, Feedback feedback) {
        this.desk = desk;
        this.directory = directory;
        this.async = async;
        this.messages = messages;
        this.feedback = feedback;
        this.total = new SimpleObjectProperty<>(Money.zero(desk.currency()));
        total.addListener((obs, old, now) -> totalText.set(money(now)));
        totalText.set(money(total.get()));
        headline.set(messages.get("pos.ready"));
        busy.addListener((obs, old, now) -> updateChargeable());
        cart.addListener((javafx.collections.ListChangeListener<CartLine>) change -> updateChargeable());
    }

    /** The staff member now at this till; loads the price list and opens the shift off the UI thread. */
    public void start(Staff staff) {
        this.operator = staff;
        async.run(
                () -> {
                    desk.openShift(staff);
                    return desk.catalogue();
                },
                list -> {
                    products.setAll(list);
                    refreshShift();
                },
                this::failed);
    }

    public void add(Product product) {
        if (busy.get()) {
            return;
        }
        for (int i = 0; i < cart.size(); i++) {
            CartLine line = cart.get(i);
            if (line.product().code().equals(product.code())) {
                if (line.quantity() < 99) {
                    cart.set(i, new CartLine(product, line.quantity() + 1));
                }
                recalculate();
                return;
            }
        }
        cart.add(new CartLine(product, 1));
        recalculate();
        if (tone.get() != Tone.NEUTRAL) {
            tone.set(Tone.NEUTRAL);
            headline.set(messages.get("pos.ready"));
            detail.set("");
        }
    }

    public void removeOne(CartLine line) {
        if (busy.get()) {
            return;
        }
        int index = cart.indexOf(line);
        if (index < 0) {
            return;
        }
        if (line.quantity() > 1) {
            cart.set(index, new CartLine(line.product(), line.quantity() - 1));
        } else {
            cart.remove(index);
        }
        recalculate();
    }

    public void clearCart() {
        if (!busy.get()) {
            cart.clear();
            recalculate();
        }
    }

    /** Asks for a wristband and charges the cart; the answer arrives on the UI thread. */
    public void charge() {
        if (busy.get() || cart.isEmpty() || operator == null) {
            return;
        }
        SaleRequest sale = new SaleRequest(cart, total.get(), operator);
        busy.set(true);
        tone.set(Tone.WAITING);
        headline.set(messages.get("pos.tap", money(sale.total())));
        detail.set("");
        async.run(() -> desk.charge(sale, TAP_WAIT), this::show, this::failed);
    }

    /** A supervisor (by PIN) gives the last sale back: the wristband is tapped again. */
    public void voidLastSale(String supervisorPin) {
        if (busy.get()) {
            return;
        }
        Optional<Staff> supervisor = directory.supervisorByPin(supervisorPin);
        if (supervisor.isEmpty()) {
            tone.set(Tone.REFUSED);
            headline.set(messages.get("pos.void.notSupervisor"));
            detail.set("");
            feedback.sound(Tone.REFUSED);
            return;
        }
        busy.set(true);
        tone.set(Tone.WAITING);
        headline.set(messages.get("pos.void.tap"));
        detail.set("");
        async.run(() -> desk.voidLastSale(supervisor.get(), TAP_WAIT), this::showVoid, this::failed);
    }

    public void closeShift() {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        async.run(
                desk::closeShift,
                report -> {
                    busy.set(false);
                    tone.set(Tone.NEUTRAL);
                    headline.set(messages.get("pos.shift.closed"));
                    detail.set(summary(report));
                    shiftSummary.set(summary(report));
                    history.clear();
                },
                this::failed);
    }

    /** "+10.00 EUR loaded · " when pending credits went onto the wristband at this tap. */
    private String loadedNote(TapOutcome.Approved ok) {
        return ok.loaded().isPositive() ? messages.get("tap.loaded", money(ok.loaded())) + " · " : "";
    }

    private void show(TapOutcome outcome) {
        busy.set(false);
        lastOutcome.set(outcome);
        switch (outcome) {
            case TapOutcome.Approved ok -> {
                boolean offline = ok.authority() == TapOutcome.Authority.OFFLINE;
                tone.set(offline ? Tone.WARNING : Tone.OK);
                headline.set(messages.get(offline ? "pos.approvedOffline" : "pos.approved", money(ok.amount())));
                detail.set(loadedNote(ok) + messages.get("pos.newBalance", money(ok.newBalance())));
                cart.clear();
                recalculate();
                feedback.sound(Tone.OK);
            }
            case TapOutcome.Refused refused -> {
                tone.set(Tone.REFUSED);
                headline.set(messages.get("tap.refused." + refused.reason().name()));
                detail.set(messages.get("tap.refused." + refused.reason().name() + ".detail"));
                feedback.sound(Tone.REFUSED);
                if (refused.reason() == TapOutcome.Reason.TAP_AGAIN) {
                    // the sale is recorded: never charge the cart again, finish the chip instead
                    cart.clear();
                    recalculate();
                    busy.set(true);
                    async.run(() -> desk.completePending(TAP_WAIT), this::showCompleted, this::failed);
                }
            }
        }
        refreshShift();
    }

    private void showCompleted(TapOutcome outcome) {
        busy.set(false);
        switch (outcome) {
            case TapOutcome.Approved ok -> {
                tone.set(Tone.OK);
                headline.set(messages.get("pos.completed"));
                detail.set(messages.get("pos.newBalance", money(ok.newBalance())));
                feedback.sound(Tone.OK);
            }
            case TapOutcome.Refused refused -> {
                tone.set(Tone.REFUSED);
                headline.set(messages.get("tap.refused." + refused.reason().name()));
                detail.set(messages.get("pos.pendingKept"));
                feedback.sound(Tone.REFUSED);
            }
        }
        refreshShift();
    }

    private void showVoid(TapOutcome outcome) {
        busy.set(false);
        lastOutcome.set(outcome);
        switch (outcome) {
            case TapOutcome.Approved ok -> {
                tone.set(Tone.OK);
                headline.set(messages.get("pos.void.done", money(ok.amount())));
                detail.set(messages.get("pos.newBalance", money(ok.newBalance())));
                feedback.sound(Tone.OK);
            }
            case TapOutcome.Refused refused -> {
                tone.set(Tone.REFUSED);
                headline.set(messages.get("tap.refused." + refused.reason().name()));
                detail.set(messages.get("tap.refused." + refused.reason().name() + ".detail"));
                feedback.sound(Tone.REFUSED);
            }
        }
        refreshShift();
    }

    private void failed(RuntimeException error) {
        busy.set(false);
        tone.set(Tone.REFUSED);
        headline.set(messages.get("error.title"));
        detail.set(String.valueOf(error.getMessage()));
        feedback.sound(Tone.REFUSED);
    }

    private void refreshShift() {
        async.run(
                desk::currentShift,
                report -> {
                    history.setAll(report.lines().reversed().stream()
                            .map(this::historyLine)
                            .toList());
                    shiftSummary.set(summary(report));
                },
                error -> {});
    }

    private String historyLine(JournalLine line) {
        String time = "%tR".formatted(java.util.Date.from(line.at()));
        String amount = money(Money.of(line.amountMinor(), desk.currency()));
        String flags = (line.voided() ? " ✗" : "") + ("OFFLINE".equals(line.authority()) ? " ⚡" : "");
        return messages.get("pos.history." + line.kind(), time, amount) + flags;
    }

    private String summary(ShiftReport report) {
        return messages.get(
                "pos.shift.summary",
                report.sales(),
                money(report.salesTotal()),
                report.voids(),
                money(report.voidsTotal()),
                money(report.net()),
                money(report.offlineTotal()));
    }

    private void recalculate() {
        Money sum = Money.zero(desk.currency());
        for (CartLine line : cart) {
            sum = sum.plus(line.total(desk.currency()));
        }
        total.set(sum);
    }

    private void updateChargeable() {
        chargeDisabled.set(busy.get() || cart.isEmpty());
    }

    private String money(Money money) {
        return MoneyFormat.format(money, messages.locale());
    }

    public ObservableList<Product> products() {
        return products;
    }

    public ObservableList<CartLine> cart() {
        return cart;
    }

    public ObservableList<String> history() {
        return history;
    }

    public ObjectProperty<Money> totalProperty() {
        return total;
    }

    public StringProperty totalTextProperty() {
        return totalText;
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

    public BooleanProperty chargeDisabledProperty() {
        return chargeDisabled;
    }

    public StringProperty shiftSummaryProperty() {
        return shiftSummary;
    }

    public ObjectProperty<TapOutcome> lastOutcomeProperty() {
        return lastOutcome;
    }

    public String priceText(Product product) {
        return money(Money.of(product.priceMinor(), desk.currency()));
    }

    public String lineText(CartLine line) {
        return line.quantity() + " × " + line.product().name() + "   " + money(line.total(desk.currency()));
    }
}
