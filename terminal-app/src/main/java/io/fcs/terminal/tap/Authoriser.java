package io.fcs.terminal.tap;

import io.fcs.protocol.value.Money;
import java.time.Duration;

/** Port to the zone's live authority (the edge) for a payment from a wallet. */
public interface Authoriser {

    /** The edge's answer, or that it could not be asked in time. */
    sealed interface Answer permits Granted, Declined, Unreachable {}

    /** Approved; {@code balanceAfter} is the wallet after this payment (online top-ups included). */
    record Granted(Money balanceAfter) implements Answer {}

    record Declined(TapOutcome.Reason reason) implements Answer {}

    record Unreachable(String why) implements Answer {}

    Answer authorise(
            String recordId,
            String uid,
            String walletId,
            Money amount,
            Money chipBalance,
            long chipCounter,
            Duration timeout);

    /** Never reachable: a terminal configured without an edge. */
    static Authoriser offline() {
        return (recordId, uid, walletId, amount, chipBalance, chipCounter, timeout) -> new Unreachable("no edge");
    }
}
