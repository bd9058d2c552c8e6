package io.fcs.central.sync;

import io.fcs.central.wallet.Wallet;
import io.fcs.central.wallet.Wallets;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.RefusedRecord;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.ChainStep;
import io.fcs.protocol.record.RecordHash;
import io.fcs.protocol.record.RecordVerification;
import io.fcs.protocol.record.RecordVerifier;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TerminalChain;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
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
            PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.template = template;
        this.terminals = terminals;
        this.posting = posting;
        this.reviews = reviews;
        this.wallets = wallets;
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

    /** Ingests a decoded batch (retried whole when the database picks it as a deadlock victim). */
    public WatermarkAck ingest(RecordBatch batch, Optional<EdgeId> edge) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> ingestInTransaction(batch, edge));
            } catch (PessimisticLockingFailureException contention) {
                if (attempt == ATTEMPTS) {
                    throw new ApiException(
                            HttpStatus.SERVICE_UNAVAILABLE, "busy", "the ledger is busy; send the batch again");
                }
            }
        }
    }

    private record State(long watermark, byte[] head, Optional<UUID> festival) {}

    private record Stored(long sequence, String status, byte[] hash, byte[] bytes) {}

    private WatermarkAck ingestInTransaction(RecordBatch batch, Optional<EdgeId> edge) {
        List<byte[]> records = new ArrayList<>(batch.records().size());
        for (int i = 0; i < batch.records().size(); i++) {
            records.add(batch.records().get(i).toByteArray());
        }
        return ingestInTransaction(batch.terminalId(), batch.firstSequence(), records, edge);
    }

    /**
     * Settles what has become contiguous above a terminal's watermark (after finance skipped a gap
     * that will never arrive, {@link GapSkips}); joins the caller's transaction.
     */
    WatermarkAck resume(TerminalId terminal) {
        return ingestInTransaction(terminal, 1, List.of(), Optional.empty());
    }

    private WatermarkAck ingestInTransaction(
            TerminalId terminal, long firstSequence, List<byte[]> records, Optional<EdgeId> edge) {
        Instant now = clock.instant();
        Optional<FestivalId> enrolled = terminals.festival(terminal);
        Optional<Instant> revoked = terminals.revokedAt(terminal);
        State state = lock(terminal);
        long watermark = state.watermark();
        TerminalChain chain = watermark == 0
                ? TerminalChain.start(terminal)
                : TerminalChain.resume(terminal, watermark, RecordHash.of(state.head()));
        for (Stored held : above(terminal, watermark)) {
            if ("HELD".equals(held.status())) {
                chain.accept(RecordPostingDecoder.signed(held.bytes()));
            }
        }
        Map<TerminalId, Optional<io.fcs.protocol.crypto.Ed25519.VerificationKey>> keys = new java.util.HashMap<>();
        RecordVerifier verifier = new RecordVerifier(t -> keys.computeIfAbsent(t, terminals::key));
        Map<Long, RefusedRecord.Reason> refused = new TreeMap<>();
        long duplicates = 0;
        List<ToStore> toStore = new ArrayList<>();
        Optional<FestivalId> festival = enrolled.or(() -> state.festival().map(FestivalId::of));
        for (int i = 0; i < records.size(); i++) {
            long sequence = firstSequence + i;
            byte[] bytes = records.get(i);
            RecordVerification verification = verifier.verify(bytes);
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
                Optional<Stored> stored = at(terminal, sequence);
                if (stored.isPresent()
                        && java.util.Arrays.equals(
                                stored.get().hash(), signed.hash().bytes())) {
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
        // One batched insert of the batch's new records (decision 0143); then what it refused.
        int[] insertedRows = storeAll(toStore, now);
        for (int i = 0; i < toStore.size(); i++) {
            ToStore kept = toStore.get(i);
            TransactionRecord record = kept.signed().record();
            long sequence = record.sequence();
            if (insertedRows[i] == 0) {
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
        Set<WalletId> touched = new LinkedHashSet<>();
        UUID pointOfSale = terminals.pointOfSale(terminal);
        byte[] head = state.head();
        List<Stored> pending = above(terminal, watermark);
        List<Stored> run = new ArrayList<>();
        for (Stored stored : pending) {
            if (stored.sequence() != watermark + 1 + run.size()) {
                break;
            }
            run.add(stored);
        }
        List<Object[]> applied = new ArrayList<>();
        int i = 0;
        while (i < run.size()) {
            Stored stored = run.get(i);
            if (!"HELD".equals(stored.status())) {
                i++;
                continue;
            }
            // A run of sales by wristband goes set-based when every wallet covers its sales of it.
            List<SignedRecord> sales = new ArrayList<>();
            for (int j = i; setBased && j < run.size() && sales.size() < SET_BASED_MAX; j++) {
                if (!"HELD".equals(run.get(j).status())) {
                    break;
                }
                SignedRecord signed = RecordPostingDecoder.signed(run.get(j).bytes());
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
                        for (int k = 0; k < eligible; k++) {
                            applied.add(new Object[] {
                                entries.get().get(k),
                                terminal.value(),
                                run.get(i + k).sequence()
                            });
                        }
                        i += eligible;
                        continue;
                    }
                }
            }
            // One by one: what came before is marked first (a void looks up the record it cancels).
            markApplied(applied);
            SignedRecord signed = RecordPostingDecoder.signed(stored.bytes());
            RecordPosting.Outcome outcome = posting.apply(signed, pointOfSale, touched);
            switch (outcome) {
                case RecordPosting.Applied done ->
                    markApplied(List.<Object[]>of(
                            new Object[] {done.entry().orElse(null), terminal.value(), stored.sequence()}));
                case RecordPosting.Refused policy -> {
                    markRefused(terminal, stored.sequence(), RefusedRecord.Reason.POLICY.name());
                    refused.put(stored.sequence(), RefusedRecord.Reason.POLICY);
                    logRefusal(
                            terminal,
                            festival,
                            stored.sequence(),
                            RefusedRecord.Reason.POLICY.name(),
                            policy.detail(),
                            edge,
                            now);
                }
            }
            i++;
        }
        markApplied(applied);
        if (!run.isEmpty()) {
            watermark = run.getLast().sequence();
            head = run.getLast().hash();
        }
        List<io.fcs.protocol.message.SequenceRange> missing = missing(terminal, watermark, refused.keySet());
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
            wallets.touch(festival.get(), touched);
        }
        List<RefusedRecord> refusedRecords = new ArrayList<>();
        refused.forEach((sequence, reason) -> refusedRecords.add(new RefusedRecord(sequence, reason)));
        return new WatermarkAck(terminal, watermark == 0 ? WatermarkAck.NOTHING : watermark, missing, refusedRecords);
    }

    private State lock(TerminalId terminal) {
        jdbc.sql("""
                        INSERT INTO sync_terminal (terminal_id, watermark, received, duplicates, refused)
                        VALUES (:t, 0, 0, 0, 0) ON CONFLICT DO NOTHING
                        """).param("t", terminal.value()).update();
        return jdbc.sql("SELECT watermark, head_hash, festival_id FROM sync_terminal WHERE terminal_id = :t FOR UPDATE")
                .param("t", terminal.value())
                .query((rs, n) -> new State(
                        rs.getLong("watermark"),
                        rs.getBytes("head_hash"),
                        Optional.ofNullable(rs.getObject("festival_id", UUID.class))))
                .single();
    }

    private List<Stored> above(TerminalId terminal, long watermark) {
        return jdbc.sql("""
                        SELECT sequence, status, hash, bytes FROM sync_record
                        WHERE terminal_id = :t AND sequence > :w ORDER BY sequence
                        """)
                .param("t", terminal.value())
                .param("w", watermark)
                .query((rs, n) -> new Stored(
                        rs.getLong("sequence"), rs.getString("status"), rs.getBytes("hash"), rs.getBytes("bytes")))
                .list();
    }

    private Optional<Stored> at(TerminalId terminal, long sequence) {
        return jdbc.sql(
                        "SELECT sequence, status, hash, bytes FROM sync_record WHERE terminal_id = :t AND sequence = :s")
                .param("t", terminal.value())
                .param("s", sequence)
                .query((rs, n) -> new Stored(
                        rs.getLong("sequence"), rs.getString("status"), rs.getBytes("hash"), rs.getBytes("bytes")))
                .optional();
    }

    private record ToStore(SignedRecord signed, String status, String reason) {}

    /** Inserts the records in one batch; per record 1 if stored, 0 if its key or id was taken. */
    private int[] storeAll(List<ToStore> records, Instant now) {
        if (records.isEmpty()) {
            return new int[0];
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
        return template.batchUpdate("""
                INSERT INTO sync_record (terminal_id, sequence, record_id, festival_id, kind, status,
                    reason, hash, bytes, signed_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT DO NOTHING
                """, rows);
    }

    /** Marks records APPLIED with their entries in one batch: rows of (entry id, terminal, sequence); clears the list. */
    private void markApplied(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        template.batchUpdate(
                "UPDATE sync_record SET status = 'APPLIED', entry_id = ? WHERE terminal_id = ? AND sequence = ?", rows);
        if (rows instanceof ArrayList<Object[]> mutable) {
            mutable.clear();
        }
    }

    private void markRefused(TerminalId terminal, long sequence, String reason) {
        jdbc.sql("UPDATE sync_record SET status = 'REFUSED', reason = :r WHERE terminal_id = :t AND sequence = :s")
                .param("r", reason)
                .param("t", terminal.value())
                .param("s", sequence)
                .update();
    }

    /** Ranges above the watermark with no record held, up to the highest held; refused ones left out. */
    private List<io.fcs.protocol.message.SequenceRange> missing(
            TerminalId terminal, long watermark, Set<Long> refused) {
        List<Long> held = jdbc.sql(
                        "SELECT sequence FROM sync_record WHERE terminal_id = :t AND sequence > :w ORDER BY sequence")
                .param("t", terminal.value())
                .param("w", watermark)
                .query(Long.class)
                .list();
        List<io.fcs.protocol.message.SequenceRange> ranges = new ArrayList<>();
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
                ranges.add(io.fcs.protocol.message.SequenceRange.of(from, to));
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
