package io.fcs.protocol.record;

import io.fcs.protocol.crypto.Ed25519;
import java.util.Objects;

/** Signs a terminal's records with its Ed25519 key. Thread-safe. */
public final class RecordSigner {

    private final Ed25519.SigningKey key;

    public RecordSigner(Ed25519.SigningKey key) {
        this.key = Objects.requireNonNull(key, "key");
    }

    /** Encodes the record canonically and signs those bytes. */
    public SignedRecord sign(TransactionRecord record) {
        byte[] signedBytes = RecordCodec.encode(record);
        return new SignedRecord(record, signedBytes, key.sign(signedBytes));
    }

    public Ed25519.VerificationKey verificationKey() {
        return key.verificationKey();
    }
}
