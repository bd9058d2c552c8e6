package io.fcs.protocol.tag;

/**
 * The two kinds of wristband the system accepts (DESIGN §4). The code is the last byte of the
 * layout header page ({@link WristbandLayout#HEADER_PAGE}).
 */
public enum WristbandProfile {
    /**
     * Ultralight AES–class chip: mutual AES-128 authentication with a per-UID diversified key,
     * layout pages read- and write-protected from {@code AUTH0}, a one-way 24-bit counter
     * incremented by {@code INCR_CNT} at every write. Rollbacks and clones are detected on the chip.
     */
    AES_CLASS(0x01, true),
    /**
     * Plain NTAG215/216: UID plus signed state only. Anyone can read and rewrite the pages; the
     * counter is the NFC read counter (incremented by the chip at the first READ after power-up),
     * so a restored dump cannot be told from the chip alone. Offline allowance 0 by default.
     */
    NTAG21X(0x02, false);

    private final int code;
    private final boolean rollbackDetectable;

    WristbandProfile(int code, boolean rollbackDetectable) {
        this.code = code;
        this.rollbackDetectable = rollbackDetectable;
    }

    public int code() {
        return code;
    }

    /** Whether the chip's counter proves that a state is the latest one written. */
    public boolean rollbackDetectable() {
        return rollbackDetectable;
    }

    public static WristbandProfile fromCode(int code) {
        for (WristbandProfile profile : values()) {
            if (profile.code == code) {
                return profile;
            }
        }
        throw new IllegalArgumentException("unknown wristband profile code 0x%02x".formatted(code));
    }
}
