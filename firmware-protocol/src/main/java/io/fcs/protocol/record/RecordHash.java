package io.fcs.protocol.record;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Sha256;
import java.util.Arrays;

/**
 * A link of a terminal's hash chain: {@code SHA-256(previousHash || signedBytes)} of a record
 * (see {@link SignedRecord#hash()}). A terminal's first record names {@link #GENESIS}.
 */
public final class RecordHash {

    public static final int LENGTH = Sha256.LENGTH;

    /** The previous hash of a terminal's first record (sequence 1): 32 zero bytes. */
    public static final RecordHash GENESIS = new RecordHash(new byte[LENGTH]);

    private final byte[] bytes;

    private RecordHash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** @throws IllegalArgumentException unless exactly 32 bytes */
    public static RecordHash of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("record hash must be " + LENGTH + " bytes, was "
                    + (bytes == null ? "missing" : bytes.length + " bytes"));
        }
        return new RecordHash(bytes.clone());
    }

    public static RecordHash parse(String hex) {
        try {
            return of(Bytes.fromHex(hex));
        } catch (IllegalArgumentException | NullPointerException notHex) {
            throw new IllegalArgumentException("record hash must be 64 hex digits, was " + hex, notHex);
        }
    }

    /** The hash of a record with these signed bytes that names {@code previous} as its parent. */
    static RecordHash chain(RecordHash previous, byte[] signedBytes) {
        return new RecordHash(Sha256.chain(previous.bytes, signedBytes));
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public boolean isGenesis() {
        return equals(GENESIS);
    }

    void writeTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, LENGTH);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecordHash that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** Lower-case hex, 64 digits. */
    @Override
    public String toString() {
        return Bytes.hex(bytes);
    }
}
