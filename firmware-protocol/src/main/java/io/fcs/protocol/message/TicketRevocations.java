package io.fcs.protocol.message;

import io.fcs.protocol.value.TicketId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Tickets gates must refuse (refunded, cancelled, reissued), versioned, full or delta like the
 * {@link DenyList}.
 *
 * @param baseVersion 0 for a full list; for a delta, the version it applies to (1..version-1)
 */
public record TicketRevocations(long version, ListMode mode, long baseVersion, List<Entry> entries) implements Message {

    public static final int MAX_ENTRIES = 1_000_000;

    public TicketRevocations {
        Objects.requireNonNull(mode, "mode");
        entries = Fields.list("entries", entries, MAX_ENTRIES);
        Versioning.check(version, mode, baseVersion, entries.stream().anyMatch(e -> e.action() == ListAction.REMOVE));
    }

    public static TicketRevocations full(long version, List<Entry> entries) {
        return new TicketRevocations(version, ListMode.FULL, 0, entries);
    }

    public static TicketRevocations delta(long baseVersion, long version, List<Entry> entries) {
        return new TicketRevocations(version, ListMode.DELTA, baseVersion, entries);
    }

    public record Entry(TicketId ticketId, ListAction action, Reason reason) {
        public Entry {
            Objects.requireNonNull(ticketId, "ticketId");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(reason, "reason");
        }

        public static Entry revoke(TicketId ticketId, Reason reason) {
            return new Entry(ticketId, ListAction.ADD, reason);
        }
    }

    /** Why a ticket was revoked; the gate shows it. */
    public enum Reason {
        REFUNDED(0x01),
        CANCELLED(0x02),
        /** Replaced by a reissued ticket (new QR). */
        REISSUED(0x03),
        FRAUD(0x04),
        OTHER(0x05);

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

    @Override
    public MessageType type() {
        return MessageType.TICKET_REVOCATIONS;
    }
}
