package io.fcs.terminal.pos;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.store.Product;
import io.fcs.terminal.tap.TapOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A sale desk that answers what the test scripted, and remembers what it was asked. */
final class ScriptedSaleDesk implements SaleDesk {

    final List<SaleRequest> charged = new ArrayList<>();
    final Deque<TapOutcome> outcomes = new ArrayDeque<>();
    final List<JournalLine> lines = new ArrayList<>();
    int closed;
    int completions;

    static final List<Product> PRODUCTS = List.of(
            new Product("BEER", "Beer", 550, "drinks"),
            new Product("WATER", "Water", 200, "drinks"),
            new Product("FRIES", "Fries", 450, "food"));

    @Override
    public Currency currency() {
        return Currency.EUR;
    }

    @Override
    public List<Product> catalogue() {
        return PRODUCTS;
    }

    @Override
    public void openShift(Staff staff) {}

    @Override
    public TapOutcome charge(SaleRequest sale, Duration tapWait) {
        charged.add(sale);
        TapOutcome outcome = outcomes.isEmpty()
                ? new TapOutcome.Approved(
                        "04a1b2c3d4e5f6", sale.total(), Money.eur(1000), TapOutcome.Authority.EDGE, "r1", 1)
                : outcomes.pop();
        if (outcome instanceof TapOutcome.Approved ok) {
            lines.add(new JournalLine(
                    lines.size() + 1,
                    ok.recordId(),
                    "SALE",
                    ok.uid(),
                    sale.total().minor(),
                    ok.newBalance().minor(),
                    "s1",
                    sale.operator().name(),
                    ok.authority().name(),
                    "",
                    Instant.parse("2026-07-10T20:15:00Z"),
                    false));
        }
        return outcome;
    }

    @Override
    public TapOutcome voidLastSale(Staff supervisor, Duration tapWait) {
        return outcomes.isEmpty() ? TapOutcome.Refused.of(TapOutcome.Reason.NOT_VOIDABLE) : outcomes.pop();
    }

    @Override
    public TapOutcome completePending(Duration tapWait) {
        completions++;
        return outcomes.isEmpty() ? TapOutcome.Refused.of(TapOutcome.Reason.NO_WRISTBAND) : outcomes.pop();
    }

    @Override
    public ShiftReport currentShift() {
        Money sum = Money.eur(lines.stream().mapToLong(JournalLine::amountMinor).sum());
        return new ShiftReport("s1", "Alice", lines, lines.size(), sum, 0, Money.eur(0), Money.eur(0));
    }

    @Override
    public ShiftReport closeShift() {
        closed++;
        return currentShift();
    }
}
