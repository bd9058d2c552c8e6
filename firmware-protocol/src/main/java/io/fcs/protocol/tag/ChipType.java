package io.fcs.protocol.tag;

import io.fcs.protocol.crypto.Bytes;
import java.util.Arrays;
import java.util.Optional;

/**
 * Chip types told apart by their 8-byte {@code GET_VERSION} answer (NXP layout: fixed header,
 * vendor, product type, subtype, major, minor, storage size, protocol).
 *
 * <pre>
 *  byte  0      1       2      3        4      5      6        7
 *       +------+-------+------+--------+------+------+--------+--------+
 *       | 0x00 | vendor| type | subtype| major| minor| storage| protocol|
 *       +------+-------+------+--------+------+------+--------+--------+
 *        NTAG213      00 04 04 02 01 00 0F 03   (45 pages)
 *        NTAG215      00 04 04 02 01 00 11 03   (135 pages)
 *        NTAG216      00 04 04 02 01 00 13 03   (231 pages)
 *        AES class    00 04 03 01 04 00 13 03   (Ultralight AES command set, 93 pages)
 * </pre>
 *
 * The AES class is an Ultralight AES–like chip with the larger memory the two signed slots need
 * (a stock 60-page Ultralight AES is too small; see docs/decisions/0020).
 */
public enum ChipType {
    NTAG213(0x01, "0004040201000f03", 45, WristbandProfile.NTAG21X),
    NTAG215(0x02, "0004040201001103", 135, WristbandProfile.NTAG21X),
    NTAG216(0x03, "0004040201001303", 231, WristbandProfile.NTAG21X),
    AES_CLASS(0x10, "0004030104001303", WristbandLayout.AES_TOTAL_PAGES, WristbandProfile.AES_CLASS);

    public static final int VERSION_LENGTH = 8;

    private final int code;
    private final byte[] version;
    private final int pages;
    private final WristbandProfile profile;

    ChipType(int code, String versionHex, int pages, WristbandProfile profile) {
        this.code = code;
        this.version = Bytes.fromHex(versionHex);
        this.pages = pages;
        this.profile = profile;
    }

    public int code() {
        return code;
    }

    public static ChipType fromCode(int code) {
        for (ChipType type : values()) {
            if (type.code == code) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown chip type code 0x%02x".formatted(code));
    }

    /** The chip type answering this {@code GET_VERSION}, if it is one we know. */
    public static Optional<ChipType> fromVersion(byte[] getVersionAnswer) {
        if (getVersionAnswer == null || getVersionAnswer.length != VERSION_LENGTH) {
            return Optional.empty();
        }
        for (ChipType type : values()) {
            if (Arrays.equals(type.version, getVersionAnswer)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public byte[] version() {
        return version.clone();
    }

    /** Total pages of 4 bytes, configuration included. */
    public int pages() {
        return pages;
    }

    public WristbandProfile profile() {
        return profile;
    }

    /** Whether the two-slot layout fits in the chip's user memory. */
    public boolean holdsLayout() {
        return lastUserPage() >= WristbandLayout.LAYOUT_END_PAGE - 1;
    }

    /** Last page of user memory (configuration pages follow). */
    public int lastUserPage() {
        return switch (this) {
            case NTAG213 -> 0x27;
            case NTAG215 -> 0x81;
            case NTAG216 -> 0xE1;
            case AES_CLASS -> WristbandLayout.AES_CFG0_PAGE - 1;
        };
    }
}
