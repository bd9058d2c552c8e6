package io.fcs.central.sync;

import io.fcs.central.jdbc.Dialect;
import io.fcs.central.jdbc.MultiRow;
import io.fcs.central.jdbc.MultiRow.Column;
import io.fcs.central.wallet.Wallet;
import io.fcs.central.wallet.Wallets;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.RefusedRecord;
import io.fcs.protocol.message.SequenceRange;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.ChainStep;
import io.fcs.protocol.record.RecordHash;
import io.fcs.protocol.record.RecordVerification;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TerminalChain;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes in one terminal's record batch, as an edge relays it, in one database transaction:
 * verify each record (signature with the terminal's enrolled key), place it in the terminal's
 * chain with the protocol's {@link TerminalChain} (duplicates absorbed, conflicts and forks
 * refused and alerted), keep it, and apply every record that is now contiguous to the ledger, in
 * sequence order. The answer is the terminal's {@link WatermarkAck}: the highest contiguous
 * sequence settled (applied, or refused for good), the missing ranges above it, and what this
 * batch refused.
 *
 * <p>Records beyond a gap are kept (HELD) but post nothing until the gap is filled, so a terminal's
 * records always reach the ledger in its own order, whatever order the network delivers them in.
 */
@Service
public class RecordIngestion {

    private static final int MAX_BATCH_BYTES = 8 << 20;
    private static final int ATTEMPTS = 3;
    /** Most records posted by one set-based step. */
    private static final int SET_BASED_MAX = 500;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TerminalDirectory terminals;
    private final RecordPosting posting;
    private final ReviewItems reviews;
    private final Wallets wallets;
    private final BatchVerifier verifier;
    private final TransactionTemplate transactions;
    private final MessageCodec codec = MessageCodec.withMaxBytes(MAX_BATCH_BYTES);
    private final Clock clock = Clock.systemUTC();
    private volatile boolean setBased = true;

