package io.fcs.protocol.ticket;

import io.fcs.protocol.crypto.Ed25519;
import java.util.Arrays;
import java.util.Objects;

/** Signs tickets with the festival ticket key (provisioning and central's ticketing use it). */
public final class TicketIssuer {

    private final Ed25519.SigningKey key;
    private final int keyId;

    public TicketIssuer(Ed25519.SigningKey key) {
        this.key = Objects.requireNonNull(key, "key");
        this.keyId = TicketCodec.keyId(key.verificationKey());
    }

    /** The ticket as QR text: {@code FT1:} + Base45 of the signed bytes (at most 180 characters). */
    public String issue(Ticket ticket) {
        return TicketCodec.toText(issueBytes(ticket));
    }

    /** The signed ticket bytes: body followed by the 64-byte signature. */
    public byte[] issueBytes(Ticket ticket) {
        byte[] body = TicketCodec.encodeBody(ticket, keyId);
        byte[] signature = key.sign(body);
        byte[] out = Arrays.copyOf(body, body.length + signature.length);
        System.arraycopy(signature, 0, out, body.length, signature.length);
        return out;
    }

    /** The key id this issuer's tickets carry. */
    public int keyId() {
        return keyId;
    }

    public Ed25519.VerificationKey verificationKey() {
        return key.verificationKey();
    }
}
