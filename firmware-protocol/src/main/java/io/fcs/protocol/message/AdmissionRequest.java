package io.fcs.protocol.message;

import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A gate asks its zone's edge whether a ticket it has verified (signature, festival, day, zone)
 * may enter now: the edge holds the zone's check-ins, so a ticket used at gate A is refused at
 * gate B. The edge answers on the gate's {@code admission/res} topic with an {@link
 * AdmissionAnswer} carrying the same correlation id, and treats a repeated correlation id as the
 * same request (same answer, one admission).
 *
 * @param correlationId the id of the check-in record the gate commits when the ticket is admitted
 * @param wristbandUid the wristband bound to the ticket, when the gate knows one
 * @param gateName the gate's name, shown at the other gates as where the ticket was used
 * @param time the gate's clock at the scan (milliseconds)
 */
public record AdmissionRequest(
        UUID correlationId,
        TerminalId terminalId,
        TicketId ticketId,
        Optional<OpaqueBytes> wristbandUid,
        String gateName,
        Instant time)
        implements Message {

    public AdmissionRequest {
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(wristbandUid, "wristbandUid");
        wristbandUid.ifPresent(uid -> Fields.bytes(
                "wristbandUid", uid, AuthorisationRequest.MIN_UID_BYTES, AuthorisationRequest.MAX_UID_BYTES));
        Fields.text("gateName", gateName, 0, CheckIn.MAX_GATE_NAME_BYTES);
        time = Fields.millis("time", time);
    }

    @Override
    public MessageType type() {
        return MessageType.ADMISSION_REQUEST;
    }
}
