package io.fcs.protocol.value;

import java.util.Objects;
import java.util.UUID;

/** A POS, gate or kiosk terminal, as enrolled by provisioning. */
public record TerminalId(UUID value) {

    public TerminalId {
        Objects.requireNonNull(value, "TerminalId value");
    }

    public static TerminalId of(UUID value) {
        return new TerminalId(value);
    }

    /** Parses the canonical UUID text form; throws {@link IllegalArgumentException} otherwise. */
    public static TerminalId parse(String text) {
        return new TerminalId(Ids.parseUuid("TerminalId", text));
    }

    public static TerminalId random() {
        return new TerminalId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
