package io.fcs.central.wallet;

import io.fcs.protocol.value.Currency;
import java.util.Objects;
import java.util.Set;

/**
 * How a festival runs its cashless: currency, the offline allowance per wristband, and the
 * post-event refund of unused balances (open or not, the fee, the methods offered).
 */
public record CashlessPolicy(
        Currency currency,
        long offlineAllowanceCents,
        boolean refundsOpen,
        long refundFeeCents,
        Set<RefundMethod> refundMethods,
        long version) {

    public static final long DEFAULT_OFFLINE_ALLOWANCE_CENTS = 2_000;

    public CashlessPolicy {
        Objects.requireNonNull(currency, "currency");
        refundMethods = Set.copyOf(refundMethods);
        if (offlineAllowanceCents < 0 || refundFeeCents < 0) {
            throw new IllegalArgumentException("allowance and fee are zero or more");
        }
    }

    /** Until finance sets one: EUR, 20.00 offline, refunds closed, no fee, every method. */
    public static CashlessPolicy defaults() {
        return new CashlessPolicy(
                Currency.EUR, DEFAULT_OFFLINE_ALLOWANCE_CENTS, false, 0, Set.of(RefundMethod.values()), 0);
    }

    /** Where an unused balance goes after the event. */
    public enum RefundMethod {
        /** Back to the card it came from, through the payment provider. */
        CARD,
        /** A bank transfer finance pays out (refunds payable until then). */
        BANK_TRANSFER,
        /** Given to the festival's charity. */
        DONATION
    }
}
