package io.fcs.central.ticketing;

import java.time.Instant;
import java.util.UUID;

/** A sold ticket as stored (holder name decrypted). */
public record IssuedTicket(
        UUID id,
        UUID festivalId,
        UUID ticketTypeId,
        String type,
        UUID ownerId,
        String holderName,
        long priceCents,
        String currency,
        String qrCode,
        Status status,
        Instant createdAt) {

    public enum Status {
        /** Reserved, waiting for the payment to be confirmed. */
        PENDING,
        VALID,
        REFUNDED,
        /** Payment failed or an admin cancelled it. */
        CANCELLED,
        /**
         * Revoked for entry because copies of it were admitted (an admission conflict, decision
         * 0280): refused at every gate as FRAUD; its payment stays with the festival.
         */
        REVOKED
    }
}
