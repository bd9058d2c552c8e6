package io.fcs.central.audit;

import java.time.Instant;
import java.util.UUID;

/** One stored audit event; {@code hash} chains it to the event before. */
public record AuditEvent(
        long seq,
        Instant at,
        String actor,
        String action,
        UUID festivalId,
        String subject,
        String details,
        String prevHash,
        String hash) {}
