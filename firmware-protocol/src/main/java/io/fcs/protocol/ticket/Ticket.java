package io.fcs.protocol.ticket;

import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TicketId;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a QR ticket says: which ticket of which festival, its type, the days and zones it admits
 * to, and optionally the holder's initials (for a glance at an ID, never the name).
 *
 * @param typeCode the festival's ticket type number, 0..65535
 * @param initials 1..3 letters A-Z, or empty
 */
public record Ticket(
        TicketId id, FestivalId festival, int typeCode, ValidDays days, Zones zones, Optional<String> initials) {

    public static final int MAX_TYPE_CODE = 0xffff;
    public static final int MAX_INITIALS = 3;

    private static final Pattern INITIALS = Pattern.compile("[A-Z]{1," + MAX_INITIALS + "}");

    public Ticket {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(festival, "festival");
        Objects.requireNonNull(days, "days");
        Objects.requireNonNull(zones, "zones");
        Objects.requireNonNull(initials, "initials");
        if (typeCode < 0 || typeCode > MAX_TYPE_CODE) {
            throw new IllegalArgumentException("ticket type code must be 0.." + MAX_TYPE_CODE + ", was " + typeCode);
        }
        if (initials.isPresent() && !INITIALS.matcher(initials.get()).matches()) {
            throw new IllegalArgumentException("initials must be 1..3 letters A-Z, was " + initials.get());
        }
    }

    public static Ticket of(TicketId id, FestivalId festival, int typeCode, ValidDays days, Zones zones) {
        return new Ticket(id, festival, typeCode, days, zones, Optional.empty());
    }

    public Ticket withInitials(String holderInitials) {
        return new Ticket(id, festival, typeCode, days, zones, Optional.of(holderInitials));
    }
}
