package io.fcs.terminal.kiosk;

import io.fcs.protocol.value.Money;

/** Port to the card payment provider (a payment terminal or a PSP's API). */
public interface PaymentProvider {

    /** Charges the card; {@code reference} is the top-up record id (idempotency key at the provider). */
    PaymentResult charge(Money amount, String reference);

    sealed interface PaymentResult permits Paid, Declined {}

    record Paid(String providerReference) implements PaymentResult {}

    record Declined(String reason) implements PaymentResult {}
}
