package io.fcs.terminal.tap;

import io.fcs.terminal.store.ChainHead;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.store.OutboxEntry;
import io.fcs.terminal.store.PendingChipWrite;
import io.fcs.terminal.store.TerminalStore;
import java.util.Optional;

/** The record book on the terminal's SQLite store: one chain, one commit per record. */
public final class StoreRecordBook implements RecordBook {

    /** The previous hash of the first record of a chain: 32 zero bytes. */
    static final byte[] GENESIS = new byte[32];

    private final TerminalStore store;
    private final RecordCodec codec;
    private final Runnable afterCommit;

    /** @param afterCommit told after every commit (the sync client sends at once) */
    public StoreRecordBook(TerminalStore store, RecordCodec codec, Runnable afterCommit) {
        this.store = store;
        this.codec = codec;
        this.afterCommit = afterCommit;
    }

    @Override
    public synchronized Committed commit(RecordDraft draft, Optional<OwedWrite> pendingChip, Also also) {
        Optional<ChainHead> head = store.chainHead();
        long sequence = head.map(h -> h.sequence() + 1).orElse(1L);
        byte[] previous = head.map(ChainHead::hash).orElse(GENESIS);
        RecordCodec.Encoded encoded = codec.encode(draft, sequence, previous);
        JournalLine line = new JournalLine(
                sequence,
                draft.recordId(),
                draft.kind().name(),
                draft.uid().isEmpty() ? null : draft.uid(),
                draft.amount().minor(),
                draft.balanceAfter() == null ? null : draft.balanceAfter().minor(),
                draft.shiftId(),
                draft.operator(),
                draft.authority() == null ? null : draft.authority().name(),
                draft.reference(),
                draft.at(),
                false);
        store.commit(
                OutboxEntry.stored(sequence, draft.recordId(), encoded.bytes(), encoded.hash(), draft.at()),
                line,
                new TerminalStore.Effects(
                        pendingChip.map(state ->
                                new PendingChipWrite(draft.uid(), draft.recordId(), state.toLocalBytes(), draft.at())),
                        also.checkIn(),
                        also.offlineSpend()));
        afterCommit.run();
        return new Committed(draft.recordId(), sequence);
    }
}
