package io.fcs.protocol.ticket;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Base45 (RFC 9285): bytes as text of the QR alphanumeric set, so a QR code holds them in its
 * dense alphanumeric mode. Each 2 bytes become 3 characters, a last single byte 2 characters.
 */
public final class Base45 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private static final int[] VALUE = new int[128];

    static {
        java.util.Arrays.fill(VALUE, -1);
        for (int i = 0; i < ALPHABET.length(); i++) {
            VALUE[ALPHABET.charAt(i)] = i;
        }
    }

    private Base45() {}

    /** The number of characters {@code byteCount} bytes encode to. */
    public static int encodedLength(int byteCount) {
        return byteCount / 2 * 3 + byteCount % 2 * 2;
    }

    public static String encode(byte[] bytes) {
        StringBuilder out = new StringBuilder(encodedLength(bytes.length));
        int i = 0;
        for (; i + 1 < bytes.length; i += 2) {
            int n = ((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff);
            out.append(ALPHABET.charAt(n % 45));
            out.append(ALPHABET.charAt(n / 45 % 45));
            out.append(ALPHABET.charAt(n / 2025));
        }
        if (i < bytes.length) {
            int n = bytes[i] & 0xff;
            out.append(ALPHABET.charAt(n % 45));
            out.append(ALPHABET.charAt(n / 45));
        }
        return out.toString();
    }

    public static String encode(String utf8) {
        return encode(utf8.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes Base45 text; empty when the text has a character outside the alphabet, a length of
     * 1 modulo 3, or a group whose value does not fit (above 65535, or above 255 for a last pair).
     */
    public static Optional<byte[]> decode(CharSequence text) {
        if (text == null || text.length() % 3 == 1) {
            return Optional.empty();
        }
        int length = text.length();
        byte[] out = new byte[length / 3 * 2 + (length % 3 == 2 ? 1 : 0)];
        int o = 0;
        for (int i = 0; i < length; i += 3) {
            int c = value(text.charAt(i));
            int d = value(text.charAt(i + 1));
            if (c < 0 || d < 0) {
                return Optional.empty();
            }
            if (i + 2 < length) {
                int e = value(text.charAt(i + 2));
                if (e < 0) {
                    return Optional.empty();
                }
                int n = c + d * 45 + e * 2025;
                if (n > 0xffff) {
                    return Optional.empty();
                }
                out[o++] = (byte) (n >>> 8);
                out[o++] = (byte) n;
            } else {
                int n = c + d * 45;
                if (n > 0xff) {
                    return Optional.empty();
                }
                out[o++] = (byte) n;
            }
        }
        return Optional.of(out);
    }

    private static int value(char c) {
        return c < 128 ? VALUE[c] : -1;
    }
}
