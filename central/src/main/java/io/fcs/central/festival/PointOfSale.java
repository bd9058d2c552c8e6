package io.fcs.central.festival;

import java.util.List;
import java.util.UUID;

/** A bar, top-up desk or kiosk with its price list. */
public record PointOfSale(UUID id, UUID festivalId, UUID zoneId, String name, Kind kind, List<Product> products) {

    public enum Kind {
        BAR,
        TOP_UP_DESK,
        KIOSK
    }

    public record Product(String code, String name, long priceCents, String category) {}
}
