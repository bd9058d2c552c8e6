package io.fcs.protocol.value;

import java.util.Objects;
import java.util.UUID;

/** A zone of a festival (a bar area, an entrance, a backstage); one edge node serves it. */
public record ZoneId(UUID value) {

    public ZoneId {
        Objects.requireNonNull(value, "ZoneId value");
    }

    public static ZoneId of(UUID value) {
        return new ZoneId(value);
    }

    /** Parses the canonical UUID text form; throws {@link IllegalArgumentException} otherwise. */
    public static ZoneId parse(String text) {
        return new ZoneId(Ids.parseUuid("ZoneId", text));
    }

    public static ZoneId random() {
        return new ZoneId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
