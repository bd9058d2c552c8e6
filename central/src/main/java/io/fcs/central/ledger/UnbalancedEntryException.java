package io.fcs.central.ledger;

import io.fcs.protocol.value.Currency;
import java.util.Map;

/** A journal entry whose lines do not sum to zero in some currency: never persisted. */
public final class UnbalancedEntryException extends IllegalArgumentException {

    private final transient Map<Currency, Long> imbalance;

    public UnbalancedEntryException(String idempotencyKey, Map<Currency, Long> imbalance) {
        super("journal entry " + idempotencyKey + " does not balance: " + imbalance);
        this.imbalance = Map.copyOf(imbalance);
    }

    /** Sum of the lines per currency that is not zero. */
    public Map<Currency, Long> imbalance() {
        return imbalance;
    }
}
