package io.fcs.protocol.record;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Ed25519;
import java.util.Arrays;
import java.util.Objects;

/**
 * A record with its canonical signed bytes and the terminal's Ed25519 signature over them. Made
 * by {@link RecordSigner}, or read back by {@link RecordCodec#decodeSigned} / {@link
 * RecordVerifier}; only the verifier says the signature is good.
 *
 * <p>Its chain hash is {@code SHA-256(previousHash || signedBytes)}: the signature is not part of
 * the chain (Ed25519 signatures are deterministic and Bouncy Castle refuses non-canonical ones, so
 * one record has one valid signature per key). Two signed records are equal when their wire bytes
 * are.
 */
public final class SignedRecord {

    private final TransactionRecord record;
    private final byte[] signedBytes;
    private final byte[] signature;
    private final RecordHash hash;

    SignedRecord(TransactionRecord record, byte[] signedBytes, byte[] signature) {
        this.record = Objects.requireNonNull(record, "record");
        this.signedBytes = Objects.requireNonNull(signedBytes, "signedBytes");
        this.signature = Objects.requireNonNull(signature, "signature");
        if (signature.length != Ed25519.SIGNATURE_LENGTH) {
            throw new IllegalArgumentException("signature must be 64 bytes, was " + signature.length);
        }
        this.hash = RecordHash.chain(record.previousHash(), signedBytes);
    }

    public TransactionRecord record() {
        return record;
    }

    /** The wire-format version of these bytes. */
    public int version() {
        return signedBytes[RecordCodec.OFFSET_VERSION] & 0xff;
    }

    /** The canonical bytes the signature covers ({@link RecordCodec#encode}). */
    public byte[] signedBytes() {
        return signedBytes.clone();
    }

    public byte[] signature() {
        return signature.clone();
    }

    /** The wire form: {@code signedBytes || signature}. */
    public byte[] encoded() {
        byte[] out = Arrays.copyOf(signedBytes, signedBytes.length + signature.length);
        System.arraycopy(signature, 0, out, signedBytes.length, signature.length);
        return out;
    }

    /** This record's link in its terminal's chain; the next record names it as previous hash. */
    public RecordHash hash() {
        return hash;
    }

    /** The signed bytes themselves, for checks in this package that only read them. */
    byte[] signedBytesShared() {
        return signedBytes;
    }

    /** The signature itself, for checks in this package that only read it. */
    byte[] signatureShared() {
        return signature;
    }

    /** Whether the signature is good for this key (no key lookup, no chain check). */
    public boolean isSignedBy(Ed25519.VerificationKey key) {
        return key.verify(signedBytes, signature);
    }

    boolean sameSignedBytes(SignedRecord other) {
        return Arrays.equals(signedBytes, other.signedBytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SignedRecord that
                && Arrays.equals(signedBytes, that.signedBytes)
                && Arrays.equals(signature, that.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(signedBytes) + Arrays.hashCode(signature);
    }

    @Override
    public String toString() {
        return "SignedRecord[" + record.kind() + " " + record.terminal() + "#" + record.sequence() + " id="
                + record.id() + " hash=" + Bytes.hex(hash.bytes()).substring(0, 16) + "]";
    }
}
