package io.fcs.central.payment;

import java.util.UUID;

/**
 * Published inside the webhook's transaction when the provider confirms a capture; the package
 * that started the payment ({@code purpose}) completes its side (e.g. tickets become VALID).
 */
public record PaymentConfirmed(UUID paymentId, String purpose, UUID referenceId, long amountCents, String currency) {}
