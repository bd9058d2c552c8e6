package io.fcs.central.ticketing;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** A kind of ticket of a festival; {@code typeCode} is how QR tickets name it. */
public record TicketType(
        UUID id,
        UUID festivalId,
        int typeCode,
        String name,
        long priceCents,
        String currency,
        int quota,
        int sold,
        List<LocalDate> validDays,
        List<UUID> zoneIds) {}
