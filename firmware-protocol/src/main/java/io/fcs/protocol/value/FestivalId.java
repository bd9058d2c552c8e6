package io.fcs.protocol.value;

import java.util.Objects;
import java.util.UUID;

/** A festival: the scope of every wallet, ticket, zone and record. */
public record FestivalId(UUID value) {

    public FestivalId {
        Objects.requireNonNull(value, "FestivalId value");
    }

    public static FestivalId of(UUID value) {
        return new FestivalId(value);
    }

    /** Parses the canonical UUID text form; throws {@link IllegalArgumentException} otherwise. */
    public static FestivalId parse(String text) {
        return new FestivalId(Ids.parseUuid("FestivalId", text));
    }

    public static FestivalId random() {
        return new FestivalId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
