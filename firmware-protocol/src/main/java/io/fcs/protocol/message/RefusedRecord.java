package io.fcs.protocol.message;

import java.util.Objects;
import java.util.Optional;

/**
 * A record the receiver settled by refusing it: it will never be applied, and the sender must not
 * resend it (it keeps it for the operator and reconciliation).
 */
public record RefusedRecord(long sequence, Reason reason) {

    public RefusedRecord {
        Fields.atLeast("sequence", sequence, 0);
        Objects.requireNonNull(reason, "reason");
    }

    /** Why the receiver refused the record; carried as one byte. */
    public enum Reason {
        /** The record bytes do not parse as a signed record. */
        MALFORMED(0x01),
        /** The signature does not verify with the terminal's enrolled key. */
        BAD_SIGNATURE(0x02),
        /** The terminal is not enrolled in this festival. */
        UNKNOWN_TERMINAL(0x03),
        /** The terminal was revoked before the record was signed. */
        TERMINAL_REVOKED(0x04),
        /** Another record with other bytes already holds this (terminal, sequence) or record id. */
        CONFLICTING_DUPLICATE(0x05),
        /** The previous-hash does not chain onto the record before it. */
        CHAIN_BROKEN(0x06),
        /** Two records claim the same chip counter or chain parent: a fraud alert is raised. */
        FORK(0x07),
        /** The record belongs to another festival. */
        WRONG_FESTIVAL(0x08),
        /** The record is well-formed and authentic but breaks a ledger rule; see central's review list. */
        POLICY(0x09);

        private final int code;

        Reason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Optional<Reason> fromCode(int code) {
            for (Reason reason : values()) {
                if (reason.code == code) {
                    return Optional.of(reason);
                }
            }
            return Optional.empty();
        }
    }
}
