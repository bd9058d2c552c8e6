package io.fcs.terminal.gate;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Port of the gate to its zone's edge for ticket admission (decision 0250): the edge knows every
 * admission at every gate of the zone, so a ticket used at gate A is refused at gate B with where
 * and when. No answer in time means the gate decides alone, flagged offline.
 */
@FunctionalInterface
public interface ZoneAdmission {

    sealed interface Answer permits Admitted, Refused, NoAnswer {}

    /** The zone admits the ticket; {@code reentry}: it was admitted before and may come in again. */
    record Admitted(boolean reentry) implements Answer {}

    /** The zone refuses: revoked, blocked, or already used (where and when). */
    record Refused(GateOutcome.Reason reason, Optional<String> where, Optional<Instant> when) implements Answer {
        public Refused {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The edge did not answer in time (or is not connected): the gate decides on its own knowledge. */
    record NoAnswer(String why) implements Answer {}

    /**
     * Asks the zone whether the ticket (already verified by the gate) may enter now.
     *
     * @param correlationId the id of the check-in record the gate commits if it is admitted
     */
    default Answer ask(
            String correlationId, String ticketId, Optional<String> uid, String gateName, Instant at, Duration wait) {
        return ask(correlationId, ticketId, uid, gateName, at, wait, Kind.ENTRY);
    }

    /**
     * Tells the zone an entry to decide or an exit scan (decision 0254): wristband re-entries and
     * exits go through the zone too, so its re-entry rule applies across its gates.
     */
    Answer ask(
            String correlationId,
            String ticketId,
            Optional<String> uid,
            String gateName,
            Instant at,
            Duration wait,
            Kind kind);

    /**
     * The gate asked, stopped waiting and did not admit (refused alone): tells the zone so an
     * answer that arrives late does not leave an admission that never happened (decision 0254).
     * Best effort, no answer.
     */
    default void release(String correlationId, String ticketId, Optional<String> uid, String gateName, Instant at) {}

    /** What the gate tells its zone: an entry to decide, an exit scan, or the release of an entry. */
    enum Kind {
        ENTRY,
        EXIT,
        RELEASE
    }

    /** A gate without an edge: every entry is decided on the gate's own knowledge. */
    static ZoneAdmission none() {
        return (correlationId, ticketId, uid, gateName, at, wait, kind) -> new NoAnswer("no edge");
    }
}
