package io.fcs.protocol.message;

import io.fcs.protocol.value.Ids;
import io.fcs.protocol.value.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/** Appends big-endian fields to a growing buffer; the mirror of {@link WireReader}. */
final class WireWriter {

    private byte[] buffer = new byte[128];
    private int size;

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }

    WireWriter u8(int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException("u8 out of range: " + value);
        }
        ensure(1);
        buffer[size++] = (byte) value;
        return this;
    }

    WireWriter u16(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("u16 out of range: " + value);
        }
        ensure(2);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
        return this;
    }

    WireWriter i32(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    WireWriter i64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
        return this;
    }

    WireWriter uuid(UUID value) {
        return raw(Ids.toBytes(value));
    }

    WireWriter raw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
        return this;
    }

    WireWriter bytes16(byte[] bytes) {
        return u16(bytes.length).raw(bytes);
    }

    WireWriter bytes8(byte[] bytes) {
        return u8(bytes.length).raw(bytes);
    }

    WireWriter text(String text) {
        return bytes16(text.getBytes(StandardCharsets.UTF_8));
    }

    WireWriter key(String key) {
        return bytes8(key.getBytes(StandardCharsets.US_ASCII));
    }

    WireWriter money(Money money) {
        return i64(money.minor()).raw(money.currency().code().getBytes(StandardCharsets.US_ASCII));
    }

    WireWriter instant(Instant instant) {
        return i64(instant.toEpochMilli());
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }
}
