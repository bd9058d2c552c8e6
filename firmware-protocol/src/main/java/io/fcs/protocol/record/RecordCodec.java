package io.fcs.protocol.record;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Ids;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one canonical byte encoding of a {@link TransactionRecord} (the "signed bytes"), and the
 * wire form of a {@link SignedRecord} ({@code signedBytes || signature}). Big-endian; ids are
 * 16-byte UUIDs; every value has exactly one encoding, so {@code encode(decode(b)) == b} for all
 * bytes that decode.
 *
 * <pre>
 * offset  size  field
 * ------  ----  -----------------------------------------------------------------
 *      0     1  version                      0x01
 *      1     1  kind                         RecordKind.code()  (1..10)
 *      2    16  record id                    UUID
 *     18    16  festival id                  UUID
 *     34    16  terminal id                  UUID
 *     50     8  sequence                     int64, >= 1
 *     58    32  previous record hash         32 bytes (GENESIS = zeros for sequence 1)
 *     90    16  operator id                  UUID
 *    106    16  shift id                     UUID
 *    122     8  time                         int64, ms since 1970-01-01T00:00Z
 *    130     1  authority                    Authority.code()  (1..3)
 *    131     1  flags                        bit0 WALLET, bit1 TICKET, bit2 REFERENCES,
 *                                            bit3 CHIP; other bits must be 0
 *    132     1  wristband UID length n       0 (none) or 4..10
 *    133     n  wristband UID
 *      then, each only when its flag is set:
 *           16  wallet id                    UUID               (WALLET)
 *           16  ticket id                    UUID               (TICKET)
 *           16  referenced record id         UUID               (REFERENCES)
 *            4  chip counter before          uint32             (CHIP)
 *            4  chip counter after           uint32             (CHIP)
 *      then:
 *            3  currency                     ASCII ISO 4217, e.g. "EUR"
 *            8  amount                       int64 minor units, >= 0
 *            1  payment method               0 none, else PaymentMethod.code() (1..4)
 *            1  line count m                 0..64
 *      m times:
 *            1  product code length k        1..16
 *            k  product code                 ASCII [A-Z0-9._-]
 *            2  quantity                     uint16, 1..999
 *            8  unit price                   int64 minor units, >= 0 (record's currency)
 *      end of the signed bytes; the wire form appends:
 *           64  Ed25519 signature of the signed bytes by the terminal key
 * </pre>
 */
public final class RecordCodec {

    /** The only version this code writes and reads. */
    public static final int VERSION = 1;

    static final int OFFSET_VERSION = 0;
    static final int OFFSET_KIND = 1;
    static final int OFFSET_RECORD_ID = 2;
    static final int OFFSET_FESTIVAL_ID = 18;
    static final int OFFSET_TERMINAL_ID = 34;
    static final int OFFSET_SEQUENCE = 50;
    static final int OFFSET_PREVIOUS_HASH = 58;
    static final int OFFSET_OPERATOR_ID = 90;
    static final int OFFSET_SHIFT_ID = 106;
    static final int OFFSET_TIME = 122;
    static final int OFFSET_AUTHORITY = 130;
    static final int OFFSET_FLAGS = 131;
    static final int OFFSET_UID_LENGTH = 132;

    static final int FLAG_WALLET = 0x01;
    static final int FLAG_TICKET = 0x02;
    static final int FLAG_REFERENCES = 0x04;
    static final int FLAG_CHIP = 0x08;
    static final int KNOWN_FLAGS = FLAG_WALLET | FLAG_TICKET | FLAG_REFERENCES | FLAG_CHIP;

    static final int PAYMENT_NONE = 0;
    static final int UUID_LENGTH = 16;
    static final int CURRENCY_LENGTH = 3;
    static final int LINE_FIXED_LENGTH = 1 + 2 + 8;

    /** The shortest possible signed bytes: no UID, no optional part, no line. */
    public static final int MIN_SIGNED_LENGTH = OFFSET_UID_LENGTH + 1 + CURRENCY_LENGTH + 8 + 1 + 1;

    /** The longest possible signed bytes: every optional part, 64 lines of 16-character codes. */
    public static final int MAX_SIGNED_LENGTH = MIN_SIGNED_LENGTH
            + WristbandUid.MAX_LENGTH
            + 3 * UUID_LENGTH
            + 8
            + TransactionRecord.MAX_LINES * (LINE_FIXED_LENGTH + SaleLine.MAX_CODE_LENGTH);

    public static final int MIN_ENCODED_LENGTH = MIN_SIGNED_LENGTH + Ed25519.SIGNATURE_LENGTH;
    public static final int MAX_ENCODED_LENGTH = MAX_SIGNED_LENGTH + Ed25519.SIGNATURE_LENGTH;

    private RecordCodec() {}

    /** The canonical signed bytes of a record. */
    public static byte[] encode(TransactionRecord record) {
        Writer out = new Writer();
        out.u8(VERSION);
        out.u8(record.kind().code());
        out.uuid(record.id().value());
        out.uuid(record.festival().value());
        out.uuid(record.terminal().value());
        out.i64(record.sequence());
        out.bytes(record.previousHash().bytes());
        out.uuid(record.operator().value());
        out.uuid(record.shift().value());
        out.i64(record.time().toEpochMilli());
        out.u8(record.authority().code());
        int flags = (record.wallet().isPresent() ? FLAG_WALLET : 0)
                | (record.ticket().isPresent() ? FLAG_TICKET : 0)
                | (record.references().isPresent() ? FLAG_REFERENCES : 0)
                | (record.chip().isPresent() ? FLAG_CHIP : 0);
        out.u8(flags);
        byte[] uid = record.wristband().map(WristbandUid::bytes).orElse(new byte[0]);
        out.u8(uid.length);
        out.bytes(uid);
        record.wallet().ifPresent(wallet -> out.uuid(wallet.value()));
        record.ticket().ifPresent(ticket -> out.uuid(ticket.value()));
        record.references().ifPresent(reference -> out.uuid(reference.value()));
        record.chip().ifPresent(chip -> {
            out.u32(chip.before());
            out.u32(chip.after());
        });
        out.bytes(record.amount().currency().code().getBytes(StandardCharsets.US_ASCII));
        out.i64(record.amount().minor());
        out.u8(record.payment().map(PaymentMethod::code).orElse(PAYMENT_NONE));
        out.u8(record.lines().size());
        for (SaleLine line : record.lines()) {
            byte[] code = line.productCode().getBytes(StandardCharsets.US_ASCII);
            out.u8(code.length);
            out.bytes(code);
            out.u16(line.quantity());
            out.i64(line.unitPrice().minor());
        }
        return out.toByteArray();
    }

    /** Reads signed bytes back into a record; never throws on bad bytes. */
    public static RecordDecoding<TransactionRecord> decode(byte[] signedBytes) {
        if (signedBytes == null) {
            return new RecordDecoding.Malformed<>(DecodeError.TRUNCATED, "no bytes");
        }
        return decode(signedBytes, 0, signedBytes.length);
    }

    /** Reads {@code length} signed bytes at {@code offset}; all of them must belong to the record. */
    static RecordDecoding<TransactionRecord> decode(byte[] bytes, int offset, int length) {
        if (length > MAX_SIGNED_LENGTH) {
            return new RecordDecoding.Malformed<>(
                    DecodeError.TRAILING_BYTES,
                    length + " bytes is longer than any record (" + MAX_SIGNED_LENGTH + ")");
        }
        Reader in = new Reader(bytes, offset, length);
        try {
            TransactionRecord record = read(in);
            if (in.remaining() != 0) {
                throw new Failure(DecodeError.TRAILING_BYTES, in.remaining() + " bytes after the record");
            }
            return new RecordDecoding.Decoded<>(record);
        } catch (Failure failure) {
            return new RecordDecoding.Malformed<>(failure.error, failure.getMessage());
        }
    }

    /**
     * Splits the wire form into signed bytes and signature and decodes the record. This does NOT
     * check the signature: use {@link RecordVerifier} for anything that trusts the record.
     */
    public static RecordDecoding<SignedRecord> decodeSigned(byte[] encoded) {
        if (encoded == null || encoded.length < MIN_ENCODED_LENGTH) {
            return new RecordDecoding.Malformed<>(
                    DecodeError.TRUNCATED,
                    (encoded == null ? 0 : encoded.length) + " bytes is shorter than any signed record ("
                            + MIN_ENCODED_LENGTH + ")");
        }
        if (encoded.length > MAX_ENCODED_LENGTH) {
            return new RecordDecoding.Malformed<>(
                    DecodeError.TRAILING_BYTES,
                    encoded.length + " bytes is longer than any signed record (" + MAX_ENCODED_LENGTH + ")");
        }
        int signedLength = encoded.length - Ed25519.SIGNATURE_LENGTH;
        RecordDecoding<TransactionRecord> body = decode(encoded, 0, signedLength);
        return switch (body) {
            case RecordDecoding.Malformed<TransactionRecord> malformed ->
                new RecordDecoding.Malformed<>(malformed.error(), malformed.detail());
            case RecordDecoding.Decoded<TransactionRecord> decoded -> {
                byte[] signedBytes = java.util.Arrays.copyOfRange(encoded, 0, signedLength);
                byte[] signature = java.util.Arrays.copyOfRange(encoded, signedLength, encoded.length);
                yield new RecordDecoding.Decoded<>(new SignedRecord(decoded.value(), signedBytes, signature));
            }
        };
    }

    /** The version byte of wire or signed bytes, or -1 when there is none. */
    static int versionOf(byte[] bytes) {
        return bytes == null || bytes.length == 0 ? -1 : bytes[OFFSET_VERSION] & 0xff;
    }

    private static TransactionRecord read(Reader in) {
        int version = in.u8("version");
        if (version != VERSION) {
            throw new Failure(DecodeError.UNSUPPORTED_VERSION, "version " + version + ", this code reads " + VERSION);
        }
        int kindCode = in.u8("kind");
        RecordKind kind = code(() -> RecordKind.fromCode(kindCode));
        RecordId id = RecordId.of(in.uuid("record id"));
        FestivalId festival = FestivalId.of(in.uuid("festival id"));
        TerminalId terminal = TerminalId.of(in.uuid("terminal id"));
        long sequence = in.i64("sequence");
        RecordHash previous = RecordHash.of(in.bytes("previous hash", RecordHash.LENGTH));
        OperatorId operator = OperatorId.of(in.uuid("operator id"));
        ShiftId shift = ShiftId.of(in.uuid("shift id"));
        long millis = in.i64("time");
        int authorityCode = in.u8("authority");
        Authority authority = code(() -> Authority.fromCode(authorityCode));
        int flags = in.u8("flags");
        if ((flags & ~KNOWN_FLAGS) != 0) {
            throw new Failure(DecodeError.UNKNOWN_CODE, "unknown flag bits 0x" + Integer.toHexString(flags));
        }
        int uidLength = in.u8("wristband UID length");
        if (uidLength != 0 && (uidLength < WristbandUid.MIN_LENGTH || uidLength > WristbandUid.MAX_LENGTH)) {
            throw new Failure(DecodeError.BAD_LENGTH, "wristband UID length " + uidLength + ", must be 0 or 4..10");
        }
        Optional<WristbandUid> uid =
                uidLength == 0 ? Optional.empty() : Optional.of(WristbandUid.of(in.bytes("wristband UID", uidLength)));
        Optional<WalletId> wallet =
                (flags & FLAG_WALLET) != 0 ? Optional.of(WalletId.of(in.uuid("wallet id"))) : Optional.empty();
        Optional<TicketId> ticket =
                (flags & FLAG_TICKET) != 0 ? Optional.of(TicketId.of(in.uuid("ticket id"))) : Optional.empty();
        Optional<RecordId> references = (flags & FLAG_REFERENCES) != 0
                ? Optional.of(RecordId.of(in.uuid("referenced record id")))
                : Optional.empty();
        Optional<ChipCounters> chip = (flags & FLAG_CHIP) != 0 ? Optional.of(readChip(in)) : Optional.empty();
        String currencyCode = new String(in.bytes("currency", CURRENCY_LENGTH), StandardCharsets.US_ASCII);
        Currency currency = value(() -> Currency.of(currencyCode));
        Money amount = Money.of(in.i64("amount"), currency);
        int paymentCode = in.u8("payment method");
        Optional<PaymentMethod> payment = paymentCode == PAYMENT_NONE
                ? Optional.empty()
                : Optional.of(code(() -> PaymentMethod.fromCode(paymentCode)));
        int lineCount = in.u8("line count");
        if (lineCount > TransactionRecord.MAX_LINES) {
            throw new Failure(DecodeError.BAD_LENGTH, lineCount + " lines, at most " + TransactionRecord.MAX_LINES);
        }
        List<SaleLine> lines = new ArrayList<>(lineCount);
        for (int i = 0; i < lineCount; i++) {
            int codeLength = in.u8("product code length");
            if (codeLength < 1 || codeLength > SaleLine.MAX_CODE_LENGTH) {
                throw new Failure(
                        DecodeError.BAD_LENGTH,
                        "product code length " + codeLength + ", must be 1..16 (line " + i + ")");
            }
            String productCode = new String(in.bytes("product code", codeLength), StandardCharsets.US_ASCII);
            int quantity = in.u16("quantity");
            long unitPrice = in.i64("unit price");
            lines.add(value(() -> SaleLine.of(productCode, quantity, Money.of(unitPrice, currency))));
        }
        return value(() -> new TransactionRecord(
                id,
                festival,
                terminal,
                sequence,
                previous,
                operator,
                shift,
                kind,
                uid,
                wallet,
                ticket,
                references,
                amount,
                payment,
                lines,
                Instant.ofEpochMilli(millis),
                chip,
                authority));
    }

    private static ChipCounters readChip(Reader in) {
        long before = in.u32("chip counter before");
        long after = in.u32("chip counter after");
        return value(() -> ChipCounters.of(before, after));
    }

    private static <T> T code(java.util.function.Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (IllegalArgumentException unknown) {
            throw new Failure(DecodeError.UNKNOWN_CODE, unknown.getMessage());
        }
    }

    private static <T> T value(java.util.function.Supplier<T> construction) {
        try {
            return construction.get();
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException broken) {
            throw new Failure(DecodeError.BAD_VALUE, broken.getMessage());
        }
    }

    /** Internal signal of a decode failure; never leaves this class. */
    private static final class Failure extends RuntimeException {
        private final DecodeError error;

        Failure(DecodeError error, String message) {
            super(message, null, false, false);
            this.error = error;
        }
    }

    private static final class Reader {
        private final byte[] bytes;
        private final int end;
        private int position;

        Reader(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.position = offset;
            this.end = offset + length;
        }

        int remaining() {
            return end - position;
        }

        private void need(String field, int count) {
            if (remaining() < count) {
                throw new Failure(
                        DecodeError.TRUNCATED,
                        "bytes end inside " + field + " (needs " + count + ", " + remaining() + " left)");
            }
        }

        int u8(String field) {
            need(field, 1);
            return bytes[position++] & 0xff;
        }

        int u16(String field) {
            need(field, 2);
            int value = ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
            position += 2;
            return value;
        }

        long u32(String field) {
            need(field, 4);
            long value = 0;
            for (int i = 0; i < 4; i++) {
                value = (value << 8) | (bytes[position + i] & 0xff);
            }
            position += 4;
            return value;
        }

        long i64(String field) {
            need(field, 8);
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (bytes[position + i] & 0xff);
            }
            position += 8;
            return value;
        }

        byte[] bytes(String field, int count) {
            need(field, count);
            byte[] out = java.util.Arrays.copyOfRange(bytes, position, position + count);
            position += count;
            return out;
        }

        UUID uuid(String field) {
            need(field, UUID_LENGTH);
            UUID value = Ids.fromBytes(bytes, position);
            position += UUID_LENGTH;
            return value;
        }
    }

    private static final class Writer {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(256);

        void u8(int value) {
            out.write(value);
        }

        void u16(int value) {
            out.write(value >>> 8);
            out.write(value);
        }

        void u32(long value) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (value >>> shift));
            }
        }

        void i64(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (value >>> shift));
            }
        }

        void bytes(byte[] value) {
            out.write(value, 0, value.length);
        }

        void uuid(UUID value) {
            bytes(Ids.toBytes(value));
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
