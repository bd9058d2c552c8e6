package io.fcs.terminal.store;

import java.time.Instant;
import java.util.Objects;

/** A passage through a gate: this gate's own, or one broadcast by another gate of the zone. */
public record CheckIn(String ticketId, String uid, String place, Instant at, Direction direction, String source) {

    public enum Direction {
        IN,
        OUT
    }

    public CheckIn {
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(source, "source");
    }
}
