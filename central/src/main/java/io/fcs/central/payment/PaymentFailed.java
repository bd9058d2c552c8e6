package io.fcs.central.payment;

import java.util.UUID;

/** Published when the provider reports a capture failed after an accepted authorisation. */
public record PaymentFailed(UUID paymentId, String purpose, UUID referenceId, String reason) {}
