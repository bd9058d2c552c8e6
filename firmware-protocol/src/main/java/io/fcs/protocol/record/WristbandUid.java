package io.fcs.protocol.record;

import io.fcs.protocol.crypto.Bytes;
import java.util.Arrays;

/**
 * A wristband chip's UID as a record carries it: 4 to 10 bytes (single, double or triple size
 * ISO 14443 UIDs; NTAG and Ultralight AES have 7).
 */
public final class WristbandUid {

    public static final int MIN_LENGTH = 4;
    public static final int MAX_LENGTH = 10;

    private final byte[] bytes;

    private WristbandUid(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException unless 4..10 bytes */
    public static WristbandUid of(byte[] bytes) {
        if (bytes == null || bytes.length < MIN_LENGTH || bytes.length > MAX_LENGTH) {
            throw new IllegalArgumentException("wristband UID must be " + MIN_LENGTH + ".." + MAX_LENGTH
                    + " bytes, was " + (bytes == null ? "missing" : bytes.length + " bytes"));
        }
        return new WristbandUid(bytes.clone());
    }

    /** Parses hex such as {@code 04782E21801D80}. */
    public static WristbandUid parse(String hex) {
        try {
            return of(Bytes.fromHex(hex));
        } catch (IllegalArgumentException | NullPointerException notHex) {
            throw new IllegalArgumentException("wristband UID must be 4..10 bytes of hex, was " + hex, notHex);
        }
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WristbandUid that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Upper-case hex, as printed on staff screens. */
    @Override
    public String toString() {
        return Bytes.hex(bytes).toUpperCase(java.util.Locale.ROOT);
    }
}
