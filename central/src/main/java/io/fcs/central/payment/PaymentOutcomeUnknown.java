package io.fcs.central.payment;

import java.util.UUID;

/**
 * Published (committed) when the provider gave no answer to an authorisation (timeout, broken
 * connection): the card may or may not have been charged. The payment stays PENDING; a later
 * webhook still confirms or fails it. Finance gets a review item to check with the provider.
 */
public record PaymentOutcomeUnknown(
        UUID paymentId,
        String purpose,
        UUID referenceId,
        UUID festivalId,
        long amountCents,
        String currency,
        String detail) {}
