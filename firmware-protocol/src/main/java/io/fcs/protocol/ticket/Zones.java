package io.fcs.protocol.ticket;

import java.util.ArrayList;
import java.util.List;

/**
 * The zones a ticket opens, as a 32-bit mask of the festival's zone numbers 0..31 (each zone of
 * a festival has a number in its configuration; a gate knows its own). At least one zone.
 */
public record Zones(int mask) {

    public static final int MAX_ZONES = 32;
    /** Every zone of the festival. */
    public static final Zones ALL = new Zones(-1);

    public Zones {
        if (mask == 0) {
            throw new IllegalArgumentException("a ticket opens at least one zone");
        }
    }

    public static Zones of(int... zoneNumbers) {
        int mask = 0;
        for (int zone : zoneNumbers) {
            mask |= bit(zone);
        }
        return new Zones(mask);
    }

    public boolean contains(int zoneNumber) {
        return zoneNumber >= 0 && zoneNumber < MAX_ZONES && (mask & (1 << zoneNumber)) != 0;
    }

    public List<Integer> numbers() {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < MAX_ZONES; i++) {
            if ((mask & (1 << i)) != 0) {
                numbers.add(i);
            }
        }
        return List.copyOf(numbers);
    }

    private static int bit(int zone) {
        if (zone < 0 || zone >= MAX_ZONES) {
            throw new IllegalArgumentException("zone number must be 0.." + (MAX_ZONES - 1) + ", was " + zone);
        }
        return 1 << zone;
    }

    @Override
    public String toString() {
        return numbers().toString();
    }
}
