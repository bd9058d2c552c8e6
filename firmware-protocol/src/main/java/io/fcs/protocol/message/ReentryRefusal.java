package io.fcs.protocol.message;

import java.util.Optional;

/**
 * Why a zone's re-entry rule refuses a ticket that was admitted before (decision 0151); it rides
 * on an {@link AdmissionAnswer} refused {@code ALREADY_USED}.
 */
public enum ReentryRefusal {
    /** The zone admits each ticket once. */
    ONE_ENTRY_ONLY(0x01),
    /** Re-entry is allowed, but not within the zone's cool-down after the last admission. */
    COOL_DOWN(0x02),
    /** Re-entry needs an exit scan after the last admission, and there was none. */
    NO_EXIT_SCAN(0x03);

    private final int code;

    ReentryRefusal(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static Optional<ReentryRefusal> fromCode(int code) {
        for (ReentryRefusal refusal : values()) {
            if (refusal.code == code) {
                return Optional.of(refusal);
            }
        }
        return Optional.empty();
    }
}
