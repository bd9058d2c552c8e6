package io.fcs.terminal.device.nfc;

import java.util.Objects;

/** What reading a wristband's state gave. */
public sealed interface ChipRead permits ChipRead.Valid, ChipRead.Unusable {

    /** Why a chip's state cannot be used; every one but UNREADABLE is final for that wristband. */
    enum Problem {
        /** never issued: no state on it. */
        BLANK,
        /** its signature does not verify. */
        FORGED,
        /** its counter is behind what was already seen: a restored dump. */
        ROLLED_BACK,
        /** another chip with the same state was already seen. */
        CLONED,
        /** nothing usable could be read (moved away, RF noise). */
        UNREADABLE
    }

    record Valid(ChipState state) implements ChipRead {
        public Valid {
            Objects.requireNonNull(state, "state");
        }
    }

    record Unusable(Problem problem, String detail) implements ChipRead {
        public Unusable {
            Objects.requireNonNull(problem, "problem");
            detail = detail == null ? "" : detail;
        }
    }
}
