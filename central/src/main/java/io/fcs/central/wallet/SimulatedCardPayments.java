package io.fcs.central.wallet;

import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The embedded-default provider: approves every charge and refund at once, with a reference
 * derived from the caller's, as a provider in test mode does. Amounts above {@link #DECLINE_ABOVE}
 * are declined, so the declined path can be exercised without a real provider.
 */
@Component
class SimulatedCardPayments implements CardPayments {

    static final long DECLINE_ABOVE = 100_000_000L;

    @Override
    public Outcome charge(FestivalId festival, UUID payer, Money amount, String method, String reference) {
        if (amount.minor() > DECLINE_ABOVE) {
            return new Declined("amount above the simulated card limit");
        }
        return new Approved("sim-charge-" + reference);
    }

    @Override
    public Outcome refund(FestivalId festival, UUID payer, Money amount, String reference) {
        return new Approved("sim-refund-" + reference);
    }
}
