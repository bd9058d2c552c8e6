package io.fcs.protocol.value;

import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.regex.Pattern;

/** Helpers shared by the typed ids: strict UUID parsing and the 16-byte wire form. */
public final class Ids {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private Ids() {}

    static UUID parseUuid(String kind, String text) {
        if (text == null || !CANONICAL.matcher(text).matches()) {
            throw new IllegalArgumentException(kind + " must be a UUID, was " + text);
        }
        return UUID.fromString(text);
    }

    /** The 16 big-endian bytes of a UUID, as every wire format carries it. */
    public static byte[] toBytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    public static UUID fromBytes(byte[] bytes, int offset) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, 16);
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
