package io.fcs.protocol.ticket;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.crypto.Sha256;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Ids;
import io.fcs.protocol.value.TicketId;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * The QR ticket bytes and text. Big-endian; the signature covers every byte before it.
 *
 * <pre>
 * offset  size  field
 * ------  ----  ------------------------------------------------------------------
 *      0     1  version                 0x01
 *      1     4  key id                  first 4 bytes of SHA-256(ticket public key)
 *      5    16  ticket id               UUID
 *     21    16  festival id             UUID
 *     37     2  ticket type code        uint16
 *     39     2  first valid day         uint16, days since 1970-01-01 (festival-local date)
 *     41     4  day mask                bit i = first day + i is valid; bit 0 set
 *     45     4  zone mask               bit z = zone number z is open; not 0
 *     49     1  initials length n       0..3
 *     50     n  initials                ASCII A-Z
 *   50+n    64  Ed25519 signature by the festival ticket key over bytes 0..49+n
 * </pre>
 *
 * 114..117 bytes. Text form: {@code "FT1:" + Base45(bytes)} = 4 + 171..176 = 175..180
 * characters, all in the QR alphanumeric set: QR version 8 holds 221 alphanumeric characters at
 * level M, version 10 holds 311, so a ticket fits version 10-M with room to spare.
 */
public final class TicketCodec {

    /** The scheme tag every ticket text starts with (festival ticket, Base45 text form 1). */
    public static final String SCHEME = "FT1:";

    public static final int VERSION = 1;

    static final int OFFSET_VERSION = 0;
    static final int OFFSET_KEY_ID = 1;
    static final int OFFSET_TICKET_ID = 5;
    static final int OFFSET_FESTIVAL_ID = 21;
    static final int OFFSET_TYPE = 37;
    static final int OFFSET_FIRST_DAY = 39;
    static final int OFFSET_DAY_MASK = 41;
    static final int OFFSET_ZONE_MASK = 45;
    static final int OFFSET_INITIALS_LENGTH = 49;
    static final int OFFSET_INITIALS = 50;

    public static final int MIN_BODY_LENGTH = OFFSET_INITIALS;
    public static final int MAX_BODY_LENGTH = OFFSET_INITIALS + Ticket.MAX_INITIALS;
    public static final int MIN_LENGTH = MIN_BODY_LENGTH + Ed25519.SIGNATURE_LENGTH;
    public static final int MAX_LENGTH = MAX_BODY_LENGTH + Ed25519.SIGNATURE_LENGTH;
    /** The longest ticket text: {@value} characters. */
    public static final int MAX_TEXT_LENGTH = 4 + 176;

    private TicketCodec() {}

    /** The 4-byte id a ticket names its signing key by: the first 4 bytes of SHA-256(public key). */
    public static int keyId(Ed25519.VerificationKey key) {
        byte[] digest = Sha256.hash(key.encoded());
        return ((digest[0] & 0xff) << 24) | ((digest[1] & 0xff) << 16) | ((digest[2] & 0xff) << 8) | (digest[3] & 0xff);
    }

    /** The signed part of a ticket: every field before the signature. */
    static byte[] encodeBody(Ticket ticket, int keyId) {
        byte[] initials = ticket.initials().orElse("").getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[OFFSET_INITIALS + initials.length];
        out[OFFSET_VERSION] = VERSION;
        putInt(out, OFFSET_KEY_ID, keyId);
        System.arraycopy(Ids.toBytes(ticket.id().value()), 0, out, OFFSET_TICKET_ID, 16);
        System.arraycopy(Ids.toBytes(ticket.festival().value()), 0, out, OFFSET_FESTIVAL_ID, 16);
        putShort(out, OFFSET_TYPE, ticket.typeCode());
        putShort(out, OFFSET_FIRST_DAY, (int) ticket.days().first().toEpochDay());
        putInt(out, OFFSET_DAY_MASK, ticket.days().mask());
        putInt(out, OFFSET_ZONE_MASK, ticket.zones().mask());
        out[OFFSET_INITIALS_LENGTH] = (byte) initials.length;
        System.arraycopy(initials, 0, out, OFFSET_INITIALS, initials.length);
        return out;
    }

    /** The text of signed ticket bytes. */
    static String toText(byte[] signedTicket) {
        return SCHEME + Base45.encode(signedTicket);
    }

    /** A ticket's parts, read but not yet verified. */
    record Parsed(Ticket ticket, int keyId, int bodyLength) {}

    /** Why bytes could not be parsed; never thrown out of the package. */
    static final class Refusal extends Exception {
        final TicketRefusal reason;

