package io.fcs.protocol.crypto;

import org.bouncycastle.crypto.digests.SHA256Digest;

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

    private Sha256() {}

    /** The "previous hash" of a terminal's first record: a fresh array of 32 zero bytes. */
    public static byte[] genesis() {
        return new byte[LENGTH];
    }

    public static byte[] hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static byte[] hash(byte[] data, int offset, int length) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(data, offset, length);
        byte[] out = new byte[LENGTH];
        digest.doFinal(out, 0);
        return out;
    }

    /** The link a record makes: {@code SHA-256(previousHash || recordBytes)}. */
    public static byte[] chain(byte[] previousHash, byte[] recordBytes) {
        byte[] previous = Bytes.requireLength("previous hash", previousHash, LENGTH);
        SHA256Digest digest = new SHA256Digest();
        digest.update(previous, 0, LENGTH);
        digest.update(recordBytes, 0, recordBytes.length);
        byte[] out = new byte[LENGTH];
        digest.doFinal(out, 0);
        return out;
    }
}
