package io.fcs.protocol.tag;

import java.util.EnumSet;
import java.util.Set;

/** Flags of a chip state, one bit each in the 16-bit FLAGS field. */
public enum ChipFlag {
    /** Lost, stolen, refunded or caught cloned: every terminal refuses it. */
    BLOCKED(0x0001),
    /** A staff badge: opens staff functions, carries no attendee balance. */
    STAFF_BADGE(0x0002),
    /** At least one sale in the current offline period was approved without the edge. */
    OFFLINE_USED(0x0004),
    /** Bound to an admission ticket at first entry. */
    TICKET_BOUND(0x0008);

    /** Bits no version-1 writer sets: a state carrying them is refused. */
    public static final int KNOWN_BITS = 0x000F;

    private final int code;

    ChipFlag(int code) {
        this.code = code;
    }

    /** The flag's bit. */
    public int code() {
        return code;
    }

    public static ChipFlag fromCode(int code) {
        for (ChipFlag flag : values()) {
            if (flag.code == code) {
                return flag;
            }
        }
        throw new IllegalArgumentException("unknown chip flag 0x%04x".formatted(code));
    }

    public static int toBits(Set<ChipFlag> flags) {
        int bits = 0;
        for (ChipFlag flag : flags) {
            bits |= flag.code;
        }
        return bits;
    }

    /** The flags of a bit set; bits outside {@link #KNOWN_BITS} are an error. */
    public static Set<ChipFlag> fromBits(int bits) {
        if ((bits & ~KNOWN_BITS) != 0) {
            throw new IllegalArgumentException("unknown chip flag bits 0x%04x".formatted(bits & ~KNOWN_BITS));
        }
        EnumSet<ChipFlag> flags = EnumSet.noneOf(ChipFlag.class);
        for (ChipFlag flag : values()) {
            if ((bits & flag.code) != 0) {
                flags.add(flag);
            }
        }
        return flags;
    }
}
