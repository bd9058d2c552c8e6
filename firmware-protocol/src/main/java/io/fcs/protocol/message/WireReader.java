package io.fcs.protocol.message;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Ids;
import io.fcs.protocol.value.Money;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A bounds-checked cursor over a received payload. Every read checks the bytes left first; every
 * count and length is checked against its limit <em>and</em> against the bytes left before
 * anything is allocated, so a hostile length field cannot make the receiver allocate more than
 * the payload it already holds. Failures are {@link Refusal}s, turned into a {@link
 * DecodeResult.Refused} at the single entry point; they never reach the caller.
 */
final class WireReader {

    /** A refusal raised inside a codec; stackless, never escapes {@link MessageCodec}. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;
        final DecodeRefusal reason;

        Refusal(DecodeRefusal reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    private final byte[] buffer;
    private int position;

    WireReader(byte[] buffer, int position) {
        this.buffer = buffer;
        this.position = position;
    }

    int position() {
        return position;
    }

    int remaining() {
        return buffer.length - position;
    }

    static Refusal refuse(DecodeRefusal reason, String detail) {
        return new Refusal(reason, detail);
    }

    private void need(String field, int count) throws Refusal {
        if (count > remaining()) {
            throw refuse(
                    DecodeRefusal.TRUNCATED,
                    field + " needs " + count + " bytes at offset " + position + ", " + remaining() + " left");
        }
    }

    int u8(String field) throws Refusal {
        need(field, 1);
        return buffer[position++] & 0xFF;
    }

    int u16(String field) throws Refusal {
        need(field, 2);
        int value = ((buffer[position] & 0xFF) << 8) | (buffer[position + 1] & 0xFF);
        position += 2;
        return value;
    }

    /** A signed 32-bit field that must not be negative. */
    int u31(String field) throws Refusal {
        need(field, 4);
        int value = ByteBuffer.wrap(buffer, position, 4).getInt();
        position += 4;
        if (value < 0) {
            throw refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, field + " is negative: " + value);
        }
        return value;
    }

    long i64(String field) throws Refusal {
        need(field, 8);
        long value = ByteBuffer.wrap(buffer, position, 8).getLong();
        position += 8;
        return value;
    }

    /** A signed 64-bit field that must be at least {@code min}. */
    long i64AtLeast(String field, long min) throws Refusal {
        long value = i64(field);
        if (value < min) {
            throw refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, field + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    UUID uuid(String field) throws Refusal {
        need(field, 16);
        UUID value = Ids.fromBytes(buffer, position);
        position += 16;
        return value;
    }

    byte[] bytes(String field, int length) throws Refusal {
        need(field, length);
        byte[] value = new byte[length];
        System.arraycopy(buffer, position, value, 0, length);
        position += length;
        return value;
    }

    /**
     * A 16-bit element count, refused when above {@code max} or when even the smallest elements
     * ({@code minElementBytes} each) could not fit in the bytes left.
     */
    int count16(String field, int max, int minElementBytes) throws Refusal {
        return checkCount(field, u16(field), max, minElementBytes);
    }

    /** As {@link #count16} for a 32-bit count (negative values are refused). */
    int count32(String field, int max, int minElementBytes) throws Refusal {
        need(field, 4);
        int value = ByteBuffer.wrap(buffer, position, 4).getInt();
        position += 4;
        return checkCount(field, value, max, minElementBytes);
    }

    private int checkCount(String field, int count, int max, int minElementBytes) throws Refusal {
        if (count < 0 || count > max) {
            throw refuse(DecodeRefusal.LENGTH_OUT_OF_RANGE, field + " " + count + " outside 0.." + max);
        }
        if ((long) count * minElementBytes > remaining()) {
            throw refuse(
                    DecodeRefusal.LENGTH_OUT_OF_RANGE,
                    field + " " + count + " cannot fit in the " + remaining() + " bytes left");
        }
        return count;
    }

    /** A byte string with a 16-bit length prefix, between {@code min} and {@code max} bytes. */
    byte[] bytes16(String field, int min, int max) throws Refusal {
        int length = u16(field + " length");
        return boundedBytes(field, length, min, max);
    }

    /** A byte string with an 8-bit length prefix, between {@code min} and {@code max} bytes. */
    byte[] bytes8(String field, int min, int max) throws Refusal {
        int length = u8(field + " length");
        return boundedBytes(field, length, min, max);
    }

    private byte[] boundedBytes(String field, int length, int min, int max) throws Refusal {
        if (length < min || length > max) {
            throw refuse(
                    DecodeRefusal.LENGTH_OUT_OF_RANGE, field + " length " + length + " outside " + min + ".." + max);
        }
        if (length > remaining()) {
            throw refuse(
                    DecodeRefusal.LENGTH_OUT_OF_RANGE,
                    field + " length " + length + " exceeds the " + remaining() + " bytes left");
        }
        return bytes(field, length);
    }

    /** Strict UTF-8 text with a 16-bit byte-length prefix; malformed sequences are refused. */
    String text(String field, int minBytes, int maxBytes) throws Refusal {
        byte[] raw = bytes16(field, minBytes, maxBytes);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw refuse(DecodeRefusal.INVALID_TEXT, field + " is not well-formed UTF-8");
        }
    }

    /** A key or code: 8-bit length (1..64) then ASCII from {@code [a-z0-9._-]}. */
    String key(String field) throws Refusal {
        byte[] raw = bytes8(field, 1, Fields.MAX_KEY_BYTES);
        for (byte b : raw) {
            if (!Fields.isKeyChar(b)) {
                throw refuse(DecodeRefusal.INVALID_TEXT, field + " has a character outside [a-z0-9._-]");
            }
        }
        return new String(raw, StandardCharsets.US_ASCII);
    }

    /** Money: signed 64-bit minor units then three ASCII upper-case letters. */
    Money money(String field) throws Refusal {
        long minor = i64(field + " minor units");
        need(field + " currency", 3);
        char[] code = new char[3];
        for (int i = 0; i < 3; i++) {
            int c = buffer[position + i] & 0xFF;
            if (c < 'A' || c > 'Z') {
                throw refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, field + " currency is not three letters A-Z");
            }
            code[i] = (char) c;
        }
        position += 3;
        return Money.of(minor, Currency.of(new String(code)));
    }

    /** Money that must not be negative. */
    Money moneyNonNegative(String field) throws Refusal {
        Money money = money(field);
        if (money.isNegative()) {
            throw refuse(DecodeRefusal.FIELD_OUT_OF_RANGE, field + " must not be negative: " + money);
        }
        return money;
    }

    /** An instant as signed 64-bit milliseconds since the epoch (UTC). */
    Instant instant(String field) throws Refusal {
        return Instant.ofEpochMilli(i64(field));
    }

    /** A flags byte whose bits outside {@code allowed} must be zero. */
    int flags(String field, int allowed) throws Refusal {
        int flags = u8(field);
        if ((flags & ~allowed) != 0) {
            throw refuse(
                    DecodeRefusal.FIELD_OUT_OF_RANGE,
                    field + " has undefined bits set: 0x" + Integer.toHexString(flags & ~allowed));
        }
        return flags;
    }

    void expectEnd() throws Refusal {
        if (remaining() != 0) {
            throw refuse(
                    DecodeRefusal.TRAILING_BYTES, remaining() + " bytes after the last field at offset " + position);
        }
    }
}
