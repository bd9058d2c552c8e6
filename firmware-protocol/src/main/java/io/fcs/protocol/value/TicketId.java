package io.fcs.protocol.value;

import java.util.Objects;
import java.util.UUID;

/** An issued ticket. */
public record TicketId(UUID value) {

    public TicketId {
        Objects.requireNonNull(value, "TicketId value");
    }

    public static TicketId of(UUID value) {
        return new TicketId(value);
    }

    /** Parses the canonical UUID text form; throws {@link IllegalArgumentException} otherwise. */
    public static TicketId parse(String text) {
        return new TicketId(Ids.parseUuid("TicketId", text));
    }

    public static TicketId random() {
        return new TicketId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
