package io.fcs.protocol.message;

import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.ZoneId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A passage through a gate, broadcast across the zone (and up to central, and across zones) so
 * that a ticket used at gate A is refused at gate B within about a second. The signed check-in
 * record travels separately in a {@link RecordBatch}; {@code recordId} names it, and receivers
 * use it to absorb duplicates.
 *
 * @param ticketId the ticket scanned, if a ticket was scanned
 * @param wristbandUid the wristband tapped (or bound at first entry), if any; at least one of the two
 */
public record CheckIn(
        RecordId recordId,
        TerminalId terminalId,
        ZoneId zoneId,
        String gateName,
        Optional<TicketId> ticketId,
        Optional<OpaqueBytes> wristbandUid,
        Direction direction,
        Instant time)
        implements Message {

    public static final int MAX_GATE_NAME_BYTES = 100;

    public CheckIn {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(zoneId, "zoneId");
        Fields.text("gateName", gateName, 0, MAX_GATE_NAME_BYTES);
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(wristbandUid, "wristbandUid");
        wristbandUid.ifPresent(uid -> Fields.bytes(
                "wristbandUid", uid, AuthorisationRequest.MIN_UID_BYTES, AuthorisationRequest.MAX_UID_BYTES));
        if (ticketId.isEmpty() && wristbandUid.isEmpty()) {
            throw new IllegalArgumentException("a check-in names a ticket, a wristband or both");
        }
        Objects.requireNonNull(direction, "direction");
        time = Fields.millis("time", time);
    }

    @Override
    public MessageType type() {
        return MessageType.CHECK_IN;
    }
}
