package io.fcs.central.payment;

import java.util.UUID;

/**
 * The provider confirmed a card refund finance had already settled another way ({@code settledAs}:
 * RETRIED, TRANSFERRED, WRITTEN_OFF): the money left the provider too, so the attendee was paid
 * twice; booked, and finance is asked to recover it (decision 0220).
 */
public record CardRefundConfirmedLate(
        UUID refundId, UUID paymentId, UUID festivalId, long amountCents, String currency, String settledAs) {}
