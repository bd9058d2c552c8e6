package io.fcs.terminal.kiosk;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.store.Shift;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.RecordBook;
import io.fcs.terminal.tap.RecordDraft;
import io.fcs.terminal.tap.RecordKind;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.tap.WalletTaps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Kiosk and cash desk logic: balance look-up, card top-up through the provider, cash top-up into a drawer. */
public final class TopUpDesk implements KioskDesk {

    static final int RECENT = 8;

    private final WalletTaps taps;
    private final TerminalStore store;
    private final PaymentProvider payments;
    private final Clock clock;

    private final RecordBook book;

    /** @param book records the drawer's opening float and counted cash (SHIFT_OPEN / SHIFT_CLOSE) */
    public TopUpDesk(WalletTaps taps, TerminalStore store, RecordBook book, PaymentProvider payments, Clock clock) {
        this.book = book;
        this.taps = taps;
        this.store = store;
        this.payments = payments;
        this.clock = clock;
    }

    @Override
    public Currency currency() {
        return taps.currency();
    }

    @Override
    public BalanceOutcome balance(Duration wait) {
        try {
            return taps.readout(wait)
                    .<BalanceOutcome>map(readout -> readout.refused() != null
                            ? new BalanceOutcome.Unavailable(readout.refused().reason())
                            : new BalanceOutcome.Balance(
                                    readout.uid(),
                                    readout.state().balance(),
                                    store.journalForWristband(readout.uid(), RECENT)))
                    .orElse(new BalanceOutcome.Unavailable(TapOutcome.Reason.NO_WRISTBAND));
        } catch (io.fcs.terminal.device.nfc.ReaderUnavailableException e) {
            return new BalanceOutcome.Unavailable(TapOutcome.Reason.READER_UNAVAILABLE);
        }
    }

    @Override
    public TapOutcome topUpByCard(Money amount, Duration wait) {
        String reference = UUID.randomUUID().toString();
        return taps.credit(
                RecordKind.TOPUP_CARD,
                amount,
                new WalletTaps.Context("kiosk", "", List.of(), reference),
                wait,
                uid -> switch (payments.charge(amount, reference)) {
                    case PaymentProvider.Paid paid -> Optional.empty();
                    case PaymentProvider.Declined declined ->
                        Optional.of(new TapOutcome.Refused(TapOutcome.Reason.PAYMENT_DECLINED, uid, declined.reason()));
                });
    }

    @Override
    public TapOutcome topUpCash(Money amount, Staff cashier, Duration wait) {
        Optional<Shift> drawer = store.openShift(Shift.CASH);
        if (drawer.isEmpty()) {
            return TapOutcome.Refused.of(TapOutcome.Reason.DRAWER_CLOSED);
        }
        return taps.credit(
                RecordKind.TOPUP_CASH,
                amount,
                new WalletTaps.Context(cashier.name(), drawer.get().id(), List.of(), ""),
                wait,
                uid -> Optional.empty());
    }

    @Override
    public DrawerReport openDrawer(Staff cashier, Money openingFloat) {
        Optional<Shift> open = store.openShift(Shift.CASH);
        if (open.isEmpty()) {
            Shift shift = new Shift(
                    UUID.randomUUID().toString(), Shift.CASH, cashier.name(), clock.instant(), openingFloat.minor());
            store.openShift(shift);
            book.commit(drawerRecord(RecordKind.SHIFT_OPEN, shift, openingFloat), Optional.empty());
        }
        return drawer();
    }

    @Override
    public DrawerReport drawer() {
        return store.openShift(Shift.CASH)
                .map(shift -> report(shift, Optional.empty()))
                .orElse(new DrawerReport(
                        false, "", Money.zero(currency()), Money.zero(currency()), 0, Optional.empty()));
    }

    @Override
    public DrawerReport closeDrawer(Money counted) {
        Optional<Shift> open = store.openShift(Shift.CASH);
        if (open.isEmpty()) {
            return drawer();
        }
        DrawerReport report = report(open.get(), Optional.of(counted));
        book.commit(drawerRecord(RecordKind.SHIFT_CLOSE, open.get(), counted), Optional.empty());
        store.closeShift(open.get().id(), clock.instant(), counted.minor());
        return new DrawerReport(
                false,
                report.cashier(),
                report.openingFloat(),
                report.cashTopUps(),
                report.topUps(),
                Optional.of(counted));
    }

    private RecordDraft drawerRecord(RecordKind kind, Shift shift, Money amount) {
        return new RecordDraft(
                RecordId.random().toString(),
                kind,
                "",
                "",
                amount,
                null,
                List.of(),
                0,
                0,
                null,
                shift.staff(),
                shift.id(),
                "",
                clock.instant());
    }

    private DrawerReport report(Shift shift, Optional<Money> counted) {
        long cash = 0;
        int count = 0;
        for (JournalLine line : store.journalForShift(shift.id())) {
            if (line.kind().equals(RecordKind.TOPUP_CASH.name())) {
                cash += line.amountMinor();
                count++;
            }
        }
        return new DrawerReport(
                true,
                shift.staff(),
                Money.of(shift.floatMinor(), currency()),
                Money.of(cash, currency()),
                count,
                counted);
    }
}
