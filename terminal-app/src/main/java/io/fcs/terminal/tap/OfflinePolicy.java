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
 */
public record OfflinePolicy(Money allowancePerDay, FestivalTime festivalTime, Duration periodLength) {

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
        if (periodLength.getSeconds() < 1 || periodLength.getNano() != 0) {
            throw new IllegalArgumentException("offline period is whole seconds, at least 1: " + periodLength);
        }
    }

    public OfflinePolicy(Money allowancePerDay, FestivalTime festivalTime) {
        this(allowancePerDay, festivalTime, DAY);
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
