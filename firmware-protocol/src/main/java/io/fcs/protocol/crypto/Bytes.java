package io.fcs.protocol.crypto;

import java.util.HexFormat;

/** Small byte helpers used by every codec: hex for logs and vectors, constant-time compare. */
public final class Bytes {

    private static final HexFormat HEX = HexFormat.of();

    private Bytes() {}

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex.replace(" ", "").replace("\n", ""));
    }

    /** Compares in time independent of where the arrays differ (MACs, signatures, keys). */
    public static boolean constantTimeEquals(byte[] a, byte[] b) {
        return java.security.MessageDigest.isEqual(a, b);
    }

    static byte[] requireLength(String what, byte[] bytes, int length) {
        if (bytes == null) {
            throw new IllegalArgumentException(what + " is missing");
        }
        if (bytes.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes, was " + bytes.length);
        }
        return bytes.clone();
    }
}
