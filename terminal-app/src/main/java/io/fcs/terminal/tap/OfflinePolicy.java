package io.fcs.terminal.tap;

import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How much one wristband may spend while the edge is unreachable, per period (configurable and
 * downlinked with the zone configuration; a festival day by default). Zero disables offline
 * sales. What a wristband spent offline is kept on the chip (its offline-allowance field), so the
 * allowance holds across every terminal of the festival.
 *
 * @param allowancePerDay the allowance per period (a festival day unless {@code periodLength} says otherwise)
 * @param periodLength the period the allowance renews over; {@link #DAY} follows the festival day cut-over
 * @param plainChipAllowance the allowance per period of a plain NTAG21x wristband (clonable, no
 *     per-chip secret): zero by default, such wristbands then pay only through the edge
 */
public record OfflinePolicy(
        Money allowancePerDay, FestivalTime festivalTime, Duration periodLength, Money plainChipAllowance) {

    /**
     * The downlinked configuration setting that gives plain NTAG21x wristbands an offline
     * allowance per period, in minor units (absent or 0: online only).
     */
    public static final String PLAIN_CHIP_ALLOWANCE_SETTING = "offline.plainChipAllowanceMinor";

    public static final Duration DAY = Duration.ofDays(1);

    /**
     * Beyond this difference between the terminal's clock and the edge's, the terminal sells no
     * more offline (periods and festival days depend on the clock) and shows "clock wrong".
     */
    public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(2);

    public OfflinePolicy {
        Objects.requireNonNull(allowancePerDay, "allowancePerDay");
        Objects.requireNonNull(festivalTime, "festivalTime");
        Objects.requireNonNull(periodLength, "periodLength");
        plainChipAllowance = plainChipAllowance == null ? Money.zero(allowancePerDay.currency()) : plainChipAllowance;
        if (plainChipAllowance.isNegative() || allowancePerDay.isNegative()) {
            throw new IllegalArgumentException("an offline allowance is never negative");
        }
        if (periodLength.getSeconds() < 1 || periodLength.getNano() != 0) {
            throw new IllegalArgumentException("offline period is whole seconds, at least 1: " + periodLength);
        }
    }

    public OfflinePolicy(Money allowancePerDay, FestivalTime festivalTime, Duration periodLength) {
        this(allowancePerDay, festivalTime, periodLength, null);
    }

    public OfflinePolicy(Money allowancePerDay, FestivalTime festivalTime) {
        this(allowancePerDay, festivalTime, DAY, null);
    }

    /** The allowance per period of a wristband of that kind. */
    public Money allowanceFor(boolean plainChip) {
        return plainChip ? plainChipAllowance : allowancePerDay;
    }

    /**
     * The plain-chip allowance a configuration setting gives ({@link #PLAIN_CHIP_ALLOWANCE_SETTING}):
     * zero when absent, unreadable or negative.
     */
    public static long plainChipAllowanceMinor(java.util.Optional<String> setting) {
        try {
            return Math.max(0, setting.map(String::strip).map(Long::parseLong).orElse(0L));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The period number the chip carries: the festival day's epoch day, or whole periods since 1970. */
    public long periodNumber(Instant at) {
        return periodLength.equals(DAY)
                ? festivalTime.festivalDay(at).toEpochDay()
                : Math.floorDiv(at.getEpochSecond(), periodLength.getSeconds());
    }

    /** The period's name in the terminal's own count of offline spending. */
    public String period(Instant at) {
        return periodLength.equals(DAY) ? festivalTime.festivalDay(at).toString() : "p" + periodNumber(at);
    }
}
