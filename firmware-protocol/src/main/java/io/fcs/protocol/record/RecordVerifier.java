package io.fcs.protocol.record;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.TerminalId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Checks wire bytes of a record: version, decoding, the terminal's key, the signature and,
 * when asked, the link to an expected previous hash. Thread-safe when the key lookup is.
 *
 * <p>Order of checks (the first that fails is the answer): UNSUPPORTED_VERSION (first byte),
 * MALFORMED (decoding), UNKNOWN_KEY, BAD_SIGNATURE, BROKEN_CHAIN.
 */
public final class RecordVerifier {

    private final Function<TerminalId, Optional<Ed25519.VerificationKey>> keys;

    /** @param keys the verification key of each enrolled terminal (empty when unknown or revoked) */
    public RecordVerifier(Function<TerminalId, Optional<Ed25519.VerificationKey>> keys) {
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Verifies a record's wire bytes without a chain expectation. */
    public RecordVerification verify(byte[] encoded) {
        return verify(encoded, null);
    }

    /**
     * Verifies a record's wire bytes and that it names {@code expectedPrevious} as its previous
     * hash (the hash of the last record of the terminal the caller holds, or GENESIS).
     */
    public RecordVerification verify(byte[] encoded, RecordHash expectedPrevious) {
        int version = RecordCodec.versionOf(encoded);
        if (version != -1 && version != RecordCodec.VERSION) {
            return new RecordVerification.Refused(
                    RecordRefusal.UNSUPPORTED_VERSION,
                    "version " + version + ", this code reads " + RecordCodec.VERSION);
        }
        return switch (RecordCodec.decodeSigned(encoded)) {
            case RecordDecoding.Malformed<SignedRecord> malformed ->
                new RecordVerification.Refused(
                        malformed.error() == DecodeError.UNSUPPORTED_VERSION
                                ? RecordRefusal.UNSUPPORTED_VERSION
                                : RecordRefusal.MALFORMED,
                        malformed.error() + ": " + malformed.detail());
            case RecordDecoding.Decoded<SignedRecord> decoded -> verify(decoded.value(), expectedPrevious);
        };
    }

    /** Verifies an already decoded record (for example read back from a store). */
    public RecordVerification verify(SignedRecord signed, RecordHash expectedPrevious) {
        TerminalId terminal = signed.record().terminal();
        Optional<Ed25519.VerificationKey> key = keys.apply(terminal);
        if (key == null || key.isEmpty()) {
            return new RecordVerification.Refused(RecordRefusal.UNKNOWN_KEY, "no key for terminal " + terminal);
        }
        if (!signed.isSignedBy(key.get())) {
            return new RecordVerification.Refused(
                    RecordRefusal.BAD_SIGNATURE,
                    "signature of " + terminal + "#" + signed.record().sequence() + " does not verify with key "
                            + key.get().fingerprint());
        }
        if (expectedPrevious != null && !expectedPrevious.equals(signed.record().previousHash())) {
            return new RecordVerification.Refused(
                    RecordRefusal.BROKEN_CHAIN,
                    terminal + "#" + signed.record().sequence() + " names previous hash "
                            + signed.record().previousHash() + ", expected " + expectedPrevious);
        }
        return new RecordVerification.Valid(signed);
    }
}
