package io.fcs.protocol.ticket;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.FestivalId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a scanned ticket offline against the festival's trusted ticket keys. Several keys may be
 * trusted at once (rotation with an overlap: tickets signed by the old key stay valid while new
 * ones are issued with the new key); the ticket's key id picks the key. Immutable, thread-safe.
 *
 * <p>Order of checks: MALFORMED (scheme, Base45, lengths, fields) or UNSUPPORTED_VERSION, then
 * UNKNOWN_KEY, FORGED, WRONG_FESTIVAL. Day and zone rules are {@link TicketAdmission}'s.
 */
public final class TicketVerifier {

    private final FestivalId festival;
    private final Map<Integer, List<Ed25519.VerificationKey>> keysById = new HashMap<>();

    public TicketVerifier(FestivalId festival, Collection<Ed25519.VerificationKey> trustedKeys) {
        this.festival = Objects.requireNonNull(festival, "festival");
        for (Ed25519.VerificationKey key : trustedKeys) {
            keysById.computeIfAbsent(TicketCodec.keyId(key), id -> new ArrayList<>(1))
                    .add(key);
        }
    }

    /** Verifies the text a QR code or a keyboard-wedge scanner gave. */
    public TicketVerification verify(String text) {
        try {
            return verifyBytes(TicketCodec.fromText(text));
        } catch (TicketCodec.Refusal refusal) {
            return new TicketVerification.Refused(refusal.reason, refusal.getMessage());
        }
    }

    /** Verifies signed ticket bytes (body and signature). */
    public TicketVerification verify(byte[] signedTicket) {
        try {
            return verifyBytes(signedTicket);
        } catch (TicketCodec.Refusal refusal) {
            return new TicketVerification.Refused(refusal.reason, refusal.getMessage());
        }
    }

    private TicketVerification verifyBytes(byte[] bytes) throws TicketCodec.Refusal {
        TicketCodec.Parsed parsed = TicketCodec.parse(bytes);
        List<Ed25519.VerificationKey> candidates = keysById.get(parsed.keyId());
        if (candidates == null) {
            return new TicketVerification.Refused(
                    TicketRefusal.UNKNOWN_KEY, "key id %08x is not a trusted ticket key".formatted(parsed.keyId()));
        }
        byte[] signature = TicketCodec.signature(bytes, parsed.bodyLength());
        for (Ed25519.VerificationKey key : candidates) {
            if (key.verify(bytes, 0, parsed.bodyLength(), signature)) {
                if (!festival.equals(parsed.ticket().festival())) {
                    return new TicketVerification.Refused(
                            TicketRefusal.WRONG_FESTIVAL,
                            "ticket of festival " + parsed.ticket().festival() + ", this gate is " + festival);
                }
                return new TicketVerification.Authentic(parsed.ticket(), key);
            }
        }
        return new TicketVerification.Refused(
                TicketRefusal.FORGED,
                "signature does not verify with key " + candidates.getFirst().fingerprint());
    }

    public FestivalId festival() {
        return festival;
    }
}
