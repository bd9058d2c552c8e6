package io.fcs.terminal.gate;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What a gate said to a ticket or a wristband. */
public sealed interface GateOutcome permits GateOutcome.Admitted, GateOutcome.Refused, GateOutcome.Bound {

    /** Why someone is not let in; the gate shows each one in words. */
    enum Reason {
        FORGED,
        MALFORMED,
        UNKNOWN_KEY,
        REVOKED,
        ALREADY_USED,
        WRONG_DAY,
        WRONG_ZONE,
        BLOCKED,
        NOT_BOUND,
        UNREADABLE,
        READER_UNAVAILABLE,
        NO_WRISTBAND,
        ALREADY_INSIDE,
        /** The edge did not answer and this gate's clock is too far from the edge's to decide alone. */
        CLOCK_WRONG
    }

    /**
     * In (or out). {@code needsBinding}: first entry on a ticket, a wristband should be bound now.
     * {@code offline}: admitted on this gate's own knowledge, flagged for review.
     */
    record Admitted(
            String ticketId, String ticketType, boolean exit, boolean needsBinding, boolean reentry, boolean offline)
            implements GateOutcome {
        public Admitted {
            Objects.requireNonNull(ticketId, "ticketId");
            ticketType = ticketType == null ? "" : ticketType;
        }
    }

    /** Not in; {@code where}/{@code when} say where and when a ticket was already used. */
    record Refused(Reason reason, Optional<String> where, Optional<Instant> when) implements GateOutcome {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }

        public static Refused of(Reason reason) {
            return new Refused(reason, Optional.empty(), Optional.empty());
        }
    }

    /** A wristband is now bound to a ticket: re-entry goes by wristband. */
    record Bound(String ticketId, String uid) implements GateOutcome {}
}
