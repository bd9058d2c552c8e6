package io.fcs.central.wallet;

import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import java.util.UUID;

/**
 * The payment service provider as the wallet sees it: charge an attendee's card for an online
 * top-up, and pay an unused balance back to the card after the event. The reference is the
 * caller's idempotency key: the provider must treat a repeated reference as the same operation.
 */
public interface CardPayments {

    Outcome charge(FestivalId festival, UUID payer, Money amount, String method, String reference);

    Outcome refund(FestivalId festival, UUID payer, Money amount, String reference);

    /** What the provider answered. */
    sealed interface Outcome permits Approved, Declined {}

    /** Money moved; {@code pspReference} identifies it at the provider. */
    record Approved(String pspReference) implements Outcome {}

    /** Nothing moved. */
    record Declined(String reason) implements Outcome {}
}
