package io.fcs.terminal.store;

import java.time.Instant;
import java.util.Objects;

/** One signed record in the outbox: its bytes exactly as signed, and its chain hash. */
public record OutboxEntry(
        long sequence, String recordId, byte[] bytes, byte[] hash, Instant createdAt, TerminalStore.OutboxState state) {

    public OutboxEntry {
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
        Objects.requireNonNull(recordId, "recordId");
        bytes = bytes.clone();
        hash = hash.clone();
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(state, "state");
    }

    public static OutboxEntry stored(long sequence, String recordId, byte[] bytes, byte[] hash, Instant createdAt) {
        return new OutboxEntry(sequence, recordId, bytes, hash, createdAt, TerminalStore.OutboxState.STORED);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public byte[] hash() {
        return hash.clone();
    }
}
