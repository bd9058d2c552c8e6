package io.fcs.protocol.reader;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.tag.ChipType;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandLayout;
import io.fcs.protocol.tag.WristbandProfile;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * A wristband chip in memory, answering the native command set ({@link NativeCommand}) and, for a
 * virtual PC/SC reader, whole reader APDUs ({@link #respond}). Real pages, real access rules
 * (AUTH0 / PROT on the AES class), real one-way counters, real AES authentication with the key
 * stored in its key pages.
 *
 * <p>NTAG21x model: the NFC counter (counter 2) counts the first {@code READ} after each
 * power-up once {@code NFC_CNT_EN} is set; {@code READ_CNT 02} answers NAK before that;
 * {@code INCR_CNT} and {@code AUTHENTICATE} are not supported. Password protection is not
 * modelled. Ultralight AES CMAC secure messaging is not modelled either.
 */
public final class SimulatedTag {

    private static final int NAK_INVALID = NativeCommand.Nak.INVALID_ARGUMENT.code();
    private static final int NAK_AUTH = NativeCommand.Nak.AUTHENTICATION_OR_COUNTER.code();
    private static final byte[] NTAG_FACTORY_PAGE4 = {0x03, 0x00, (byte) 0xFE, 0x00};

    private final ChipType chip; // null: a tag type nobody here knows
    private final byte[] version;
    private final TagUid uid;
    private final byte[] memory;
    private final long[] counters = new long[3];
    private final Random random;
    private boolean authenticated;
    private byte[] pendingRndB;
    private byte[] pendingIv;
    private boolean readSincePowerUp;

    private SimulatedTag(ChipType chip, byte[] version, TagUid uid, byte[] memory, Random random) {
        this.chip = chip;
        this.version = version.clone();
        this.uid = uid;
        this.memory = memory;
        this.random = random;
    }

    /** A factory-fresh AES-class chip: key all zero, no protection, counters 0. */
    public static SimulatedTag aesClass(TagUid uid) {
        return factory(ChipType.AES_CLASS, uid);
    }

    /** A factory-fresh NTAG21x (NTAG213, NTAG215 or NTAG216). */
    public static SimulatedTag ntag(ChipType type, TagUid uid) {
        if (type.profile() != WristbandProfile.NTAG21X) {
            throw new IllegalArgumentException(type + " is not an NTAG21x");
        }
        return factory(type, uid);
    }

    /** A tag of a type no wristband profile knows (GET_VERSION answers {@code version}). */
    public static SimulatedTag unknown(TagUid uid, byte[] version) {
        return new SimulatedTag(null, version, requireSevenByte(uid), freshMemory(16, uid), new SecureRandom());
    }

    /** A fresh chip with a random 7-byte NXP UID (first byte 0x04). */
    public static TagUid randomUid(Random random) {
        byte[] uid = new byte[7];
        random.nextBytes(uid);
        uid[0] = 0x04;
        return TagUid.of(uid);
    }

    private static SimulatedTag factory(ChipType type, TagUid uid) {
        byte[] memory = freshMemory(type.pages(), requireSevenByte(uid));
        if (type.profile() == WristbandProfile.NTAG21X) {
            System.arraycopy(NTAG_FACTORY_PAGE4, 0, memory, WristbandLayout.HEADER_PAGE * 4, 4);
            int cfg0 = WristbandLayout.ntagCfg0Page(type);
            memory[cfg0 * 4 + WristbandLayout.CFG0_AUTH0] = (byte) WristbandLayout.AUTH0_OPEN;
        } else {
            memory[WristbandLayout.AES_CFG0_PAGE * 4 + WristbandLayout.CFG0_AUTH0] = (byte) WristbandLayout.AUTH0_OPEN;
        }
        return new SimulatedTag(type, type.version(), uid, memory, new SecureRandom());
    }

    private static TagUid requireSevenByte(TagUid uid) {
        Objects.requireNonNull(uid, "uid");
        if (uid.length() != 7) {
            throw new IllegalArgumentException("simulated NXP tags have 7-byte UIDs, got " + uid.length());
        }
        return uid;
    }

    private static byte[] freshMemory(int pages, TagUid uid) {
        byte[] memory = new byte[pages * 4];
        byte[] u = uid.bytes();
        memory[0] = u[0];
        memory[1] = u[1];
        memory[2] = u[2];
        memory[3] = (byte) (0x88 ^ u[0] ^ u[1] ^ u[2]);
        System.arraycopy(u, 3, memory, 4, 4);
        memory[8] = (byte) (u[3] ^ u[4] ^ u[5] ^ u[6]);
        return memory;
    }

    public TagUid uid() {
        return uid;
    }

    /** The chip type, empty for an unknown tag. */
    public java.util.Optional<ChipType> chip() {
        return java.util.Optional.ofNullable(chip);
    }

    /** The wristband counter: the one-way counter (AES class) or the NFC counter (NTAG21x). */
    public synchronized long counter() {
        return counters[counterAddress()];
    }

    /** The field is switched on: authentication dropped, NFC counter armed again. */
    public synchronized void powerUp() {
        authenticated = false;
        pendingRndB = null;
        readSincePowerUp = false;
    }

    /** The raw 4 bytes of a page, bypassing every access rule (inspection in tests). */
    public synchronized byte[] page(int page) {
        requirePage(page);
        return Arrays.copyOfRange(memory, page * 4, page * 4 + 4);
    }

    /** Overwrites a page bypassing every access rule: what an attacker with a lab reader does. */
    public synchronized void overwritePage(int page, byte[] data) {
        requirePage(page);
        if (data == null || data.length != 4) {
            throw new IllegalArgumentException("a page is 4 bytes");
        }
        System.arraycopy(data, 0, memory, page * 4, 4);
    }

    /** The pages only (no counters): a memory dump as an attacker would keep it. */
    public synchronized byte[] dumpPages() {
        return memory.clone();
    }

    /** Restores a dump of the pages, keeping the chip's counters: the rolled-back wristband. */
    public synchronized void restorePages(byte[] dump) {
        if (dump == null || dump.length != memory.length) {
            throw new IllegalArgumentException("dump must be " + memory.length + " bytes");
        }
        if (!Arrays.equals(dump, 0, 9, memory, 0, 9)) {
            throw new IllegalArgumentException("dump is of another tag (UID pages differ)");
        }
        System.arraycopy(dump, 0, memory, 0, memory.length);
    }

    /** Another chip with the same UID, pages and key but its own counter: a clone. */
    public synchronized SimulatedTag cloneWithCounter(long counter) {
        SimulatedTag clone = new SimulatedTag(chip, version, uid, memory.clone(), new SecureRandom());
        clone.counters[counterAddress()] = counter;
        return clone;
    }

    /**
     * The memory image for export (e.g. to a virtual PC/SC reader):
     *
     * <pre>
     *  offset len   field
     *     0    4    MAGIC "FSIM"
     *     4    1    FORMAT 0x01
     *     5    1    CHIP_TYPE code, 0x00 = unknown
     *     6    8    GET_VERSION answer
     *    14    7    UID
     *    21    9    COUNTERS 0, 1, 2 (u24 each, big-endian)
     *    30    2    PAGE_COUNT
     *    32  4*n    PAGES
     * </pre>
     */
    public synchronized byte[] exportMemory() {
        ByteBuffer out = ByteBuffer.allocate(EXPORT_HEADER + memory.length);
        out.put(EXPORT_MAGIC).put((byte) EXPORT_FORMAT).put((byte) (chip == null ? 0 : chip.code()));
        out.put(version).put(uid.bytes());
        for (long counter : counters) {
            out.put((byte) (counter >>> 16)).put((byte) (counter >>> 8)).put((byte) counter);
        }
        out.putShort((short) (memory.length / 4)).put(memory);
        return out.array();
    }

    private static final byte[] EXPORT_MAGIC = {'F', 'S', 'I', 'M'};
    private static final int EXPORT_FORMAT = 0x01;
    private static final int EXPORT_HEADER = 32;

    /** The tag an {@link #exportMemory()} image describes; a clear error for any malformed image. */
    public static SimulatedTag importMemory(byte[] image) {
        if (image == null || image.length < EXPORT_HEADER) {
            throw new IllegalArgumentException("tag image shorter than its " + EXPORT_HEADER + "-byte header");
        }
        ByteBuffer in = ByteBuffer.wrap(image);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!Arrays.equals(magic, EXPORT_MAGIC)) {
            throw new IllegalArgumentException("not a tag image: magic " + Bytes.hex(magic));
        }
        int format = in.get() & 0xff;
        if (format != EXPORT_FORMAT) {
            throw new IllegalArgumentException("unknown tag image format " + format);
        }
        int chipCode = in.get() & 0xff;
        ChipType chip = chipCode == 0 ? null : ChipType.fromCode(chipCode);
        byte[] version = new byte[8];
        in.get(version);
        byte[] uid = new byte[7];
        in.get(uid);
        long[] counters = new long[3];
        for (int i = 0; i < 3; i++) {
            counters[i] = ((in.get() & 0xffL) << 16) | ((in.get() & 0xffL) << 8) | (in.get() & 0xffL);
        }
        int pages = in.getShort() & 0xffff;
        if (image.length != EXPORT_HEADER + pages * 4) {
            throw new IllegalArgumentException(
                    "tag image announces " + pages + " pages but carries " + (image.length - EXPORT_HEADER) + " bytes");
        }
        if (chip != null && pages != chip.pages()) {
            throw new IllegalArgumentException(chip + " has " + chip.pages() + " pages, image has " + pages);
        }
        byte[] memory = new byte[pages * 4];
        in.get(memory);
        SimulatedTag tag = new SimulatedTag(chip, version, TagUid.of(uid), memory, new SecureRandom());
        System.arraycopy(counters, 0, tag.counters, 0, 3);
        return tag;
    }

    /**
     * Answers one native frame as the chip would: data, ACK ({@code 0A}) or a one-byte NAK.
     * An empty frame or unknown command gets NAK 0.
     */
    public synchronized byte[] transceive(byte[] frame) {
        if (frame == null || frame.length == 0) {
            return nak(NAK_INVALID);
        }
        int code = frame[0] & 0xff;
        NativeCommand command;
        try {
            command = NativeCommand.fromCode(code);
        } catch (IllegalArgumentException unknown) {
            return nak(NAK_INVALID);
        }
        if (pendingRndB != null && command != NativeCommand.AUTH_PART2) {
            pendingRndB = null;
        }
        return switch (command) {
            case GET_VERSION -> frame.length == 1 ? version.clone() : nak(NAK_INVALID);
            case READ -> frame.length == 2 ? read(frame[1] & 0xff) : nak(NAK_INVALID);
            case WRITE ->
                frame.length == 6 ? write(frame[1] & 0xff, Arrays.copyOfRange(frame, 2, 6)) : nak(NAK_INVALID);
            case READ_CNT -> frame.length == 2 ? readCounter(frame[1] & 0xff) : nak(NAK_INVALID);
            case INCR_CNT -> frame.length == 6 ? increment(frame) : nak(NAK_INVALID);
            case AUTHENTICATE -> frame.length == 2 ? authenticatePart1(frame[1] & 0xff) : nak(NAK_INVALID);
            case AUTH_PART2 -> authenticatePart2(frame);
        };
    }

    /**
     * Answers a whole reader APDU (pseudo-APDUs of {@link ReaderCommands}) with data and status
     * word: the entry point a virtual PC/SC reader bridge (vsmartcard vpcd) needs.
     */
    public synchronized byte[] respond(byte[] apdu) {
        if (apdu == null || apdu.length < 5) {
            return sw(StatusWord.WRONG_LENGTH);
        }
        if ((apdu[0] & 0xff) != ReaderCommands.CLA) {
            return sw(StatusWord.CLASS_NOT_SUPPORTED);
        }
        int ins = apdu[1] & 0xff;
        int p1 = apdu[2] & 0xff;
        int p2 = apdu[3] & 0xff;
        int lc = apdu[4] & 0xff;
        switch (ins) {
            case ReaderCommands.INS_GET_DATA -> {
                if (apdu.length != 5 || p2 != 0) {
                    return sw(StatusWord.WRONG_LENGTH);
                }
                if (p1 != 0) {
                    return sw(StatusWord.FUNCTION_NOT_SUPPORTED);
                }
                return withSw(uid.bytes());
            }
            case ReaderCommands.INS_READ_BINARY -> {
                if (apdu.length != 5 || lc != ReaderCommands.READ_LENGTH || p1 != 0) {
                    return sw(StatusWord.WRONG_LENGTH);
                }
                if (p2 >= pages()) {
                    return sw(StatusWord.OPERATION_FAILED);
                }
                byte[] answer = read(p2);
                return answer.length == 1 ? sw(StatusWord.OPERATION_FAILED) : withSw(answer);
            }
            case ReaderCommands.INS_UPDATE_BINARY -> {
                if (apdu.length != 5 + 4 || lc != 4 || p1 != 0) {
                    return sw(StatusWord.WRONG_LENGTH);
                }
                byte[] answer = write(p2, Arrays.copyOfRange(apdu, 5, 9));
                return (answer[0] & 0xff) == NativeCommand.ACK
                        ? sw(StatusWord.SUCCESS)
                        : sw(StatusWord.OPERATION_FAILED);
            }
            case ReaderCommands.INS_DIRECT -> {
                if (apdu.length != 5 + lc || lc < 3 || p1 != 0 || p2 != 0) {
                    return sw(StatusWord.WRONG_LENGTH);
                }
                if ((apdu[5] & 0xff) != ReaderCommands.PN533_TO_CHIP
                        || (apdu[6] & 0xff) != ReaderCommands.IN_COMMUNICATE_THRU) {
                    return sw(StatusWord.FUNCTION_NOT_SUPPORTED);
                }
                byte[] answer = transceive(Arrays.copyOfRange(apdu, 7, apdu.length));
                byte[] framed = new byte[3 + answer.length];
                framed[0] = (byte) ReaderCommands.PN533_FROM_CHIP;
                framed[1] = (byte) ReaderCommands.IN_COMMUNICATE_THRU_ANSWER;
                System.arraycopy(answer, 0, framed, 3, answer.length);
                return withSw(framed);
            }
            default -> {
                return sw(StatusWord.INSTRUCTION_NOT_SUPPORTED);
            }
        }
    }

    private int pages() {
        return memory.length / 4;
    }

    private boolean isAes() {
        return chip != null && chip.profile() == WristbandProfile.AES_CLASS;
    }

    private int counterAddress() {
        return isAes() ? WristbandLayout.AES_ONE_WAY_COUNTER : WristbandLayout.NTAG_NFC_COUNTER;
    }

    private int auth0() {
        if (isAes()) {
            return memory[WristbandLayout.AES_CFG0_PAGE * 4 + WristbandLayout.CFG0_AUTH0] & 0xff;
        }
        return WristbandLayout.AUTH0_OPEN; // NTAG password protection is not modelled
    }

    private boolean readProtected() {
        return isAes()
                && (memory[WristbandLayout.AES_CFG1_PAGE * 4 + WristbandLayout.CFG1_ACCESS]
                                & WristbandLayout.ACCESS_PROT)
                        != 0;
    }

    private boolean ntagCounterEnabled() {
        if (chip == null || isAes()) {
            return false;
        }
        int cfg1 = WristbandLayout.ntagCfg0Page(chip) + 1;
        return (memory[cfg1 * 4 + WristbandLayout.CFG1_ACCESS] & WristbandLayout.ACCESS_NFC_CNT_EN) != 0;
    }

    private boolean isKeyPage(int page) {
        return isAes()
                && page >= WristbandLayout.AES_KEY_FIRST_PAGE
                && page < WristbandLayout.AES_KEY_FIRST_PAGE + WristbandLayout.AES_KEY_PAGES;
    }

    private byte[] read(int page) {
        if (page >= pages()) {
            return nak(NAK_INVALID);
        }
        if (readProtected() && !authenticated && page + 3 >= auth0()) {
            return nak(NAK_AUTH);
        }
        if (!readSincePowerUp && ntagCounterEnabled()) {
            counters[WristbandLayout.NTAG_NFC_COUNTER] =
                    Math.min(WristbandLayout.COUNTER_MAX, counters[WristbandLayout.NTAG_NFC_COUNTER] + 1);
        }
        readSincePowerUp = true;
        byte[] out = new byte[16];
        for (int i = 0; i < 4; i++) {
            int p = (page + i) % pages();
            if (!isKeyPage(p)) {
                System.arraycopy(memory, p * 4, out, i * 4, 4);
            }
        }
        return out;
    }

    private byte[] write(int page, byte[] data) {
        if (page < 2 || page >= pages()) {
            return nak(NAK_INVALID); // UID pages are read-only
        }
        if (page >= auth0() && !authenticated) {
            return nak(NAK_AUTH);
        }
        if (page == 2) {
            memory[10] |= data[2]; // lock bytes are OR-ed, the rest of page 2 is read-only
            memory[11] |= data[3];
        } else if (page == WristbandLayout.CAPABILITY_PAGE) {
            for (int i = 0; i < 4; i++) {
                memory[page * 4 + i] |= data[i]; // one-time programmable
            }
        } else {
            System.arraycopy(data, 0, memory, page * 4, 4);
        }
        return new byte[] {(byte) NativeCommand.ACK};
    }

    private byte[] readCounter(int address) {
        if (address > 2) {
            return nak(NAK_INVALID);
        }
        if (!isAes()) {
            if (address != WristbandLayout.NTAG_NFC_COUNTER || !ntagCounterEnabled()) {
                return nak(NAK_INVALID);
            }
        }
        long value = counters[address];
        return new byte[] {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16)};
    }

    private byte[] increment(byte[] frame) {
        if (!isAes()) {
            return nak(NAK_INVALID);
        }
        int address = frame[1] & 0xff;
        if (address > 2) {
            return nak(NAK_INVALID);
        }
        if (auth0() != WristbandLayout.AUTH0_OPEN && !authenticated) {
            return nak(NAK_AUTH);
        }
        long by = (frame[2] & 0xffL) | ((frame[3] & 0xffL) << 8) | ((frame[4] & 0xffL) << 16);
        if (counters[address] + by > WristbandLayout.COUNTER_MAX) {
            return nak(NAK_AUTH); // counter overflow: the chip refuses, the counter stays
        }
        counters[address] += by;
        return new byte[] {(byte) NativeCommand.ACK};
    }

    private byte[] key() {
        int offset = WristbandLayout.AES_KEY_FIRST_PAGE * 4;
        return Arrays.copyOfRange(memory, offset, offset + 16);
    }

    private byte[] authenticatePart1(int keyNumber) {
        if (!isAes() || keyNumber != AesAuth.KEY_NUMBER) {
            return nak(NAK_INVALID);
        }
        authenticated = false;
        byte[] rndB = new byte[AesAuth.BLOCK];
        random.nextBytes(rndB);
        byte[] cipher = AesAuth.encrypt(key(), new byte[AesAuth.BLOCK], rndB);
        pendingRndB = rndB;
        pendingIv = cipher;
        byte[] answer = new byte[1 + AesAuth.BLOCK];
        answer[0] = (byte) AesAuth.MORE_FRAMES;
        System.arraycopy(cipher, 0, answer, 1, AesAuth.BLOCK);
        return answer;
    }

    private byte[] authenticatePart2(byte[] frame) {
        byte[] rndB = pendingRndB;
        pendingRndB = null;
        if (rndB == null || frame.length != 1 + 2 * AesAuth.BLOCK) {
            return nak(NAK_INVALID);
        }
        byte[] cipher = Arrays.copyOfRange(frame, 1, frame.length);
        byte[] plain = AesAuth.decrypt(key(), pendingIv, cipher);
        byte[] rndA = Arrays.copyOf(plain, AesAuth.BLOCK);
        byte[] rndBPrime = Arrays.copyOfRange(plain, AesAuth.BLOCK, 2 * AesAuth.BLOCK);
        if (!Bytes.constantTimeEquals(rndBPrime, AesAuth.rotateLeft(rndB))) {
            return nak(NAK_AUTH);
        }
        authenticated = true;
        byte[] answerCipher = AesAuth.encrypt(key(), AesAuth.lastBlock(cipher), AesAuth.rotateLeft(rndA));
        byte[] answer = new byte[1 + AesAuth.BLOCK];
        System.arraycopy(answerCipher, 0, answer, 1, AesAuth.BLOCK);
        return answer;
    }

    private void requirePage(int page) {
        if (page < 0 || page >= pages()) {
            throw new IllegalArgumentException("page must be 0.." + (pages() - 1) + ", was " + page);
        }
    }

    private static byte[] nak(int code) {
        return new byte[] {(byte) code};
    }

    private static byte[] sw(StatusWord sw) {
        return new byte[] {(byte) sw.sw1(), (byte) sw.sw2()};
    }

    private static byte[] withSw(byte[] data) {
        byte[] out = Arrays.copyOf(data, data.length + 2);
        out[data.length] = (byte) 0x90;
        out[data.length + 1] = 0x00;
        return out;
    }

    @Override
    public String toString() {
        return "SimulatedTag[" + (chip == null ? "unknown " + Bytes.hex(version) : chip) + ", " + uid.hex() + "]";
    }
}
