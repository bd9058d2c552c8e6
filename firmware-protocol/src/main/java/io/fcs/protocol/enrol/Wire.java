package io.fcs.protocol.enrol;

import io.fcs.protocol.enrol.EnrolmentFormatException.Reason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Big-endian writer and bounds-checked reader shared by the enrolment codecs. */
final class Wire {

    private Wire() {}

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);

        Writer bytes(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Writer u8(int value) {
            if (value < 0 || value > 0xff) {
                throw new IllegalArgumentException("value does not fit one byte: " + value);
            }
            out.write(value);
            return this;
        }

        Writer u16(int value) {
            if (value < 0 || value > 0xffff) {
                throw new IllegalArgumentException("value does not fit two bytes: " + value);
            }
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        Writer i64(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (value >>> shift));
            }
            return this;
        }

        Writer uuid(UUID uuid) {
            return i64(uuid.getMostSignificantBits()).i64(uuid.getLeastSignificantBits());
        }

        Writer text16(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            return u16(utf8.length).bytes(utf8);
        }

        Writer blob16(byte[] blob) {
            return u16(blob.length).bytes(blob);
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    static final class Reader {
        private final byte[] data;
        private final int end;
        private int position;

        Reader(byte[] data, int offset, int end) {
            this.data = data;
            this.position = offset;
            this.end = end;
        }

        int position() {
            return position;
        }

        int remaining() {
            return end - position;
        }

        private void need(int count, String field) {
            if (count < 0 || end - position < count) {
                throw new EnrolmentFormatException(
                        Reason.TRUNCATED, field + " needs " + count + " bytes at offset " + position);
            }
        }

        byte[] bytes(int count, String field) {
            need(count, field);
            byte[] out = new byte[count];
            System.arraycopy(data, position, out, 0, count);
            position += count;
            return out;
        }

        int u8(String field) {
            need(1, field);
            return data[position++] & 0xff;
        }

        int u16(String field) {
            need(2, field);
            int value = ((data[position] & 0xff) << 8) | (data[position + 1] & 0xff);
            position += 2;
            return value;
        }

        long i64(String field) {
            need(8, field);
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (data[position++] & 0xff);
            }
            return value;
        }

        UUID uuid(String field) {
            need(16, field);
            return new UUID(i64(field), i64(field));
        }

        String text16(String field) {
            int length = u16(field + " length");
            byte[] utf8 = bytes(length, field);
            var decoder = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
            try {
                return decoder.decode(java.nio.ByteBuffer.wrap(utf8)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw new EnrolmentFormatException(Reason.BAD_FIELD, field + " is not UTF-8");
            }
        }

        byte[] blob16(String field) {
            return bytes(u16(field + " length"), field);
        }
    }
}
