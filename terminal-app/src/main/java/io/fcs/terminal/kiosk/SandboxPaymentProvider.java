package io.fcs.terminal.kiosk;

import io.fcs.protocol.value.Money;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * A payment provider for tests, demos and the simulation: approves everything except amounts
 * whose cents are {@code 13} (declined, "card declined") and {@code 14} (declined, "provider
 * unreachable"); the same reference twice answers the first result (idempotent, like a PSP).
 */
public final class SandboxPaymentProvider implements PaymentProvider {

    private final ConcurrentMap<String, PaymentResult> byReference = new ConcurrentHashMap<>();

    @Override
    public PaymentResult charge(Money amount, String reference) {
        return byReference.computeIfAbsent(reference, ref -> {
            long cents = Math.floorMod(amount.minor(), 100);
            if (cents == 13) {
                return new Declined("card declined");
            }
            if (cents == 14) {
                return new Declined("provider unreachable");
            }
            return new Paid("sandbox-" + ref);
        });
    }

    public int payments() {
        return (int)
                byReference.values().stream().filter(Paid.class::isInstance).count();
    }
}
