package io.fcs.central.ticketing;

import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TicketId;
import java.time.Instant;
import java.util.List;

/**
 * The versioned list of revoked tickets of a festival (refunds, cancellations), read by the edge
 * downlink (deny list). Versions grow by one per revocation and follow commit order.
 */
public interface TicketRevocations {

    /** The highest version of the festival's list (0 when nothing was ever revoked). */
    long currentVersion(FestivalId festival);

    /** Revocations with a version greater than {@code sinceVersion}, in version order. */
    List<Revocation> since(FestivalId festival, long sinceVersion);

    record Revocation(long version, TicketId ticketId, String reason, Instant revokedAt) {}
}
