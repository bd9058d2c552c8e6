package io.fcs.central.audit;

import java.util.Map;
import java.util.UUID;

/**
 * The append-only, hash-chained audit log of admin actions and money operations (who, when,
 * what). Appends join the caller's transaction: a refused or rolled-back action leaves no event.
 * Committed events are chained (sequence number and hash) shortly after, in batches; readers of
 * the chain call {@link #flush()} first (decision 0140).
 */
public interface AuditLog {

    /**
     * Appends an event by the current caller (the authenticated user's id, or {@code system}).
     *
     * @param action dotted verb, e.g. {@code festival.created}, {@code ticket.refunded}
     * @param festivalId the festival concerned, or {@code null}
     * @param subject the object acted on, e.g. a ticket id
     * @param details small, non-secret facts (amounts, names of things, never passwords or keys)
     */
    void record(String action, UUID festivalId, String subject, Map<String, ?> details);

    /** Appends an event by an explicit actor (e.g. {@code terminal:<id>}, {@code psp:sandbox}). */
    void record(String actor, String action, UUID festivalId, String subject, Map<String, ?> details);

    /** Chains every event committed so far, so that a read of the log that follows sees them. */
    void flush();
}
