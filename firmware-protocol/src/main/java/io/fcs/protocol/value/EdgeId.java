package io.fcs.protocol.value;

import java.util.Objects;
import java.util.UUID;

/** An edge node, as enrolled by provisioning. */
public record EdgeId(UUID value) {

    public EdgeId {
        Objects.requireNonNull(value, "EdgeId value");
    }

    public static EdgeId of(UUID value) {
        return new EdgeId(value);
    }

    /** Parses the canonical UUID text form; throws {@link IllegalArgumentException} otherwise. */
    public static EdgeId parse(String text) {
        return new EdgeId(Ids.parseUuid("EdgeId", text));
    }

    public static EdgeId random() {
        return new EdgeId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
