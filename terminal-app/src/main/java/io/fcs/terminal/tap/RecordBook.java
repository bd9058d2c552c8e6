package io.fcs.terminal.tap;

import io.fcs.terminal.store.CheckIn;
import io.fcs.terminal.store.TerminalStore;
import java.util.Optional;

/**
 * Turns a draft into the next signed, chained record and commits it to the store with its
 * journal line, before anything is shown or written to a chip. {@code pendingChip}: the state
 * the wristband must end up with; it stays pending until the chip write is confirmed.
 */
public interface RecordBook {

    /** The committed record's place in the chain. */
    record Committed(String recordId, long sequence) {}

    default Committed commit(RecordDraft draft, Optional<OwedWrite> pendingChip) {
        return commit(draft, pendingChip, Also.NOTHING);
    }

    /** Commits the record with what else it changes, in the same transaction. */
    Committed commit(RecordDraft draft, Optional<OwedWrite> pendingChip, Also also);

    /** A gate passage or an offline spending that belongs to the record. */
    record Also(Optional<CheckIn> checkIn, Optional<TerminalStore.OfflineSpend> offlineSpend) {
        public static final Also NOTHING = new Also(Optional.empty(), Optional.empty());

        public static Also checkIn(CheckIn checkIn) {
            return new Also(Optional.of(checkIn), Optional.empty());
        }

        public static Also offlineSpend(TerminalStore.OfflineSpend spend) {
            return new Also(Optional.empty(), Optional.of(spend));
        }
    }
}
