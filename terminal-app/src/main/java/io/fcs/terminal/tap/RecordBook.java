package io.fcs.terminal.tap;

import io.fcs.terminal.device.nfc.ChipState;
import java.util.Optional;

/**
 * Turns a draft into the next signed, chained record and commits it to the store with its
 * journal line, before anything is shown or written to a chip. {@code pendingChip}: the state
 * the wristband must end up with; it stays pending until the chip write is confirmed.
 */
public interface RecordBook {

    /** The committed record's place in the chain. */
    record Committed(String recordId, long sequence) {}

    Committed commit(RecordDraft draft, Optional<ChipState> pendingChip);
}
