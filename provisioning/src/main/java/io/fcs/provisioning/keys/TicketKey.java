package io.fcs.provisioning.keys;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.enrol.TicketKeyAnchor;
import java.time.Instant;
import java.util.Objects;

/**
 * A festival ticket-signing key: the newest valid one signs, every unexpired one verifies.
 * {@code validUntil} is null while the key has no end. The seed never leaves the key store
 * except towards central (which signs the tickets it sells).
 */
public record TicketKey(String keyId, Ed25519.SigningKey signingKey, Instant validFrom, Instant validUntil) {

    public TicketKey {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(signingKey, "signingKey");
        Objects.requireNonNull(validFrom, "validFrom");
    }

    public Ed25519.VerificationKey publicKey() {
        return signingKey.verificationKey();
    }

    public TicketKeyAnchor anchor() {
        return new TicketKeyAnchor(keyId, publicKey(), validFrom, validUntil);
    }

    public boolean validAt(Instant now) {
        return !now.isBefore(validFrom) && (validUntil == null || now.isBefore(validUntil));
    }

    @Override
    public String toString() {
        return "TicketKey[" + keyId + " " + publicKey().fingerprint() + "]";
    }
}
