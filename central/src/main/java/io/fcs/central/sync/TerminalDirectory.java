package io.fcs.central.sync;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What the ingestion needs to know about an enrolled terminal (from the device registry). */
interface TerminalDirectory {

    /** The terminal's record-signing key, also after a revocation (older records still verify). */
    Optional<Ed25519.VerificationKey> key(TerminalId terminal);

    /** When the terminal was revoked, if it was. */
    Optional<Instant> revokedAt(TerminalId terminal);

    /** The festival the terminal is enrolled in. */
    Optional<FestivalId> festival(TerminalId terminal);

    /** The point of sale whose revenue the terminal's sales are (the terminal itself if none). */
    UUID pointOfSale(TerminalId terminal);

    /**
     * What a batch's transaction reads of its terminal, at once: a directory that can read it in
     * one look-up overrides this.
     */
    default Enrolment enrolment(TerminalId terminal) {
        return new Enrolment(festival(terminal), revokedAt(terminal), pointOfSale(terminal));
    }

    /** A terminal's festival, revocation and point of sale, as {@link #festival}, {@link #revokedAt} and {@link #pointOfSale} answer them. */
    record Enrolment(Optional<FestivalId> festival, Optional<Instant> revokedAt, UUID pointOfSale) {}
}