    RecordIngestion(
            JdbcClient jdbc,
            JdbcTemplate template,
            TerminalDirectory terminals,
            RecordPosting posting,
            ReviewItems reviews,
            Wallets wallets,
            BatchVerifier verifier,
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.template = template;
        this.terminals = terminals;
        this.posting = posting;
        this.reviews = reviews;
        this.wallets = wallets;
        this.verifier = verifier;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Turns the set-based posting of sales off (record by record) or on; for the benchmark's comparison. */
    void setBasedPosting(boolean on) {
        this.setBased = on;
    }

    /** Decodes a RecordBatch message and ingests it; 400 {@code malformed_batch} if it is not one. */
    public WatermarkAck ingest(byte[] message, Optional<EdgeId> edge) {
        RecordBatch batch =
                switch (codec.decode(message, RecordBatch.class)) {
                    case DecodeResult.Decoded<RecordBatch> decoded -> decoded.message();
                    case DecodeResult.Refused<RecordBatch> refused ->
                        throw new ApiException(
                                HttpStatus.BAD_REQUEST,
                                "malformed_batch",
                                "not a record batch: " + refused.reason() + " " + refused.detail());
                };
        return ingest(batch, edge);
    }

    /**
     * Ingests a decoded batch: its records are decoded once and their signatures verified on all
     * cores (decision 0240) while the batch's transaction runs (decision 0270): the transaction
     * commits only after every signature of the batch held; if one does not, it is rolled back and
     * the batch runs again with the verdicts known first, exactly as it would have without the
     * overlap. A batch with a record that does not decode, names another terminal or whose
     * terminal has no key is verified before its transaction, as is a call made inside a
     * transaction already. The transaction is retried whole when the database picks it as a
     * deadlock victim.
     */
    public WatermarkAck ingest(RecordBatch batch, Optional<EdgeId> edge) {
        List<byte[]> records = new ArrayList<>(batch.records().size());
        for (int i = 0; i < batch.records().size(); i++) {
            records.add(batch.records().get(i).toByteArray());
        }
        int attempt = 1;
        boolean callers = TransactionSynchronizationManager.isActualTransactionActive();
        // a batch is tried whole only in a transaction of its own, which it can roll back (decision 0282)
        boolean whole = !callers;
        Optional<BatchVerifier.Pending> pending =
                callers ? Optional.empty() : verifier.start(batch.terminalId(), records);
        if (pending.isPresent()) {
            // Decision 0270: the transaction runs while the pool checks the signatures; it commits
            // only if every one holds, else it rolls back and the batch goes the verified-first way.
            BatchVerifier.Pending check = pending.get();
            Runnable authentic = () -> {
                if (!check.allAuthentic()) {
                    throw new NotAuthentic();
                }
            };
            boolean tried = whole;
            try {
                return transactions.execute(status -> {
                    WatermarkAck ack = ingestInTransaction(
                            batch.terminalId(),
                            batch.firstSequence(),
                            records,
                            check.assumed(),
                            edge,
                            tried,
                            authentic);
                    authentic.run();
                    return ack;
                });
            } catch (NotAuthentic forged) {
                // rolled back: some signature does not hold
            } catch (NotWhole fellBack) {
                whole = false; // rolled back: the batch goes the classic way
            } catch (RuntimeException failed) {
                if (check.allAuthentic() && !(failed instanceof PessimisticLockingFailureException)) {
                    throw failed;
                }
                attempt = check.allAuthentic() ? 2 : 1;
            }
        }
        List<RecordVerification> checked =
                pending.map(BatchVerifier.Pending::join).orElseGet(() -> verifier.verify(batch.terminalId(), records));
        while (true) {
            boolean tried = whole;
            try {
                return transactions.execute(status -> ingestInTransaction(
                        batch.terminalId(), batch.firstSequence(), records, checked, edge, tried, () -> {}));
            } catch (NotWhole fellBack) {
                whole = false; // rolled back: the batch goes the classic way
            } catch (PessimisticLockingFailureException contention) {
                if (attempt == ATTEMPTS) {
                    throw new ApiException(
                            HttpStatus.SERVICE_UNAVAILABLE, "busy", "the ledger is busy; send the batch again");
                }
                attempt++;
            }
        }
    }

    /** A batch could not be posted whole in its own transaction: it rolls back, to run the classic way. */
    private static final class NotWhole extends RuntimeException {
        NotWhole() {
            super("the batch is not posted whole", null, false, false);
        }
    }

    /** A batch's transaction ran on a signature that does not hold: it rolls back. */
    private static final class NotAuthentic extends RuntimeException {
        NotAuthentic() {
            super("a record's signature does not hold", null, false, false);
        }
    }

    private record State(long watermark, byte[] head, Optional<UUID> festival) {}

    /**
     * A record stored above the watermark: its status and chain hash, and for a HELD one the
     * record itself, decoded once (from the batch that brought it, or from the store).
     */
    private record Stored(long sequence, String status, byte[] hash, SignedRecord signed) {}

    /**
     * Settles what has become contiguous above a terminal's watermark (after finance skipped a gap
     * that will never arrive, {@link GapSkips}); joins the caller's transaction.
     */
    WatermarkAck resume(TerminalId terminal) {
        return ingestInTransaction(terminal, 1, List.of(), List.of(), Optional.empty(), false, () -> {});
    }

    private WatermarkAck ingestInTransaction(
            TerminalId terminal,
            long firstSequence,
            List<byte[]> records,
            List<RecordVerification> checked,
            Optional<EdgeId> edge,
            boolean whole,
            Runnable beforeWatermark) {
        Instant now = clock.instant();
        TerminalDirectory.Enrolment enrolment = terminals.enrolment(terminal);
        Optional<FestivalId> enrolled = enrolment.festival();
        Optional<Instant> revoked = enrolment.revokedAt();
        Locked locked = lockWithAbove(terminal);
        State state = locked.state();
        long watermark = state.watermark();
        TerminalChain chain = watermark == 0
                ? TerminalChain.start(terminal)
                : TerminalChain.resume(terminal, watermark, RecordHash.of(state.head()));
        // Every row above the watermark, kept for the rest of the batch: nothing is read back or decoded twice.
        TreeMap<Long, Stored> stored = new TreeMap<>();
        for (Stored held : locked.above()) {
            stored.put(held.sequence(), held);
            if ("HELD".equals(held.status())) {
                chain.accept(held.signed());
            }
        }
        Map<Long, byte[]> settled = settledHashes(terminal, firstSequence, checked, watermark);
        Map<Long, RefusedRecord.Reason> refused = new TreeMap<>();
        long duplicates = 0;
        List<ToStore> toStore = new ArrayList<>();
        Optional<FestivalId> festival = enrolled.or(() -> state.festival().map(FestivalId::of));
        for (int i = 0; i < records.size(); i++) {
            long sequence = firstSequence + i;
            RecordVerification verification = checked.get(i);
            if (verification instanceof RecordVerification.Refused bad) {
                RefusedRecord.Reason reason =
                        switch (bad.reason()) {
                            case UNKNOWN_KEY -> RefusedRecord.Reason.UNKNOWN_TERMINAL;
                            case BAD_SIGNATURE -> RefusedRecord.Reason.BAD_SIGNATURE;
                            case BROKEN_CHAIN -> RefusedRecord.Reason.CHAIN_BROKEN;
                            case MALFORMED, UNSUPPORTED_VERSION -> RefusedRecord.Reason.MALFORMED;
                        };
                refuse(refused, terminal, festival, sequence, reason, bad.detail(), edge, now);
                if (reason == RefusedRecord.Reason.BAD_SIGNATURE && festival.isPresent()) {
                    reviews.raise(ReviewItems.Raise.of(festival.get(), ReviewKind.FORGED_RECORD, bad.detail())
                            .terminal(terminal.value(), sequence));
                }
                continue;
            }
            SignedRecord signed = ((RecordVerification.Valid) verification).record();
            TransactionRecord record = signed.record();
            if (!record.terminal().equals(terminal) || record.sequence() != sequence) {
                refuse(
                        refused,
                        terminal,
                        festival,
                        sequence,
                        RefusedRecord.Reason.MALFORMED,
                        "record " + record.terminal() + "#" + record.sequence() + " sent as " + terminal + "#"
                                + sequence,
                        edge,
                        now);
                continue;
            }
            if (festival.isEmpty()) {
                festival = Optional.of(record.festival());
            }
            if (sequence <= watermark) {
                byte[] settledHash = settled.get(sequence);
                if (settledHash != null
                        && Arrays.equals(settledHash, signed.hash().bytes())) {
                    duplicates++;
                } else {
                    refuse(
                            refused,
                            terminal,
                            festival,
                            sequence,
                            RefusedRecord.Reason.CONFLICTING_DUPLICATE,
                            "sequence " + sequence + " is settled with other bytes",
                            edge,
                            now);
                    alert(record, ReviewKind.CONFLICTING_RECORD, "sequence already settled with other bytes");
                }
                continue;
            }
            ChainStep step = chain.accept(signed);
            switch (step.status()) {
                case DUPLICATE -> duplicates++;
                case CONFLICT -> {
                    refuse(
                            refused,
                            terminal,
                            festival,
                            sequence,
                            RefusedRecord.Reason.CONFLICTING_DUPLICATE,
                            step.detail(),
                            edge,
                            now);
                    alert(record, ReviewKind.CONFLICTING_RECORD, step.detail());
                }
                case FORK -> {
                    refuse(refused, terminal, festival, sequence, RefusedRecord.Reason.FORK, step.detail(), edge, now);
                    alert(record, ReviewKind.FORK, step.detail());
                }
                case BROKEN_LINK -> {
                    refuse(
                            refused,
                            terminal,
                            festival,
                            sequence,
                            RefusedRecord.Reason.CHAIN_BROKEN,
                            step.detail(),
                            edge,
                            now);
                    alert(record, ReviewKind.CHAIN_BREAK, step.detail());
                }
                case WRONG_TERMINAL, STALE ->
                    refuse(
                            refused,
                            terminal,
                            festival,
                            sequence,
                            RefusedRecord.Reason.MALFORMED,
                            step.detail(),
                            edge,
                            now);
                case CONTINUES, GAP -> {
                    String status = "HELD";
                    String reason = null;
                    if (enrolled.isPresent() && !enrolled.get().equals(record.festival())) {
                        status = "REFUSED";
                        reason = RefusedRecord.Reason.WRONG_FESTIVAL.name();
                        alert(record, ReviewKind.WRONG_FESTIVAL, "terminal is enrolled in " + enrolled.get());
                    } else {
                        if (revoked.isPresent() && record.time().isAfter(revoked.get())) {
                            status = "REFUSED";
                            reason = RefusedRecord.Reason.TERMINAL_REVOKED.name();
                            alert(
                                    record,
                                    ReviewKind.REVOKED_TERMINAL,
                                    "signed at " + record.time() + ", after the terminal's revocation at "
                                            + revoked.get());
                        }
                    }
                    toStore.add(new ToStore(signed, status, reason));
                }
            }
        }
        Set<WalletId> touched = new LinkedHashSet<>();
        // chip states of a batch posted whole, written with the change version at the end (0276)
        Map<WalletId, long[]> chipsLater = new HashMap<>();
        UUID pointOfSale = enrolment.pointOfSale();
        byte[] head = state.head();
        List<Stored> run = new ArrayList<>();
        if (stored.isEmpty()
                && refused.isEmpty()
                && postedThenStored(terminal, watermark, toStore, pointOfSale, touched, chipsLater, now, whole)) {
            // Decision 0272: the batch is the run after the watermark, posted, then stored APPLIED.
            for (ToStore kept : toStore) {
                long sequence = kept.signed().record().sequence();
                Stored applied =
                        new Stored(sequence, "APPLIED", kept.signed().hash().bytes(), null);
                stored.put(sequence, applied);
                run.add(applied);
            }
        } else {
            storeAndAppendRun(terminal, watermark, toStore, stored, refused, festival, edge, now, run);
        }
        int i = 0;
        while (i < run.size()) {
            Stored next = run.get(i);
            if (!"HELD".equals(next.status())) {
                i++;
                continue;
            }
            // A run of sales by wristband goes set-based when every wallet covers its sales of it.
            List<SignedRecord> sales = new ArrayList<>();
            for (int j = i; setBased && j < run.size() && sales.size() < SET_BASED_MAX; j++) {
                if (!"HELD".equals(run.get(j).status())) {
                    break;
                }
                SignedRecord signed = run.get(j).signed();
                if (!RecordPosting.saleByWristband(signed.record())) {
                    break;
                }
                sales.add(signed);
            }
            if (sales.size() >= 2) {
                FestivalId of = sales.getFirst().record().festival();
                Map<String, Wallet> linked = wallets.byWristbands(
                        of,
                        sales.stream().map(r -> RecordPosting.uid(r.record())).toList());
                int eligible = 0;
                while (eligible < sales.size()) {
                    TransactionRecord record = sales.get(eligible).record();
                    Wallet wallet = linked.get(RecordPosting.uid(record));
                    if (wallet == null
                            || !record.festival().equals(of)
                            || !wallet.currency().equals(record.amount().currency())) {
                        break;
                    }
                    eligible++;
                }
                if (eligible >= 2) {
                    Optional<List<UUID>> entries =
                            posting.applySales(sales.subList(0, eligible), pointOfSale, touched, linked);
                    if (entries.isPresent()) {
                        markRunApplied(terminal, run.subList(i, i + eligible), entries.get());
                        i += eligible;
                        continue;
                    }
                }
            }
            // One by one (what came before is marked already: a void looks up the record it cancels).
            RecordPosting.Outcome outcome = posting.apply(next.signed(), pointOfSale, touched);
            switch (outcome) {
                case RecordPosting.Applied done ->
                    markApplied(List.<Object[]>of(
                            new Object[] {done.entry().orElse(null), terminal.value(), next.sequence()}));
                case RecordPosting.Refused policy -> {
                    markRefused(terminal, next.sequence(), RefusedRecord.Reason.POLICY.name());
                    refused.put(next.sequence(), RefusedRecord.Reason.POLICY);
                    logRefusal(
                            terminal,
                            festival,
                            next.sequence(),
                            RefusedRecord.Reason.POLICY.name(),
                            policy.detail(),
                            edge,
                            now);
                }
            }
            i++;
        }
        if (!run.isEmpty()) {
            watermark = run.getLast().sequence();
            head = run.getLast().hash();
        }
        beforeWatermark.run();
        List<SequenceRange> missing = missing(stored.tailMap(watermark, false).keySet(), watermark, refused.keySet());
        jdbc.sql("""
                        UPDATE sync_terminal SET watermark = :w, head_hash = :h, festival_id = :f,
                            received = received + :received, duplicates = duplicates + :dups,
                            last_edge_id = :edge, last_batch_at = :now
                        WHERE terminal_id = :t
                        """)
                .param("w", watermark)
                .param("h", head)
                .param("f", festival.map(FestivalId::value).orElse(null))
                .param("received", records.size())
                .param("dups", duplicates)
                .param("edge", edge.map(EdgeId::value).orElse(null))
                .param("now", utc(now))
                .param("t", terminal.value())
                .update();
        if (!touched.isEmpty() && festival.isPresent()) {
            wallets.touch(festival.get(), touched, chipsLater);
        } else {
            wallets.onChipAll(chipsLater);
        }
        List<RefusedRecord> refusedRecords = new ArrayList<>();
        refused.forEach((sequence, reason) -> refusedRecords.add(new RefusedRecord(sequence, reason)));
        return new WatermarkAck(terminal, watermark == 0 ? WatermarkAck.NOTHING : watermark, missing, refusedRecords);
    }

    /**
     * The classic way (decision 0143): one batched insert of the batch's new records, HELD or
     * REFUSED, and what it refused logged; {@code run} gets the records now contiguous above the
     * watermark, which the caller applies and marks.
     */
    private void storeAndAppendRun(
            TerminalId terminal,
            long watermark,
            List<ToStore> toStore,
            TreeMap<Long, Stored> stored,
            Map<Long, RefusedRecord.Reason> refused,
            Optional<FestivalId> festival,
            Optional<EdgeId> edge,
            Instant now,
            List<Stored> run) {
        boolean[] insertedRows = storeAll(terminal, toStore, now);
        for (int i = 0; i < toStore.size(); i++) {
            ToStore kept = toStore.get(i);
            TransactionRecord record = kept.signed().record();
            long sequence = record.sequence();
            if (insertedRows[i]) {
                stored.put(
                        sequence,
                        new Stored(
                                sequence,
                                kept.status(),
                                kept.signed().hash().bytes(),
                                "HELD".equals(kept.status()) ? kept.signed() : null));
            }
            if (!insertedRows[i]) {
                refuse(
                        refused,
                        terminal,
                        festival,
                        sequence,
                        RefusedRecord.Reason.CONFLICTING_DUPLICATE,
                        "record id " + record.id() + " is held by another terminal or sequence",
                        edge,
                        now);
                alert(record, ReviewKind.CONFLICTING_RECORD, "record id reused");
            } else if (kept.reason() != null) {
                refused.put(sequence, RefusedRecord.Reason.valueOf(kept.reason()));
                logRefusal(terminal, festival, sequence, kept.reason(), "settled as refused", edge, now);
            }
        }
        for (Stored above : stored.values()) {
            if (above.sequence() != watermark + 1 + run.size()) {
                break;
            }
            run.add(above);
        }
    }

    /**
     * The common case in one go (decision 0272): a batch whose new records are exactly the ones
     * after the watermark, nothing held or refused, every one a sale by a linked wristband of the
     * festival in its wallet's currency. The sales are posted set-based first, then the records
     * inserted APPLIED with their entries: no separate marking; no insert of it has a conflict
     * clause. When the posting falls back (a wallet short of its sales) or an insert meets a key
     * held already (a record id, a chip counter spent before), it throws {@link NotWhole}: the
     * batch's transaction rolls back and the batch runs again the classic way, which reports the
     * conflict (decision 0282: no savepoint, two round trips fewer). Tried only when {@code whole}:
     * the batch owns its transaction.
     */
    private boolean postedThenStored(
            TerminalId terminal,
            long watermark,
            List<ToStore> toStore,
            UUID pointOfSale,
            Set<WalletId> touched,
            Map<WalletId, long[]> chipsLater,
            Instant now,
            boolean whole) {
        if (!setBased || !whole || toStore.size() < 2 || toStore.size() > SET_BASED_MAX) {
            return false;
        }
        List<SignedRecord> sales = new ArrayList<>(toStore.size());
        for (int k = 0; k < toStore.size(); k++) {
            ToStore kept = toStore.get(k);
            TransactionRecord record = kept.signed().record();
            if (!"HELD".equals(kept.status())
                    || !record.terminal().equals(terminal)
                    || record.sequence() != watermark + 1 + k
                    || !RecordPosting.saleByWristband(record)) {
                return false;
            }
            sales.add(kept.signed());
        }
        FestivalId of = sales.getFirst().record().festival();
        Map<String, Wallet> linked = wallets.byWristbands(
                of, sales.stream().map(r -> RecordPosting.uid(r.record())).toList());
        for (SignedRecord sale : sales) {
            TransactionRecord record = sale.record();
            Wallet wallet = linked.get(RecordPosting.uid(record));
            if (wallet == null
                    || !record.festival().equals(of)
                    || !wallet.currency().equals(record.amount().currency())) {
                return false;
            }
        }
        Set<WalletId> changed = new LinkedHashSet<>();
        RecordPosting.Later later = RecordPosting.Later.empty();
        try {
            Optional<List<UUID>> entries = posting.applySales(sales, pointOfSale, changed, linked, later);
            if (entries.isEmpty()) {
                throw new NotWhole(); // a wallet short of its sales
            }
            storeApplied(toStore, entries.get(), now, later.writes());
        } catch (DuplicateKeyException held) {
            throw new NotWhole(); // a record id held by another record, or a chip counter spent already
        }
        touched.addAll(changed);
        chipsLater.putAll(later.chips()); // the batch is this one run: nothing else changes these wallets' chips
        return true;
    }

    /**
     * Inserts a run posted whole as APPLIED with its entries, multi-row, with no conflict clause (a
     * held key throws); on PostgreSQL in one round trip with the run's {@code pending} writes (its
     * chip-counter claims, decision 0279), which go first.
     */
    private void storeApplied(
            List<ToStore> records, List<UUID> entries, Instant now, List<MultiRow.ArrayStatement> pending) {
        List<Object[]> rows = new ArrayList<>(records.size());
        for (int k = 0; k < records.size(); k++) {
            SignedRecord signed = records.get(k).signed();
            TransactionRecord record = signed.record();
            rows.add(new Object[] {
                record.terminal().value(),
                record.sequence(),
                record.id().value(),
                record.festival().value(),
                record.kind().name(),
                "APPLIED",
                signed.hash().bytes(),
                signed.encoded(),
                entries.get(k),
                utc(record.time()),
                utc(now)
            });
        }
        String head =
                "INSERT INTO sync_record (terminal_id, sequence, record_id, festival_id, kind, status, hash, bytes,"
                        + " entry_id, signed_at, received_at)";
        if (pending.isEmpty()) {
            MultiRow.insert(template, head, APPLIED_COLUMNS, null, rows);
            return;
        }
        List<MultiRow.ArrayStatement> writes = new ArrayList<>(pending);
        writes.add(
                new MultiRow.ArrayStatement(MultiRow.unnest(head, APPLIED_COLUMNS, null), APPLIED_COLUMNS, rows, null));
        MultiRow.inOneRoundTrip(template, writes);
    }

    private static final List<Column> APPLIED_COLUMNS = List.of(
            Column.UUID,
            Column.BIGINT,
            Column.UUID,
            Column.UUID,
            Column.TEXT,
            Column.TEXT,
            Column.BYTES,
            Column.BYTES,
            Column.UUID,
            Column.TIMESTAMPTZ,
            Column.TIMESTAMPTZ);

    /** A terminal's sync row, locked, and the records stored above its watermark. */
    private record Locked(State state, List<Stored> above) {}

    private static final String LOCK =
            "SELECT watermark, head_hash, festival_id FROM sync_terminal WHERE terminal_id = ? FOR UPDATE";

    /**
     * The records above the watermark, read once the row is locked: in one round trip after
     * {@link #LOCK}, each statement of it reads its own snapshot, taken once the one before it has
     * run (read committed), so it sees every record a batch of the same terminal committed before
     * the lock was ours.
     */
    private static final String ABOVE_LOCKED = """
            SELECT sequence, status, hash, bytes FROM sync_record
            WHERE terminal_id = ? AND sequence > (SELECT watermark FROM sync_terminal WHERE terminal_id = ?)
            ORDER BY sequence""";

    /**
     * Locks the terminal's sync row and reads the records above its watermark: on PostgreSQL in one
     * round trip when the row exists (every batch but a terminal's first, decision 0282).
     */
    private Locked lockWithAbove(TerminalId terminal) {
        if (postgres()) {
            List<State> state = new ArrayList<>(1);
            List<Stored> above = new ArrayList<>();
            MultiRow.inOneRoundTrip(
                    template,
                    List.of(
                            new MultiRow.PlainStatement(LOCK, List.of(terminal.value()), rs -> state.add(state(rs))),
                            new MultiRow.PlainStatement(
                                    ABOVE_LOCKED,
                                    List.of(terminal.value(), terminal.value()),
                                    rs -> above.add(stored(rs)))));
            if (!state.isEmpty()) {
                return new Locked(state.getFirst(), above);
            }
        }
        State state = lock(terminal);
        return new Locked(state, above(terminal, state.watermark()));
    }

    /**
     * Locks the terminal's sync row for the rest of the transaction and answers it: one round
     * trip when the row exists (every batch but a terminal's first), else created first.
     */
    private State lock(TerminalId terminal) {
        Optional<State> existing = lockedState(terminal);
        if (existing.isPresent()) {
            return existing.get();
        }
        jdbc.sql("""
                        INSERT INTO sync_terminal (terminal_id, watermark, received, duplicates, refused)
                        VALUES (:t, 0, 0, 0, 0) ON CONFLICT DO NOTHING
                        """).param("t", terminal.value()).update();
        return lockedState(terminal).orElseThrow();
    }

    private Optional<State> lockedState(TerminalId terminal) {
        return template.query(LOCK, (rs, n) -> state(rs), terminal.value()).stream()
                .findFirst();
    }

    private static State state(ResultSet rs) throws SQLException {
        return new State(
                rs.getLong("watermark"),
                rs.getBytes("head_hash"),
                Optional.ofNullable(rs.getObject("festival_id", UUID.class)));
    }

    private List<Stored> above(TerminalId terminal, long watermark) {
        return jdbc.sql("""
                        SELECT sequence, status, hash, bytes FROM sync_record
                        WHERE terminal_id = :t AND sequence > :w ORDER BY sequence
                        """)
                .param("t", terminal.value())
                .param("w", watermark)
                .query((rs, n) -> stored(rs))
                .list();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        return new Stored(
                rs.getLong("sequence"),
                status,
                rs.getBytes("hash"),
                "HELD".equals(status) ? RecordPostingDecoder.signed(rs.getBytes("bytes")) : null);
    }

    /**
     * The stored hashes of the batch's authentic records at or below the watermark (a resend of
     * settled records), in one query: same hash is a duplicate, anything else a conflict.
     */
    private Map<Long, byte[]> settledHashes(
            TerminalId terminal, long firstSequence, List<RecordVerification> checked, long watermark) {
        List<Long> sequences = new ArrayList<>();
        for (int i = 0; i < checked.size() && firstSequence + i <= watermark; i++) {
            if (checked.get(i) instanceof RecordVerification.Valid) {
                sequences.add(firstSequence + i);
            }
        }
        Map<Long, byte[]> hashes = new HashMap<>();
        for (int from = 0; from < sequences.size(); from += 1_000) {
            jdbc.sql("SELECT sequence, hash FROM sync_record WHERE terminal_id = :t AND sequence IN (:s)")
                    .param("t", terminal.value())
                    .param("s", sequences.subList(from, Math.min(sequences.size(), from + 1_000)))
                    .query(rs -> {
                        hashes.put(rs.getLong("sequence"), rs.getBytes("hash"));
                    });
        }
        return hashes;
    }

    private record ToStore(SignedRecord signed, String status, String reason) {}

    /**
     * Inserts the records with multi-row inserts; per record whether it was stored (false: its
     * record id is held already). Only when the database inserted fewer rows than sent does one
     * query find which ones are this terminal's now.
     */
    private boolean[] storeAll(TerminalId terminal, List<ToStore> records, Instant now) {
        boolean[] inserted = new boolean[records.size()];
        if (records.isEmpty()) {
            return inserted;
        }
        List<Object[]> rows = new ArrayList<>(records.size());
        for (ToStore kept : records) {
            TransactionRecord record = kept.signed().record();
            rows.add(new Object[] {
                record.terminal().value(),
                record.sequence(),
                record.id().value(),
                record.festival().value(),
                record.kind().name(),
                kept.status(),
                kept.reason(),
                kept.signed().hash().bytes(),
                kept.signed().encoded(),
                utc(record.time()),
                utc(now)
            });
        }
        int count = MultiRow.insert(
                template,
                "INSERT INTO sync_record (terminal_id, sequence, record_id, festival_id, kind, status, reason, hash,"
                        + " bytes, signed_at, received_at)",
                List.of(
                        Column.UUID,
                        Column.BIGINT,
                        Column.UUID,
                        Column.UUID,
                        Column.TEXT,
                        Column.TEXT,
                        Column.TEXT,
                        Column.BYTES,
                        Column.BYTES,
                        Column.TIMESTAMPTZ,
                        Column.TIMESTAMPTZ),
                "ON CONFLICT DO NOTHING",
                rows);
        if (count == records.size()) {
            Arrays.fill(inserted, true);
            return inserted;
        }
        Map<Long, UUID> ours = new HashMap<>();
        List<Long> sequences =
                records.stream().map(r -> r.signed().record().sequence()).toList();
        for (int from = 0; from < sequences.size(); from += 1_000) {
            jdbc.sql("SELECT sequence, record_id FROM sync_record WHERE terminal_id = :t AND sequence IN (:s)")
                    .param("t", terminal.value())
                    .param("s", sequences.subList(from, Math.min(sequences.size(), from + 1_000)))
                    .query(rs -> {
                        ours.put(rs.getLong("sequence"), rs.getObject("record_id", UUID.class));
                    });
        }
        for (int i = 0; i < records.size(); i++) {
            TransactionRecord record = records.get(i).signed().record();
            inserted[i] = record.id().value().equals(ours.get(record.sequence()));
        }
        return inserted;
    }

    /**
     * Marks a run of set-based records APPLIED with their journal entries: on PostgreSQL in one
     * statement over two arrays, elsewhere in one JDBC batch.
     */
    private void markRunApplied(TerminalId terminal, List<Stored> run, List<UUID> entries) {
        if (!postgres()) {
            List<Object[]> rows = new ArrayList<>(run.size());
            for (int k = 0; k < run.size(); k++) {
                rows.add(new Object[] {
                    entries.get(k), terminal.value(), run.get(k).sequence()
                });
            }
            markApplied(rows);
            return;
        }
        UUID[] ids = entries.toArray(UUID[]::new);
        Long[] sequences = run.stream().map(Stored::sequence).toArray(Long[]::new);
        template.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("""
                            UPDATE sync_record SET status = 'APPLIED', entry_id = applied.entry_id
                            FROM unnest(?::uuid[], ?::bigint[]) AS applied (entry_id, sequence)
                            WHERE sync_record.terminal_id = ? AND sync_record.sequence = applied.sequence
                            """);
            statement.setArray(1, connection.createArrayOf("uuid", ids));
            statement.setArray(2, connection.createArrayOf("bigint", sequences));
            statement.setObject(3, terminal.value());
            return statement;
        });
    }

    private boolean postgres() {
        return Dialect.postgres(template);
    }

    /** Marks records APPLIED with their entries: rows of (entry id, terminal, sequence). */
    private void markApplied(List<Object[]> rows) {
        template.batchUpdate(
                "UPDATE sync_record SET status = 'APPLIED', entry_id = ? WHERE terminal_id = ? AND sequence = ?", rows);
    }

    private void markRefused(TerminalId terminal, long sequence, String reason) {
        jdbc.sql("UPDATE sync_record SET status = 'REFUSED', reason = :r WHERE terminal_id = :t AND sequence = :s")
                .param("r", reason)
                .param("t", terminal.value())
                .param("s", sequence)
                .update();
    }

    /** Ranges above the watermark with no record held, up to the highest held; refused ones left out. */
    private static List<SequenceRange> missing(Set<Long> held, long watermark, Set<Long> refused) {
        List<SequenceRange> ranges = new ArrayList<>();
        long previous = watermark;
        for (long sequence : held) {
            long from = previous + 1;
            while (from < sequence && refused.contains(from)) {
                from++;
            }
            long to = sequence - 1;
            while (to >= from && refused.contains(to)) {
                to--;
            }
            if (from <= to) {
                ranges.add(SequenceRange.of(from, to));
            }
            previous = sequence;
        }
        return ranges;
    }

    private void alert(TransactionRecord record, ReviewKind kind, String detail) {
        reviews.raise(ReviewItems.Raise.of(record.festival(), kind, detail)
                .terminal(record.terminal().value(), record.sequence())
                .record(record.id().value())
                .amount(record.amount().minor(), record.amount().currency().code()));
    }

    private void refuse(
            Map<Long, RefusedRecord.Reason> refused,
            TerminalId terminal,
            Optional<FestivalId> festival,
            long sequence,
            RefusedRecord.Reason reason,
            String detail,
            Optional<EdgeId> edge,
            Instant now) {
        refused.putIfAbsent(sequence, reason);
        logRefusal(terminal, festival, sequence, reason.name(), detail, edge, now);
    }

    private void logRefusal(
            TerminalId terminal,
            Optional<FestivalId> festival,
            long sequence,
            String reason,
            String detail,
            Optional<EdgeId> edge,
            Instant now) {
        jdbc.sql("""
                        INSERT INTO sync_refusal (id, terminal_id, festival_id, sequence, reason, detail, edge_id, refused_at)
                        VALUES (:id, :t, :f, :s, :r, :d, :e, :now)
                        """)
                .param("id", UUID.randomUUID())
                .param("t", terminal.value())
                .param("f", festival.map(FestivalId::value).orElse(null))
                .param("s", sequence)
                .param("r", reason)
                .param("d", detail.length() > 500 ? detail.substring(0, 500) : detail)
                .param("e", edge.map(EdgeId::value).orElse(null))
                .param("now", utc(now))
                .update();
        jdbc.sql("UPDATE sync_terminal SET refused = refused + 1 WHERE terminal_id = :t")
                .param("t", terminal.value())
                .update();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
