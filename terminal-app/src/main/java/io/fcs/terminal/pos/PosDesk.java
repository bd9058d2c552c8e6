package io.fcs.terminal.pos;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.store.Product;
import io.fcs.terminal.store.Shift;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.RecordDraft;
import io.fcs.terminal.tap.RecordKind;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.tap.WalletTaps;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The bar's sale logic on top of the wristband taps and the store. */
public final class PosDesk implements SaleDesk {

    private final WalletTaps taps;
    private final TerminalStore store;
    private final Clock clock;

    public PosDesk(WalletTaps taps, TerminalStore store, Clock clock) {
        this.taps = taps;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public Currency currency() {
        return taps.currency();
    }

    @Override
    public List<Product> catalogue() {
        return store.catalogue();
    }

    @Override
    public void openShift(Staff staff) {
        Optional<Shift> open = store.openShift(Shift.POS);
        if (open.isPresent() && open.get().staff().equals(staff.name())) {
            return;
        }
        open.ifPresent(previous -> store.closeShift(previous.id(), clock.instant(), 0));
        store.openShift(new Shift(UUID.randomUUID().toString(), Shift.POS, staff.name(), clock.instant(), 0));
    }

    private Shift shift() {
        return store.openShift(Shift.POS).orElseThrow(() -> new IllegalStateException("no bar shift is open"));
    }

    @Override
    public TapOutcome charge(SaleRequest sale, Duration tapWait) {
        List<RecordDraft.Line> lines = sale.lines().stream()
                .map(l -> new RecordDraft.Line(
                        l.product().code(), l.quantity(), l.product().priceMinor()))
                .toList();
        return taps.pay(sale.total(), new WalletTaps.Context(sale.operator().name(), shift().id(), lines, ""), tapWait);
    }

    @Override
    public TapOutcome voidLastSale(Staff supervisor, Duration tapWait) {
        String shiftId = shift().id();
        List<JournalLine> lines = store.journalForShift(shiftId);
        Optional<JournalLine> last = lines.reversed().stream()
                .filter(l -> l.kind().equals(RecordKind.SALE.name()) || l.kind().equals(RecordKind.VOID.name()))
                .findFirst()
                .filter(l -> l.kind().equals(RecordKind.SALE.name()) && !l.voided());
        if (last.isEmpty()) {
            return TapOutcome.Refused.of(TapOutcome.Reason.NOT_VOIDABLE);
        }
        JournalLine sale = last.get();
        TapOutcome outcome = taps.credit(
                RecordKind.VOID,
                Money.of(sale.amountMinor(), currency()),
                new WalletTaps.Context(supervisor.name(), shiftId, List.of(), sale.recordId()),
                tapWait,
                uid -> uid.equals(sale.uid())
                        ? Optional.empty()
                        : Optional.of(new TapOutcome.Refused(TapOutcome.Reason.NOT_VOIDABLE, uid, "other wristband")));
        if (outcome instanceof TapOutcome.Approved
                || outcome instanceof TapOutcome.Refused r && r.reason() == TapOutcome.Reason.TAP_AGAIN) {
            store.markVoided(sale.recordId());
        }
        return outcome;
    }

    @Override
    public TapOutcome completePending(Duration tapWait) {
        return taps.completePending(tapWait);
    }

    @Override
    public ShiftReport currentShift() {
        return store.openShift(Shift.POS).map(this::report).orElseGet(() -> emptyReport());
    }

    @Override
    public ShiftReport closeShift() {
        Optional<Shift> open = store.openShift(Shift.POS);
        if (open.isEmpty()) {
            return emptyReport();
        }
        ShiftReport report = report(open.get());
        store.closeShift(open.get().id(), clock.instant(), report.net().minor());
        return report;
    }

    private ShiftReport emptyReport() {
        Money zero = Money.zero(currency());
        return new ShiftReport("", "", List.of(), 0, zero, 0, zero, zero);
    }

    private ShiftReport report(Shift shift) {
        List<JournalLine> lines = store.journalForShift(shift.id());
        long sales = 0;
        long salesTotal = 0;
        long voids = 0;
        long voidsTotal = 0;
        long offline = 0;
        for (JournalLine line : lines) {
            if (line.kind().equals(RecordKind.SALE.name())) {
                sales++;
                salesTotal += line.amountMinor();
                if ("OFFLINE".equals(line.authority())) {
                    offline += line.amountMinor();
                }
            } else if (line.kind().equals(RecordKind.VOID.name())) {
                voids++;
                voidsTotal += line.amountMinor();
            }
        }
        return new ShiftReport(
                shift.id(),
                shift.staff(),
                lines,
                (int) sales,
                Money.of(salesTotal, currency()),
                (int) voids,
                Money.of(voidsTotal, currency()),
                Money.of(offline, currency()));
    }
}
