package io.fcs.protocol.record;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.crypto.Ed25519Batch;
import io.fcs.protocol.value.TerminalId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * A terminal's records are checked together from this many on; fewer are checked one by one,
     * which costs less than a batch's fixed part (the key's and the base point's multiples).
     */
    static final int BATCH_FROM = 3;

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

    /**
     * Verifies many records' wire bytes at once: for each, what {@link #verify(byte[])} answers,
     * except that signatures are checked together (see {@link #verifyAll(List)}).
     */
    public List<RecordVerification> verifyAllEncoded(List<byte[]> encoded) {
        RecordVerification[] out = new RecordVerification[encoded.size()];
        List<SignedRecord> decoded = new ArrayList<>(encoded.size());
        List<Integer> positions = new ArrayList<>(encoded.size());
        for (int i = 0; i < encoded.size(); i++) {
            int version = RecordCodec.versionOf(encoded.get(i));
            if ((version == -1 || version == RecordCodec.VERSION)
                    && RecordCodec.decodeSigned(encoded.get(i)) instanceof RecordDecoding.Decoded<SignedRecord> ok) {
                decoded.add(ok.value());
                positions.add(i);
            } else {
                out[i] = verify(encoded.get(i)); // the refusal, as one record alone gets it
            }
        }
        List<RecordVerification> checked = verifyAll(decoded);
        for (int j = 0; j < checked.size(); j++) {
            out[positions.get(j)] = checked.get(j);
        }
        return Arrays.asList(out);
    }

    /**
     * Verifies decoded records at once (decision 0275), without a chain expectation: one answer per
     * record, in order, exactly what {@link #verify(SignedRecord, RecordHash)} answers. The records
     * of each terminal (from {@link #BATCH_FROM} on) have their signatures checked together with
     * RFC 8032's cofactored equation ({@link Ed25519Batch}); when that check fails, each of them is
     * checked alone, so the forged ones are named and the others pass. Bouncy Castle's single check
     * accepts the same signatures as the batch check (decision 0275).
     */
    public List<RecordVerification> verifyAll(List<SignedRecord> records) {
        RecordVerification[] out = new RecordVerification[records.size()];
        Map<TerminalId, List<Integer>> byTerminal = new LinkedHashMap<>();
        for (int i = 0; i < records.size(); i++) {
            byTerminal
                    .computeIfAbsent(records.get(i).record().terminal(), t -> new ArrayList<>())
                    .add(i);
        }
        for (Map.Entry<TerminalId, List<Integer>> group : byTerminal.entrySet()) {
            Optional<Ed25519.VerificationKey> key = keys.apply(group.getKey());
            if (key == null || key.isEmpty()) {
                for (int i : group.getValue()) {
                    out[i] = unknownKey(records.get(i));
                }
                continue;
            }
            if (group.getValue().size() < BATCH_FROM) {
                for (int i : group.getValue()) {
                    out[i] = verify(records.get(i), null);
                }
                continue;
            }
            List<byte[]> messages = new ArrayList<>(group.getValue().size());
            List<byte[]> signatures = new ArrayList<>(group.getValue().size());
            for (int i : group.getValue()) {
                messages.add(records.get(i).signedBytesShared());
                signatures.add(records.get(i).signatureShared());
            }
            boolean all = Ed25519Batch.allHold(key.get(), messages, signatures);
            for (int j = 0; j < group.getValue().size(); j++) {
                SignedRecord signed = records.get(group.getValue().get(j));
                out[group.getValue().get(j)] = all || signed.isSignedBy(key.get())
                        ? new RecordVerification.Valid(signed)
                        : badSignature(signed, key.get());
            }
        }
        return Arrays.asList(out);
    }

    private static RecordVerification.Refused unknownKey(SignedRecord signed) {
        return new RecordVerification.Refused(
                RecordRefusal.UNKNOWN_KEY,
                "no key for terminal " + signed.record().terminal());
    }

    private static RecordVerification.Refused badSignature(SignedRecord signed, Ed25519.VerificationKey key) {
        return new RecordVerification.Refused(
                RecordRefusal.BAD_SIGNATURE,
                "signature of " + signed.record().terminal() + "#"
                        + signed.record().sequence() + " does not verify with key " + key.fingerprint());
    }

    /** Verifies an already decoded record (for example read back from a store). */
    public RecordVerification verify(SignedRecord signed, RecordHash expectedPrevious) {
        TerminalId terminal = signed.record().terminal();
        Optional<Ed25519.VerificationKey> key = keys.apply(terminal);
        if (key == null || key.isEmpty()) {
            return unknownKey(signed);
        }
        if (!signed.isSignedBy(key.get())) {
            return badSignature(signed, key.get());
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
