package io.fcs.protocol.record;

/** Who authorised the operation when the terminal recorded it. */
public enum Authority {
    /** The zone's edge node approved it live (the normal case). */
    EDGE(1),
    /**
     * The terminal decided alone, without its edge, within the wristband's offline allowance
     * (or a gate admitting offline): flagged for review and counted as offline exposure.
     */
    OFFLINE(2),
    /** Needs nobody's approval: cash-drawer events of the cashier's own shift. */
    LOCAL(3);

    private final int code;

    Authority(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code no authority has */
    public static Authority fromCode(int code) {
        for (Authority authority : values()) {
            if (authority.code == code) {
                return authority;
            }
        }
        throw new IllegalArgumentException("no authority has code " + code);
    }
}
