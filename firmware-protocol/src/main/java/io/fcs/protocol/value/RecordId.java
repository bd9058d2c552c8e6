package io.fcs.protocol.value;

import java.util.Objects;
import java.util.UUID;

/** A signed transaction record, unique across all terminals. */
public record RecordId(UUID value) {

    public RecordId {
        Objects.requireNonNull(value, "RecordId value");
    }

    public static RecordId of(UUID value) {
        return new RecordId(value);
    }

    /** Parses the canonical UUID text form; throws {@link IllegalArgumentException} otherwise. */
    public static RecordId parse(String text) {
        return new RecordId(Ids.parseUuid("RecordId", text));
    }

    public static RecordId random() {
        return new RecordId(UUID.randomUUID());
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
