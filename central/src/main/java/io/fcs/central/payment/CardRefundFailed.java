package io.fcs.central.payment;

import java.util.UUID;

/**
 * A card refund ended FAILED (the provider refused it, or never answered after every attempt):
 * its money is still owed in refunds payable and finance has to act (decision 0220). Published in
 * the transaction that marks it FAILED; the finance package raises the review item.
 */
public record CardRefundFailed(
        UUID refundId,
        UUID paymentId,
        UUID festivalId,
        String source,
        UUID sourceId,
        long amountCents,
        String currency,
        String reason) {}
