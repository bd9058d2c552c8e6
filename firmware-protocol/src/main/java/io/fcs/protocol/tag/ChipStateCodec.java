package io.fcs.protocol.tag;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.crypto.Ed25519.SigningKey;
import io.fcs.protocol.crypto.Ed25519.VerificationKey;
import io.fcs.protocol.tag.SlotVerdict.StateDefect;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Ids;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * One signed chip state in one slot (164 bytes = 41 pages). Integers big-endian.
 *
 * <pre>
 *  offset len  field
 *     0    1   VERSION            0x01
 *     1    2   FLAGS              u16, ChipFlag bits; unknown bits refused
 *     3    4   GENERATION         u32 >= 1, +1 per write; the newer slot wins
 *     7    3   CHIP_COUNTER       u24, the chip counter value this state binds
 *    10   16   FESTIVAL_ID        UUID
 *    26   16   WALLET_ID          UUID
 *    42    8   BALANCE            i64 minor units
 *    50    3   CURRENCY           ISO 4217, ASCII upper case
 *    53   16   LAST_RECORD_ID     UUID of the transaction record that produced this state
 *    69    4   OFFLINE_PERIOD     u32 period id
 *    73    4   OFFLINE_REMAINING  u32 minor units
 *    77    4   OFFLINE_SPENT      u32 minor units
 *    81   16   WRITER_TERMINAL    UUID of the signing terminal
 *    97   64   SIGNATURE          Ed25519 by the writer over
 *                                 DOMAIN || len(UID) (1 byte) || UID || bytes 0..96
 *   161    3   PADDING            zero
 * </pre>
 *
 * The signature covers the tag UID, which is not stored: a state copied to another tag fails.
 * The domain string keeps a terminal's chip-state signatures apart from its record signatures.
 */
public final class ChipStateCodec {

    public static final int VERSION = 0x01;

    public static final int OFF_VERSION = 0;
    public static final int OFF_FLAGS = 1;
    public static final int OFF_GENERATION = 3;
    public static final int OFF_CHIP_COUNTER = 7;
    public static final int OFF_FESTIVAL = 10;
    public static final int OFF_WALLET = 26;
    public static final int OFF_BALANCE = 42;
    public static final int OFF_CURRENCY = 50;
    public static final int OFF_LAST_RECORD = 53;
    public static final int OFF_OFFLINE_PERIOD = 69;
    public static final int OFF_OFFLINE_REMAINING = 73;
    public static final int OFF_OFFLINE_SPENT = 77;
    public static final int OFF_WRITER = 81;
    public static final int BODY_LENGTH = 97;
    public static final int OFF_SIGNATURE = BODY_LENGTH;
    public static final int OFF_PADDING = OFF_SIGNATURE + Ed25519.SIGNATURE_LENGTH; // 161
    public static final int SLOT_LENGTH = WristbandLayout.SLOT_LENGTH; // 164

    /** Domain separation prefix of the signed message. */
    public static final byte[] DOMAIN = "fcs/chip-state/1".getBytes(StandardCharsets.US_ASCII);

    private ChipStateCodec() {}

    /** The 97 signed bytes of a state (without signature). */
    public static byte[] encodeBody(ChipState state) {
        ChipContent content = state.content();
        ByteBuffer out = ByteBuffer.allocate(BODY_LENGTH);
        out.put((byte) VERSION);
        out.putShort((short) ChipFlag.toBits(content.flags()));
        out.putInt((int) state.generation());
        putU24(out, state.chipCounter());
        out.put(Ids.toBytes(content.festival().value()));
        out.put(Ids.toBytes(content.wallet().value()));
        out.putLong(content.balance().minor());
        out.put(content.balance().currency().code().getBytes(StandardCharsets.US_ASCII));
        out.put(Ids.toBytes(content.lastRecord().value()));
        out.putInt((int) content.offline().period());
        out.putInt((int) content.offline().remaining().minor());
        out.putInt((int) content.offline().spent().minor());
        out.put(Ids.toBytes(state.writer().value()));
        return out.array();
    }

    /** The exact bytes the writer signs: {@code DOMAIN || len(UID) || UID || body}. */
    public static byte[] signedMessage(TagUid uid, byte[] body, int bodyOffset) {
        byte[] uidBytes = uid.bytes();
        byte[] message = new byte[DOMAIN.length + 1 + uidBytes.length + BODY_LENGTH];
        System.arraycopy(DOMAIN, 0, message, 0, DOMAIN.length);
        message[DOMAIN.length] = (byte) uidBytes.length;
        System.arraycopy(uidBytes, 0, message, DOMAIN.length + 1, uidBytes.length);
        System.arraycopy(body, bodyOffset, message, DOMAIN.length + 1 + uidBytes.length, BODY_LENGTH);
        return message;
    }

