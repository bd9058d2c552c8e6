package io.fcs.terminal.status;

import java.time.Instant;
import java.util.Optional;

/**
 * A snapshot of what staff must always see: edge or offline, how many records wait to be sent,
 * when the last sync happened, whether the reader is there, and any problem that stops trading.
 */
public record Health(
        boolean edgeConnected,
        long queueDepth,
        Optional<Instant> lastSync,
        boolean readerPresent,
        Optional<Problem> problem,
        long clockSkewSeconds) {

    /** Problems that stop trading until fixed; each has its own screen. */
    public enum Problem {
        READER_UNPLUGGED,
        STORE_FULL,
        STORE_FAILED,
        CLOCK_WRONG
    }
}
