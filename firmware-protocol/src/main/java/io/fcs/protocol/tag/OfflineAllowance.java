package io.fcs.protocol.tag;

import io.fcs.protocol.value.Money;
import java.util.Objects;

/**
 * What a wristband may still spend without the edge in the current period, and what it has spent
 * offline in it. Amounts fit the chip's unsigned 32-bit fields and share the balance's currency.
 */
public record OfflineAllowance(long period, Money remaining, Money spent) {

    public static final long MAX_FIELD = 0xFFFF_FFFFL;

    public OfflineAllowance {
        Objects.requireNonNull(remaining, "remaining");
        Objects.requireNonNull(spent, "spent");
        requireField("offline period", period);
        requireField("offline remaining", remaining.minor());
        requireField("offline spent", spent.minor());
        if (!remaining.currency().equals(spent.currency())) {
            throw new IllegalArgumentException(
                    "offline remaining and spent differ in currency: " + remaining + ", " + spent);
        }
    }

    /** No offline spending at all (the NTAG21x default). */
    public static OfflineAllowance none(long period, io.fcs.protocol.value.Currency currency) {
        return new OfflineAllowance(period, Money.zero(currency), Money.zero(currency));
    }

    private static void requireField(String what, long value) {
        if (value < 0 || value > MAX_FIELD) {
            throw new IllegalArgumentException(what + " must be 0.." + MAX_FIELD + ", was " + value);
        }
    }
}
