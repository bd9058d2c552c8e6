package io.fcs.protocol.record;

import java.util.Objects;
import java.util.UUID;

/** A member of staff (bar staff, cashier, gate security) as enrolled by central. */
public record OperatorId(UUID value) {

    public OperatorId {
        Objects.requireNonNull(value, "OperatorId value");
    }

    public static OperatorId of(UUID value) {
        return new OperatorId(value);
    }

    /** Parses the canonical UUID text form; throws {@link IllegalArgumentException} otherwise. */
    public static OperatorId parse(String text) {
        if (text == null || text.length() != 36) {
            throw new IllegalArgumentException("OperatorId must be a UUID, was " + text);
        }
        try {
            UUID uuid = UUID.fromString(text);
            if (!uuid.toString().equalsIgnoreCase(text)) {
                throw new IllegalArgumentException("OperatorId must be a UUID, was " + text);
            }
            return new OperatorId(uuid);
        } catch (IllegalArgumentException notUuid) {
            throw new IllegalArgumentException("OperatorId must be a UUID, was " + text, notUuid);
        }
    }

    public static OperatorId random() {
        return new OperatorId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
