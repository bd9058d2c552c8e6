package io.fcs.terminal.kiosk;

import io.fcs.protocol.value.Money;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.tap.TapOutcome;
import java.util.List;

/** What a tap at the kiosk shows: the balance and recent history, or why it cannot. */
public sealed interface BalanceOutcome permits BalanceOutcome.Balance, BalanceOutcome.Unavailable {

    record Balance(String uid, Money balance, List<JournalLine> recent) implements BalanceOutcome {
        public Balance {
            recent = List.copyOf(recent);
        }
    }

    record Unavailable(TapOutcome.Reason reason) implements BalanceOutcome {}
}
