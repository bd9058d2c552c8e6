package io.fcs.protocol.enrol;

import io.fcs.protocol.crypto.Ed25519;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A festival ticket-signing public key a gate trusts, with its validity. {@code validUntil} is
 * {@code null} while the key has no end (the current key before any rotation).
 */
public record TicketKeyAnchor(String keyId, Ed25519.VerificationKey publicKey, Instant validFrom, Instant validUntil) {

    /** Key ids are short printable ASCII names: 1..32 of {@code [A-Za-z0-9._-]}. */
    public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    public TicketKeyAnchor {
        Objects.requireNonNull(keyId, "keyId");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("ticket key id must match " + KEY_ID + ", was " + keyId);
        }
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(validFrom, "validFrom");
        if (validUntil != null && validUntil.isBefore(validFrom)) {
            throw new IllegalArgumentException("ticket key " + keyId + " ends before it starts");
        }
        validFrom = Instant.ofEpochMilli(validFrom.toEpochMilli());
        validUntil = validUntil == null ? null : Instant.ofEpochMilli(validUntil.toEpochMilli());
    }

    /** True when a ticket signed with this key is acceptable at {@code now}. */
    public boolean validAt(Instant now) {
        return !now.isBefore(validFrom) && (validUntil == null || now.isBefore(validUntil));
    }

    byte[] keyIdBytes() {
        return keyId.getBytes(StandardCharsets.US_ASCII);
    }
}
