package io.fcs.protocol.value;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A festival's local clock. Instants are stored and transmitted in UTC; people read them in the
 * festival's time zone, and a festival <em>day</em> does not end at midnight: the night of Friday
 * belongs to Friday until the day cut-over (06:00 by default). Ticket validity days and gate
 * rules use {@link #festivalDay(Instant)}.
 */
public record FestivalTime(ZoneId zone, LocalTime dayCutover) {

    public static final LocalTime DEFAULT_CUTOVER = LocalTime.of(6, 0);

    public FestivalTime {
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(dayCutover, "dayCutover");
    }

    public static FestivalTime of(String zoneId) {
        return new FestivalTime(ZoneId.of(zoneId), DEFAULT_CUTOVER);
    }

    public ZonedDateTime local(Instant instant) {
        return instant.atZone(zone);
    }

    /** The festival day an instant belongs to: before the cut-over it is still the previous day. */
    public LocalDate festivalDay(Instant instant) {
        ZonedDateTime local = local(instant);
        LocalDate date = local.toLocalDate();
        return local.toLocalTime().isBefore(dayCutover) ? date.minusDays(1) : date;
    }

    /** Short wall-clock form for staff screens, e.g. {@code 21:04}. */
    public String clock(Instant instant) {
        ZonedDateTime local = local(instant);
        return "%02d:%02d".formatted(local.getHour(), local.getMinute());
    }
}
