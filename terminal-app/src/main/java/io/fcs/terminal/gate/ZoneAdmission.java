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
    Answer ask(String correlationId, String ticketId, Optional<String> uid, String gateName, Instant at, Duration wait);

    /** A gate without an edge: every entry is decided on the gate's own knowledge. */
    static ZoneAdmission none() {
        return (correlationId, ticketId, uid, gateName, at, wait) -> new NoAnswer("no edge");
    }
}
