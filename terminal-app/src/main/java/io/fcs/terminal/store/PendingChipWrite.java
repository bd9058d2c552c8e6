package io.fcs.terminal.store;

import java.time.Instant;

/**
 * A record is committed but the wristband may not carry its state yet (torn write, card
 * removed): at the next tap of that wristband the state is written again, never charged twice.
 */
public record PendingChipWrite(String uid, String recordId, byte[] chipState, Instant at) {

    public PendingChipWrite {
        chipState = chipState.clone();
    }

    @Override
    public byte[] chipState() {
        return chipState.clone();
    }
}
