package io.fcs.protocol.record;

import java.util.Objects;
import java.util.UUID;

/** A staff member's shift on one terminal; cash drawers are reconciled per shift. */
public record ShiftId(UUID value) {

    public ShiftId {
        Objects.requireNonNull(value, "ShiftId value");
    }

    public static ShiftId of(UUID value) {
        return new ShiftId(value);
    }

    /** Parses the canonical UUID text form; throws {@link IllegalArgumentException} otherwise. */
    public static ShiftId parse(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("ShiftId must be a UUID, was " + text);
        }
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException("ShiftId must be a UUID, was " + text);
            }
            return new ShiftId(uuid);
        } catch (IllegalArgumentException notUuid) {
            throw new IllegalArgumentException("ShiftId must be a UUID, was " + text, notUuid);
        }
    }

    public static ShiftId random() {
        return new ShiftId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
