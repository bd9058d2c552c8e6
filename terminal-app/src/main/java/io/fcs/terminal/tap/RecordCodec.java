package io.fcs.terminal.tap;

/**
 * Seam to the protocol's record format: encodes a draft at its chain position and signs it with
 * this terminal's key. Answers the exact signed bytes and the record's chain hash.
 */
public interface RecordCodec {

    record Encoded(byte[] bytes, byte[] hash) {}

    Encoded encode(RecordDraft draft, long sequence, byte[] previousHash);
}
