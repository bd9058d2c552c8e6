package io.fcs.protocol.message;

import java.util.Optional;

/** Whether a versioned list replaces what the receiver holds or changes it. */
public enum ListMode {
    /** The whole list at {@code version}: replaces everything held. Published retained. */
    FULL(0x01),
    /**
     * Changes from {@code baseVersion} to {@code version}: applies only if the receiver holds
     * exactly {@code baseVersion}; otherwise it waits for the next full list. Not retained.
     */
    DELTA(0x02);

    private final int code;

    ListMode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ListMode> fromCode(int code) {
        for (ListMode mode : values()) {
            if (mode.code == code) {
                return Optional.of(mode);
            }
        }
        return Optional.empty();
    }
}