    /** Encodes and signs a state for the tag with this UID: the 164 bytes of one slot. */
    public static byte[] encodeSigned(ChipState state, TagUid uid, SigningKey writerKey) {
        byte[] slot = new byte[SLOT_LENGTH];
        byte[] body = encodeBody(state);
        System.arraycopy(body, 0, slot, 0, BODY_LENGTH);
        byte[] signature = writerKey.sign(signedMessage(uid, body, 0));
        System.arraycopy(signature, 0, slot, OFF_SIGNATURE, Ed25519.SIGNATURE_LENGTH);
        return slot;
    }

    /** Decodes a slot and checks its signature against the writer's key and the UID. */
    public static SlotVerdict verify(byte[] slot, TagUid uid, WriterKeys writerKeys) {
        SlotVerdict decoded = decode(slot);
        if (!(decoded instanceof SlotVerdict.Verified verified)) {
            return decoded;
        }
        ChipState claimed = verified.state();
        Optional<VerificationKey> key = writerKeys.lookup(claimed.writer());
        if (key.isEmpty()) {
            return new SlotVerdict.UnknownWriter(claimed);
        }
        byte[] signature = java.util.Arrays.copyOfRange(slot, OFF_SIGNATURE, OFF_PADDING);
        if (!key.get().verify(signedMessage(uid, slot, 0), signature)) {
            return new SlotVerdict.BadSignature(claimed);
        }
        return decoded;
    }

    /**
     * Decodes without checking the signature. A well-formed state comes back as {@code Verified}
     * only from {@link #verify}; here it is wrapped the same way for {@link #verify} to finish.
     */
    static SlotVerdict decode(byte[] slot) {
        if (slot == null || slot.length != SLOT_LENGTH) {
            return new SlotVerdict.Malformed(
                    StateDefect.WRONG_LENGTH,
                    "slot must be " + SLOT_LENGTH + " bytes, was " + (slot == null ? "missing" : slot.length));
        }
        if (allZero(slot, 0, SLOT_LENGTH)) {
            return new SlotVerdict.Empty();
        }
        if (allZero(slot, 0, WristbandLayout.PAGE_SIZE)) {
            return new SlotVerdict.Incomplete();
        }
        int version = slot[OFF_VERSION] & 0xff;
        if (version != VERSION) {
            return new SlotVerdict.Malformed(StateDefect.UNKNOWN_VERSION, "state version 0x%02x".formatted(version));
        }
        if (!allZero(slot, OFF_PADDING, SLOT_LENGTH)) {
            return new SlotVerdict.Malformed(StateDefect.NONZERO_PADDING, "padding after the signature is not zero");
        }
        ByteBuffer in = ByteBuffer.wrap(slot);
        int flagBits = in.getShort(OFF_FLAGS) & 0xffff;
        if ((flagBits & ~ChipFlag.KNOWN_BITS) != 0) {
            return new SlotVerdict.Malformed(StateDefect.UNKNOWN_FLAG, "flag bits 0x%04x".formatted(flagBits));
        }
        Set<ChipFlag> flags = ChipFlag.fromBits(flagBits);
        long generation = in.getInt(OFF_GENERATION) & 0xFFFF_FFFFL;
        if (generation == 0) {
            return new SlotVerdict.Malformed(StateDefect.OUT_OF_RANGE, "generation 0");
        }
        long counter = getU24(slot, OFF_CHIP_COUNTER);
        String currencyCode = new String(slot, OFF_CURRENCY, 3, StandardCharsets.US_ASCII);
        Currency currency;
        try {
            currency = Currency.of(currencyCode);
        } catch (IllegalArgumentException e) {
            return new SlotVerdict.Malformed(StateDefect.BAD_CURRENCY, e.getMessage());
        }
        ChipContent content = new ChipContent(
                FestivalId.of(Ids.fromBytes(slot, OFF_FESTIVAL)),
                WalletId.of(Ids.fromBytes(slot, OFF_WALLET)),
                Money.of(in.getLong(OFF_BALANCE), currency),
                RecordId.of(Ids.fromBytes(slot, OFF_LAST_RECORD)),
                flags,
                new OfflineAllowance(
                        in.getInt(OFF_OFFLINE_PERIOD) & 0xFFFF_FFFFL,
                        Money.of(in.getInt(OFF_OFFLINE_REMAINING) & 0xFFFF_FFFFL, currency),
                        Money.of(in.getInt(OFF_OFFLINE_SPENT) & 0xFFFF_FFFFL, currency)));
        ChipState state = new ChipState(generation, counter, TerminalId.of(Ids.fromBytes(slot, OFF_WRITER)), content);
        return new SlotVerdict.Verified(state);
    }

    private static void putU24(ByteBuffer out, long value) {
        out.put((byte) (value >>> 16));
        out.put((byte) (value >>> 8));
        out.put((byte) value);
    }

    static long getU24(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xffL) << 16) | ((bytes[offset + 1] & 0xffL) << 8) | (bytes[offset + 2] & 0xffL);
    }

    static boolean allZero(byte[] bytes, int from, int to) {
        int acc = 0;
        for (int i = from; i < to; i++) {
            acc |= bytes[i];
        }
        return acc == 0;
    }
}
