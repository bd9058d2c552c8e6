package io.fcs.protocol.message;

import io.fcs.protocol.crypto.Bytes;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable byte string carried as-is by a message (a signed record, the chip state as read, a
 * wristband UID). Equality is by content, so messages holding it compare by value.
 */
public final class OpaqueBytes {

    private final byte[] bytes;

    private OpaqueBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    public static OpaqueBytes of(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return new OpaqueBytes(bytes.clone());
    }

    public static OpaqueBytes fromHex(String hex) {
        return new OpaqueBytes(Bytes.fromHex(hex));
    }

    /** Wraps an array the caller no longer touches (decoder only). */
    static OpaqueBytes adopt(byte[] bytes) {
        return new OpaqueBytes(bytes);
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public String hex() {
        return Bytes.hex(bytes);
    }

    byte[] unsafeArray() {
        return bytes;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OpaqueBytes that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length <= 32 ? hex() : Bytes.hex(Arrays.copyOf(bytes, 32)) + "…(" + bytes.length + " bytes)";
    }
}
