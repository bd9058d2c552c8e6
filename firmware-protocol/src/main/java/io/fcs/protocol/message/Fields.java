package io.fcs.protocol.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/** Validation shared by the message factories: what cannot be encoded is refused at construction. */
final class Fields {

    static final int MAX_KEY_BYTES = 64;

    private Fields() {}

    static boolean isKeyChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    }

    /** A key or code: 1..64 characters from {@code [a-z0-9._-]}. */
    static String key(String field, String key) {
        Objects.requireNonNull(key, field);
        if (key.isEmpty() || key.length() > MAX_KEY_BYTES || !key.chars().allMatch(Fields::isKeyChar)) {
            throw new IllegalArgumentException(field + " must be 1.." + MAX_KEY_BYTES + " of [a-z0-9._-], was " + key);
        }
        return key;
    }

    /** A list version: 1 or more (0 means "none held" in presence). */
    static long version(String field, long version) {
        return atLeast(field, version, 1);
    }

    /** Text that encodes to between {@code min} and {@code max} UTF-8 bytes and has no lone surrogate. */
    static String text(String field, String text, int min, int max) {
        Objects.requireNonNull(text, field);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    throw new IllegalArgumentException(field + " has a lone surrogate at " + i);
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException(field + " has a lone surrogate at " + i);
            }
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < min || bytes > max) {
            throw new IllegalArgumentException(field + " must be " + min + ".." + max + " UTF-8 bytes, was " + bytes);
        }
        return text;
    }

    static <T> List<T> list(String field, List<T> list, int max) {
        Objects.requireNonNull(list, field);
        List<T> copy = List.copyOf(list);
        if (copy.size() > max) {
            throw new IllegalArgumentException(field + " holds at most " + max + " entries, was " + copy.size());
        }
        return copy;
    }

    static long atLeast(String field, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    static OpaqueBytes bytes(String field, OpaqueBytes bytes, int min, int max) {
        Objects.requireNonNull(bytes, field);
        if (bytes.length() < min || bytes.length() > max) {
            throw new IllegalArgumentException(
                    field + " must be " + min + ".." + max + " bytes, was " + bytes.length());
        }
        return bytes;
    }

    /** Instants travel as milliseconds since the epoch: sub-millisecond parts are dropped here. */
    static java.time.Instant millis(String field, java.time.Instant instant) {
        Objects.requireNonNull(instant, field);
        try {
            return java.time.Instant.ofEpochMilli(instant.toEpochMilli());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " is outside the 64-bit millisecond range: " + instant, e);
        }
    }

    static io.fcs.protocol.value.Money nonNegative(String field, io.fcs.protocol.value.Money money) {
        Objects.requireNonNull(money, field);
        if (money.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, was " + money);
        }
        return money;
    }
}
