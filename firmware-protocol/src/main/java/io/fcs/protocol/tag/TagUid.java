package io.fcs.protocol.tag;

import io.fcs.protocol.crypto.Bytes;
import java.util.Arrays;

/**
 * The anti-collision identifier of a tag: 4, 7 or 10 bytes (ISO/IEC 14443-3 single, double,
 * triple size). NTAG21x and Ultralight-class chips have 7-byte UIDs. Signed chip states bind it.
 */
public record TagUid(byte[] bytes) {

    public TagUid {
        if (bytes == null) {
            throw new IllegalArgumentException("tag UID is missing");
        }
        if (bytes.length != 4 && bytes.length != 7 && bytes.length != 10) {
            throw new IllegalArgumentException("tag UID must be 4, 7 or 10 bytes, was " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static TagUid of(byte[] bytes) {
        return new TagUid(bytes);
    }

    public static TagUid fromHex(String hex) {
        return new TagUid(Bytes.fromHex(hex));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    public String hex() {
        return Bytes.hex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof TagUid that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "TagUid[" + hex() + "]";
    }
}
