package io.fcs.terminal.gate;

import java.time.LocalDate;
import java.util.Objects;

/**
 * Seam to the protocol's ticket verifier: signature with the festival's ticket keys, validity
 * day and zone. Revocations and check-ins are the gate's own business (store).
 */
public interface TicketCheck {

    sealed interface Result permits Valid, Invalid {}

    record Valid(String ticketId, String ticketType) implements Result {
        public Valid {
            Objects.requireNonNull(ticketId, "ticketId");
        }
    }

    /** FORGED, MALFORMED, UNKNOWN_KEY, WRONG_DAY or WRONG_ZONE. */
    record Invalid(GateOutcome.Reason reason) implements Result {}

    Result verify(String qrText, LocalDate festivalDay, String zoneId);
}
