package io.fcs.protocol.message;

import io.fcs.protocol.ticket.AdmissionRefusal;
import io.fcs.protocol.value.TerminalId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The zone's answer to an {@link AdmissionRequest}, matched by correlation id: admitted (perhaps
 * again, under the zone's re-entry rule), or refused with the one vocabulary of refused entries
 * ({@link AdmissionRefusal}; the edge answers {@code REVOKED}, {@code BLOCKED} or {@code
 * ALREADY_USED}). {@code ALREADY_USED} names where and when the ticket was admitted before, and
 * which re-entry rule says no.
 *
 * @param refusal empty when admitted
 * @param reentry admitted again under the zone's re-entry rule (only when admitted)
 * @param reentryRefusal why the zone's rule refuses (only with {@code ALREADY_USED})
 * @param previous the earlier admission (required with {@code ALREADY_USED})
 * @param edgeTime the edge's clock when it answered
 */
public record AdmissionAnswer(
        UUID correlationId,
        Optional<AdmissionRefusal> refusal,
        boolean reentry,
        Optional<ReentryRefusal> reentryRefusal,
        Optional<PreviousAdmission> previous,
        Instant edgeTime)
        implements Message {

    /** Where (gate terminal and its name) and when a ticket was admitted before. */
    public record PreviousAdmission(TerminalId gate, String gateName, Instant at) {
        public PreviousAdmission {
            Objects.requireNonNull(gate, "gate");
            Fields.text("gateName", gateName, 0, CheckIn.MAX_GATE_NAME_BYTES);
            at = Fields.millis("at", at);
        }
    }

    public AdmissionAnswer {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(refusal, "refusal");
        Objects.requireNonNull(reentryRefusal, "reentryRefusal");
        Objects.requireNonNull(previous, "previous");
        edgeTime = Fields.millis("edgeTime", edgeTime);
        boolean alreadyUsed = refusal.equals(Optional.of(AdmissionRefusal.ALREADY_USED));
        if (reentry && refusal.isPresent()) {
            throw new IllegalArgumentException("only an admission is a re-entry");
        }
        if (reentryRefusal.isPresent() && !alreadyUsed) {
            throw new IllegalArgumentException("a re-entry refusal goes with ALREADY_USED only");
        }
        if (alreadyUsed && previous.isEmpty()) {
            throw new IllegalArgumentException("ALREADY_USED names the previous admission");
        }
    }

    public boolean admitted() {
        return refusal.isEmpty();
    }

    /** Admitted; {@code previous} is the admission before this one on a re-entry. */
    public static AdmissionAnswer admitted(
            UUID correlationId, boolean reentry, Optional<PreviousAdmission> previous, Instant edgeTime) {
        return new AdmissionAnswer(correlationId, Optional.empty(), reentry, Optional.empty(), previous, edgeTime);
    }

    /** Refused as already used: where and when, and the rule that says no. */
    public static AdmissionAnswer alreadyUsed(
            UUID correlationId, PreviousAdmission previous, ReentryRefusal why, Instant edgeTime) {
        return new AdmissionAnswer(
                correlationId,
                Optional.of(AdmissionRefusal.ALREADY_USED),
                false,
                Optional.of(why),
                Optional.of(previous),
                edgeTime);
    }

    /** Refused for another reason (revoked, blocked). */
    public static AdmissionAnswer refused(UUID correlationId, AdmissionRefusal refusal, Instant edgeTime) {
        return new AdmissionAnswer(
                correlationId, Optional.of(refusal), false, Optional.empty(), Optional.empty(), edgeTime);
    }

    @Override
    public MessageType type() {
        return MessageType.ADMISSION_ANSWER;
    }
}
