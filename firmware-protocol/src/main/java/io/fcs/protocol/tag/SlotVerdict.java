package io.fcs.protocol.tag;

/** What one state slot holds, after decoding and checking its signature. */
public sealed interface SlotVerdict {

    /** All 164 bytes zero: never written since initialisation. */
    record Empty() implements SlotVerdict {}

    /** First page zero, others not: a write into this slot was interrupted. */
    record Incomplete() implements SlotVerdict {}

    /** Bytes that no version-1 writer produces. */
    record Malformed(StateDefect defect, String detail) implements SlotVerdict {}

    /** Well formed, but the signature does not verify with the writer's key over these bytes and this UID. */
    record BadSignature(ChipState claimed) implements SlotVerdict {}

    /** Well formed, but the writer is not a terminal whose key we know. */
    record UnknownWriter(ChipState claimed) implements SlotVerdict {}

    /** Signed by a known terminal for this UID. */
    record Verified(ChipState state) implements SlotVerdict {}

    /** Why slot bytes are malformed. */
    enum StateDefect {
        WRONG_LENGTH(1),
        UNKNOWN_VERSION(2),
        UNKNOWN_FLAG(3),
        BAD_CURRENCY(4),
        NONZERO_PADDING(5),
        OUT_OF_RANGE(6);

        private final int code;

        StateDefect(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static StateDefect fromCode(int code) {
            for (StateDefect defect : values()) {
                if (defect.code == code) {
                    return defect;
                }
            }
            throw new IllegalArgumentException("unknown state defect code " + code);
        }
    }
}
