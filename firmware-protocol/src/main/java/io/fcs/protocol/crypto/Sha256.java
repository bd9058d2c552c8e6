package io.fcs.protocol.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 and the hash chain that links each terminal's records: a record carries the hash of
 * its predecessor, the first record of a terminal carries {@link #genesis()} (32 zero bytes).
 */
public final class Sha256 {

    public static final int LENGTH = 32;

    /**
     * The "previous hash" of a terminal's first record: 32 zero bytes.
     *
     * @deprecated a public array can be written by anyone, which would change every chain's
     *     genesis in the JVM; use {@link #genesis()} (a fresh copy) or {@code RecordHash.GENESIS}.
     */
    @Deprecated
    public static final byte[] GENESIS = new byte[LENGTH];

    /**
     * The platform's SHA-256, one per thread: the JIT compiles it to the processor's SHA
     * instructions where there are some, several times faster than a digest written in Java.
     * {@code digest()} leaves it reset for the next use.
     */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every Java platform has SHA-256", impossible);
        }
    });

    private Sha256() {}

    /** The "previous hash" of a terminal's first record: a fresh array of 32 zero bytes. */
    public static byte[] genesis() {
        return new byte[LENGTH];
    }

    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static byte[] hash(byte[] data, int offset, int length) {
        MessageDigest digest = DIGEST.get();
        digest.update(data, offset, length);
        return digest.digest();
    }

    /** The link a record makes: {@code SHA-256(previousHash || recordBytes)}. */
    public static byte[] chain(byte[] previousHash, byte[] recordBytes) {
        byte[] previous = Bytes.requireLength("previous hash", previousHash, LENGTH);
        MessageDigest digest = DIGEST.get();
        digest.update(previous, 0, LENGTH);
        digest.update(recordBytes, 0, recordBytes.length);
        return digest.digest();
    }
}
