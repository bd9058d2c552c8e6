package io.fcs.central.device;

import io.fcs.protocol.crypto.Ed25519.VerificationKey;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Enrolled terminals and edge nodes with their Ed25519 public keys. Record ingestion verifies
 * each terminal's signatures with {@link #terminalKey}; records a revoked terminal signed after
 * {@link #revokedAt} post nothing.
 */
public interface DeviceRegistry {

    /** The public key of an enrolled terminal (also after revocation: old records still verify). */
    Optional<VerificationKey> terminalKey(TerminalId terminal);

    /** When the terminal was revoked, if it was. */
    Optional<Instant> revokedAt(TerminalId terminal);

    Optional<Device> device(UUID deviceId);

    /** Every device of the festival, terminals and edges, in enrolment order. */
    List<Device> devices(FestivalId festival);

    enum Kind {
        TERMINAL,
        EDGE
    }

    enum Mode {
        POS,
        GATE,
        KIOSK
    }

    enum Status {
        ACTIVE,
        REVOKED
    }

    record Device(
            UUID deviceId,
            FestivalId festivalId,
            Kind kind,
            Mode mode,
            UUID zoneId,
            String name,
            VerificationKey publicKey,
            Status status,
            Instant revokedAt,
            String reason) {}
}