        Refusal(TicketRefusal reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }

    /** The ticket bytes of a text, or the reason there are none. */
    static byte[] fromText(String text) throws Refusal {
        if (text == null) {
            throw new Refusal(TicketRefusal.MALFORMED, "no text");
        }
        // Scanners add CR, LF or tab; trimming is safe because Base45 text never ends in a space
        // (a last group's top digit is at most 'W' = 32 for 3 digits, '5' for 2).
        String trimmed = text.strip();
        if (!trimmed.startsWith(SCHEME)) {
            throw new Refusal(TicketRefusal.MALFORMED, "does not start with " + SCHEME);
        }
        if (trimmed.length() > MAX_TEXT_LENGTH) {
            throw new Refusal(
                    TicketRefusal.MALFORMED, trimmed.length() + " characters, a ticket has at most " + MAX_TEXT_LENGTH);
        }
        Optional<byte[]> bytes = Base45.decode(trimmed.substring(SCHEME.length()));
        if (bytes.isEmpty()) {
            throw new Refusal(TicketRefusal.MALFORMED, "not Base45 text");
        }
        return bytes.get();
    }

    /** Parses signed ticket bytes (body and signature); does not check the signature. */
    static Parsed parse(byte[] bytes) throws Refusal {
        if (bytes == null || bytes.length == 0) {
            throw new Refusal(TicketRefusal.MALFORMED, "no bytes");
        }
        int version = bytes[OFFSET_VERSION] & 0xff;
        if (version != VERSION) {
            throw new Refusal(TicketRefusal.UNSUPPORTED_VERSION, "version " + version + ", this code reads " + VERSION);
        }
        if (bytes.length < MIN_LENGTH) {
            throw new Refusal(TicketRefusal.MALFORMED, "truncated: " + bytes.length + " bytes, at least " + MIN_LENGTH);
        }
        int initialsLength = bytes[OFFSET_INITIALS_LENGTH] & 0xff;
        if (initialsLength > Ticket.MAX_INITIALS) {
            throw new Refusal(TicketRefusal.MALFORMED, "initials length " + initialsLength + ", at most 3");
        }
        int bodyLength = OFFSET_INITIALS + initialsLength;
        int expected = bodyLength + Ed25519.SIGNATURE_LENGTH;
        if (bytes.length < expected) {
            throw new Refusal(TicketRefusal.MALFORMED, "truncated: " + bytes.length + " bytes, expected " + expected);
        }
        if (bytes.length > expected) {
            throw new Refusal(
                    TicketRefusal.MALFORMED, (bytes.length - expected) + " trailing bytes after the signature");
        }
        try {
            Optional<String> initials = initialsLength == 0
                    ? Optional.empty()
                    : Optional.of(new String(bytes, OFFSET_INITIALS, initialsLength, StandardCharsets.US_ASCII));
            Ticket ticket = new Ticket(
                    TicketId.of(Ids.fromBytes(bytes, OFFSET_TICKET_ID)),
                    FestivalId.of(Ids.fromBytes(bytes, OFFSET_FESTIVAL_ID)),
                    getShort(bytes, OFFSET_TYPE),
                    new ValidDays(
                            LocalDate.ofEpochDay(getShort(bytes, OFFSET_FIRST_DAY)), getInt(bytes, OFFSET_DAY_MASK)),
                    new Zones(getInt(bytes, OFFSET_ZONE_MASK)),
                    initials);
            return new Parsed(ticket, getInt(bytes, OFFSET_KEY_ID), bodyLength);
        } catch (IllegalArgumentException badField) {
            throw new Refusal(TicketRefusal.MALFORMED, badField.getMessage());
        }
    }

    static byte[] signature(byte[] bytes, int bodyLength) {
        return Arrays.copyOfRange(bytes, bodyLength, bodyLength + Ed25519.SIGNATURE_LENGTH);
    }

    private static void putInt(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 24);
        out[offset + 1] = (byte) (value >>> 16);
        out[offset + 2] = (byte) (value >>> 8);
        out[offset + 3] = (byte) value;
    }

    private static void putShort(byte[] out, int offset, int value) {
        out[offset] = (byte) (value >>> 8);
        out[offset + 1] = (byte) value;
    }

    private static int getInt(byte[] in, int offset) {
        return ((in[offset] & 0xff) << 24)
                | ((in[offset + 1] & 0xff) << 16)
                | ((in[offset + 2] & 0xff) << 8)
                | (in[offset + 3] & 0xff);
    }

    private static int getShort(byte[] in, int offset) {
        return ((in[offset] & 0xff) << 8) | (in[offset + 1] & 0xff);
    }
}
