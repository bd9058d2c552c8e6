package io.fcs.central.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.jdbc.MultiRow;
import io.fcs.central.ledger.AccountKind;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.testing.EmbeddedPostgres;
import io.fcs.central.testing.PostgresTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.value.FestivalId;
import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * DESIGN §8 "central ingest into the ledger on PostgreSQL ≥ 0.5 × a plain batched INSERT of the
 * same rows". Not part of the build's test runs (the name matches neither *Test nor *IT); run it
 * with the command in docs/benchmarks.md. It prints the figures; it asserts only correctness.
 *
 * <p>The baseline is a plain INSERT of the rows the ingestion inserts for each sale — its stored
 * record, its journal entry, the entry's two lines and the claim of the chip counter it spent — into
 * tables made {@code LIKE} the real ones (same columns, keys, unique and check constraints, no
 * foreign keys), multi-row like the ingestion's own inserts, one transaction per batch of 200. Both
 * run interleaved batch by batch. The claims' insert is timed apart too, so the ratio against the
 * first three rows alone (the baseline before the claims joined it) is printed as well.
 * {@code -Dbench.oneByOne=true} also runs the same workload record by record (no set-based posting);
 * {@code -Dbench.pgss=true} prints the measured round's statements by server time ({@code
 * pg_stat_statements}, nested statements included).
 */
class IngestionBenchmark extends PostgresTest {

    static final int WRISTBANDS = 200;
    static final int BARS = 4;
    static final int SALES_PER_BAR = 1_000;
    static final int BATCH = 200;
    static final int WARMUP_ROUNDS = Integer.getInteger("bench.warmupRounds", 2);
    /** Rounds measured after the warm-up, each on festivals of its own; the figures are their sums. */
    static final int MEASURED_ROUNDS = Math.max(1, Integer.getInteger("bench.measuredRounds", 1));
    /** Batches ingested at once (several edges sending together); 1 = one after the other. */
    static final int STREAMS = Integer.getInteger("bench.streams", 1);

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    RecordIngestion ingestion;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    Ledger ledger;

    /** Festival, wristbands topped up, and the bars' sale batches; every record in {@code all}. */
    private List<byte[]> prepare(FestivalId festival, List<SignedRecord> all) {
        Map<String, Long> chips = new HashMap<>();
        Random random = new Random(1);
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < WRISTBANDS; i++) {
            uids.add("04%012X".formatted(i + 1L));
        }
        SimTerminal kiosk = SimTerminal.create(festival, chips).enrol(jdbc);
        List<SignedRecord> topUps = new ArrayList<>();
        for (String uid : uids) {
            topUps.add(kiosk.topUp(uid, null, 1_000_000, PaymentMethod.CARD));
        }
        ingestion.ingest(SimTerminal.batch(topUps), Optional.empty());
        List<byte[]> batches = new ArrayList<>();
        for (int b = 0; b < BARS; b++) {
            SimTerminal bar = SimTerminal.create(festival, chips).enrol(jdbc);
            List<SignedRecord> sales = new ArrayList<>();
            for (int i = 0; i < SALES_PER_BAR; i++) {
                sales.add(bar.sale(
                        uids.get(random.nextInt(WRISTBANDS)), null, 350 + random.nextInt(900), Authority.EDGE));
            }
            all.addAll(sales);
            for (int from = 0; from < sales.size(); from += BATCH) {
                batches.add(SimTerminal.batch(sales.subList(from, Math.min(sales.size(), from + BATCH))));
            }
        }
        return batches;
    }

    private long revenue(FestivalId festival) {
        return ledger.balances(festival, AccountKind.POS_REVENUE).stream()
                .mapToLong(b -> b.balance().minor())
                .sum();
    }

    private double ingestAll(List<byte[]> batches) {
        long started = System.nanoTime();
        for (byte[] batch : batches) {
            ingestion.ingest(batch, Optional.empty());
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /** Rows of the plain INSERT for one record: its stored row, its journal entry, its two lines, its chip claim. */
    private static void plainRows(
            FestivalId festival,
            SignedRecord signed,
            OffsetDateTime now,
            List<Object[]> records,
            List<Object[]> entries,
            List<Object[]> lines,
            List<Object[]> claims) {
        TransactionRecord r = signed.record();
        UUID entry = UUID.randomUUID();
        OffsetDateTime at = r.time().atOffset(ZoneOffset.UTC);
        records.add(new Object[] {
            r.terminal().value(),
            r.sequence(),
            r.id().value(),
            festival.value(),
            r.kind().name(),
            "APPLIED",
            null,
            signed.hash().bytes(),
            signed.encoded(),
            entry,
            at,
            now
        });
        entries.add(new Object[] {
            entry,
            festival.value(),
            "rec:" + r.terminal() + ":" + r.sequence(),
            signed.hash().toString(),
            "SALE",
            "Sale (" + r.terminal() + "#" + r.sequence() + ")",
            r.terminal().value(),
            false,
            at,
            now
        });
        lines.add(
                new Object[] {entry, 0, r.terminal().value(), "EUR", r.amount().minor()});
        lines.add(new Object[] {entry, 1, r.id().value(), "EUR", -r.amount().minor()});
        r.chip()
                .ifPresent(chip -> claims.add(
                        new Object[] {festival.value(), RecordPosting.uid(r), chip.before(), r.id().value()}));
    }

    /**
     * The plain INSERT of one batch's rows, multi-row like the ingestion's inserts, in one
     * transaction; answers the nanoseconds its chip claims' insert took.
     */
    private long plainInsert(TransactionTemplate tx, FestivalId festival, List<SignedRecord> slice) {
        long[] claimsNanos = new long[1];
        tx.executeWithoutResult(status -> {
            OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
            List<Object[]> records = new ArrayList<>();
            List<Object[]> entries = new ArrayList<>();
            List<Object[]> lines = new ArrayList<>();
            List<Object[]> claims = new ArrayList<>();
            for (SignedRecord r : slice) {
                plainRows(festival, r, now, records, entries, lines, claims);
            }
            MultiRow.insert(
                    template,
                    "INSERT INTO bench_sync_record (terminal_id, sequence, record_id, festival_id, kind, status, reason,"
                            + " hash, bytes, entry_id, signed_at, received_at)",
                    null,
                    records);
            MultiRow.insert(
                    template,
                    "INSERT INTO bench_journal_entry (id, festival_id, idempotency_key, content_hash, category,"
                            + " description, terminal_id, flagged, occurred_at, posted_at)",
                    null,
                    entries);
            MultiRow.insert(
                    template,
                    "INSERT INTO bench_journal_line (entry_id, line_no, account_id, currency, amount)",
                    null,
                    lines);
            long started = System.nanoTime();
            MultiRow.insert(
                    template,
                    "INSERT INTO bench_sync_chip_use (festival_id, uid, counter_before, record_id)",
                    null,
                    claims);
            claimsNanos[0] = System.nanoTime() - started;
        });
        return claimsNanos[0];
    }

    /** The earlier baseline: the records' rows only (ids, kind, amount, bytes), one JDBC batch per batch. */
    private void recordsOnlyInsert(TransactionTemplate tx, List<SignedRecord> slice) {
        tx.executeWithoutResult(status -> {
            List<Object[]> rows = new ArrayList<>();
            for (SignedRecord r : slice) {
                rows.add(new Object[] {
                    r.record().terminal().value(),
                    r.record().sequence(),
                    r.record().id().value(),
                    r.record().kind().name(),
                    r.record().amount().minor(),
                    r.encoded()
                });
            }
            template.batchUpdate(
                    "INSERT INTO bench_plain_insert (terminal_id, sequence, record_id, kind, amount, bytes)"
                            + " VALUES (?, ?, ?, ?, ?, ?)",
                    rows);
        });
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private record Measured(
            long ingestNanos,
            long ingestCpu,
            long plainNanos,
            long plainCpu,
            long plainClaimsNanos,
            long recordsOnlyNanos) {}

    /**
     * One round: ingestion and the plain INSERTs, interleaved. With {@link #STREAMS} = 1 batch by
     * batch; with more, the bars' k-th batches at once, one thread each (as batches of several
     * edges reach central together), then the same batches' plain INSERTs at once.
     */
    private Measured measure(
            TransactionTemplate tx, List<byte[]> batches, List<SignedRecord> all, FestivalId plainFestival) {
        long ingestNanos = 0;
        long ingestCpu = 0;
        long plainNanos = 0;
        long plainCpu = 0;
        AtomicLong plainClaimsNanos = new AtomicLong();
        long recordsOnlyNanos = 0;
        int perBar = SALES_PER_BAR / BATCH;
        int streams = Math.max(1, Math.min(STREAMS, BARS));
        ExecutorService pool = Executors.newFixedThreadPool(streams);
        try {
            // the batch indexes that run together: one after the other (bar by bar), or the same
            // batch of `streams` bars at once
            List<List<Integer>> groups = new ArrayList<>();
            if (streams == 1) {
                for (int k = 0; k < batches.size(); k++) {
                    groups.add(List.of(k));
                }
            } else {
                for (int round = 0; round < perBar; round++) {
                    for (int first = 0; first < BARS; first += streams) {
                        List<Integer> group = new ArrayList<>();
                        for (int bar = first; bar < Math.min(BARS, first + streams); bar++) {
                            group.add(bar * perBar + round);
                        }
                        groups.add(group);
                    }
                }
            }
            for (List<Integer> group : groups) {
                long cpu = cpuNanos();
                long started = System.nanoTime();
                all(pool, group, k -> ingestion.ingest(batches.get(k), Optional.empty()));
                ingestNanos += System.nanoTime() - started;
                ingestCpu += cpuNanos() - cpu;
                cpu = cpuNanos();
                started = System.nanoTime();
                all(pool, group, k -> plainClaimsNanos.addAndGet(plainInsert(tx, plainFestival, slice(all, k))));
                plainNanos += System.nanoTime() - started;
                plainCpu += cpuNanos() - cpu;
                started = System.nanoTime();
                all(pool, group, k -> recordsOnlyInsert(tx, slice(all, k)));
                recordsOnlyNanos += System.nanoTime() - started;
            }
        } finally {
            pool.shutdownNow();
        }
        return new Measured(ingestNanos, ingestCpu, plainNanos, plainCpu, plainClaimsNanos.get(), recordsOnlyNanos);
    }

    private static List<SignedRecord> slice(List<SignedRecord> all, int batch) {
        return all.subList(batch * BATCH, Math.min(all.size(), (batch + 1) * BATCH));
    }

    /** Runs {@code work} for every batch of the group, at once, and waits for all. */
    private static void all(ExecutorService pool, List<Integer> group, IntConsumer work) {
        if (group.size() == 1) {
            work.accept(group.getFirst());
            return;
        }
        List<Future<?>> running = new ArrayList<>();
        for (int k : group) {
            running.add(pool.submit(() -> work.accept(k)));
        }
        for (Future<?> f : running) {
            try {
                f.get(5, TimeUnit.MINUTES);
            } catch (Exception e) {
                throw new IllegalStateException("a batch failed", e);
            }
        }
    }

    @Test
    void ingestionIntoTheLedgerAgainstAPlainBatchedInsertOfTheSameRows() {
        boolean withOneByOne = Boolean.getBoolean("bench.oneByOne");
        FestivalId oneByOne = FestivalId.of(TestFestivals.create(jdbc));
        List<SignedRecord> allOneByOne = new ArrayList<>();
        List<byte[]> batchesOneByOne = withOneByOne ? prepare(oneByOne, allOneByOne) : List.of();
        FestivalId festival = FestivalId.of(TestFestivals.create(jdbc));
        List<SignedRecord> all = new ArrayList<>();
        List<byte[]> batches = prepare(festival, all);
        FestivalId plainFestival = FestivalId.of(TestFestivals.create(jdbc));

        double oneByOneSeconds = 0;
        if (withOneByOne) {
            ingestion.setBasedPosting(false);
            try {
                oneByOneSeconds = ingestAll(batchesOneByOne);
            } finally {
                ingestion.setBasedPosting(true);
            }
        }

        for (String table : List.of("sync_record", "journal_entry", "journal_line", "sync_chip_use")) {
            jdbc.sql("CREATE TABLE IF NOT EXISTS bench_" + table + " (LIKE " + table + " INCLUDING ALL)")
                    .update();
            jdbc.sql("TRUNCATE bench_" + table).update();
        }
        jdbc.sql("""
                        CREATE TABLE IF NOT EXISTS bench_plain_insert (terminal_id UUID NOT NULL, sequence BIGINT NOT NULL,
                            record_id UUID NOT NULL, kind VARCHAR(16) NOT NULL, amount BIGINT NOT NULL, bytes BYTEA NOT NULL,
                            PRIMARY KEY (terminal_id, sequence))
                        """).update();
        jdbc.sql("TRUNCATE bench_plain_insert").update();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        // Warm-up rounds on festivals of their own (JIT, connection pool, statement caches), as a
        // JMH warm-up would; only the last round is measured.
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            FestivalId warmFestival = FestivalId.of(TestFestivals.create(jdbc));
            List<SignedRecord> warmRecords = new ArrayList<>();
            List<byte[]> warmBatches = prepare(warmFestival, warmRecords);
            measure(tx, warmBatches, warmRecords, FestivalId.of(TestFestivals.create(jdbc)));
        }
        boolean statistics = Boolean.getBoolean(EmbeddedPostgres.STATEMENT_STATISTICS);
        if (statistics) {
            jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
            jdbc.sql("SELECT pg_stat_statements_reset()").query(Object.class).list();
            jdbc.sql("SELECT pg_stat_reset()").query(Object.class).list();
        }
        System.out.println("MEASURED ROUNDS START at uptime "
                + ManagementFactory.getRuntimeMXBean().getUptime() + " ms");
        List<Measured> rounds = new ArrayList<>();
        for (int round = 1; round < MEASURED_ROUNDS; round++) {
            FestivalId roundFestival = FestivalId.of(TestFestivals.create(jdbc));
            List<SignedRecord> roundRecords = new ArrayList<>();
            List<byte[]> roundBatches = prepare(roundFestival, roundRecords);
            rounds.add(measure(tx, roundBatches, roundRecords, FestivalId.of(TestFestivals.create(jdbc))));
        }
        rounds.add(measure(tx, batches, all, plainFestival));
        for (int round = 0; round < rounds.size() && rounds.size() > 1; round++) {
            Measured r = rounds.get(round);
            System.out.printf(
                    "ROUND %d: ingest %.0f records/s, plain INSERT %.0f records/s, ratio %.3f"
                            + " (without the claims %.3f)%n",
                    round + 1,
                    all.size() / (r.ingestNanos() / 1e9),
                    all.size() / (r.plainNanos() / 1e9),
                    (double) r.plainNanos() / r.ingestNanos(),
                    (double) (r.plainNanos() - r.plainClaimsNanos()) / r.ingestNanos());
        }
        Measured m = new Measured(
                rounds.stream().mapToLong(Measured::ingestNanos).sum(),
                rounds.stream().mapToLong(Measured::ingestCpu).sum(),
                rounds.stream().mapToLong(Measured::plainNanos).sum(),
                rounds.stream().mapToLong(Measured::plainCpu).sum(),
                rounds.stream().mapToLong(Measured::plainClaimsNanos).sum(),
                rounds.stream().mapToLong(Measured::recordsOnlyNanos).sum());
        int measuredRecords = all.size() * rounds.size();
        if (statistics) {
            // the measured round's statements by server time (planning + execution), both sides
            // of the comparison
            jdbc.sql(
                            "SELECT calls, total_exec_time, total_plan_time, left(regexp_replace(query, '\\s+', ' ', 'g'), 140) q"
                                    + " FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT 40")
                    .query(rs -> {
                        System.out.printf(
                                "STATEMENT %6d calls %8.1f ms executing %6.1f ms planning  %s%n",
                                rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getString(4));
                    });
        }
        if (statistics) {
            // rows updated in place (HOT: no index entry written) against all updates, per table
            jdbc.sql("SELECT relname, n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables"
                            + " WHERE n_tup_upd > 0 ORDER BY n_tup_upd DESC LIMIT 12")
                    .query(rs -> {
                        System.out.printf(
                                "TABLE %-28s %8d inserted %8d updated %8d of them in place (HOT)%n",
                                rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
                    });
        }
        long ingestNanos = m.ingestNanos();
        long ingestCpu = m.ingestCpu();
        long plainNanos = m.plainNanos();
        long plainCpu = m.plainCpu();
        long recordsOnlyNanos = m.recordsOnlyNanos();
        double ingestRate = measuredRecords / (ingestNanos / 1e9);
        double plainRate = measuredRecords / (plainNanos / 1e9);
        double recordsOnlyRate = measuredRecords / (recordsOnlyNanos / 1e9);
        System.out.printf(
                "BENCHMARK central ingest (%d stream%s): %d records set-based in %.2f s = %.0f records/s"
                        + " (JVM CPU %.0f µs/record);"
                        + " plain INSERT of the same rows (record + entry + 2 lines + chip claim, multi-row, one"
                        + " transaction per batch) in %.2f s = %.0f records/s (JVM CPU %.0f µs/record): ratio %.3f"
                        + " (without the claims: %.0f records/s, ratio %.3f);"
                        + " records-only batched INSERT %.0f rows/s: ratio %.3f%n",
                Math.max(1, Math.min(STREAMS, BARS)),
                STREAMS > 1 ? "s at once" : "",
                measuredRecords,
                ingestNanos / 1e9,
                ingestRate,
                ingestCpu / 1e3 / measuredRecords,
                plainNanos / 1e9,
                plainRate,
                plainCpu / 1e3 / measuredRecords,
                ingestRate / plainRate,
                measuredRecords / ((plainNanos - m.plainClaimsNanos()) / 1e9),
                (double) (plainNanos - m.plainClaimsNanos()) / ingestNanos,
                recordsOnlyRate,
                ingestRate / recordsOnlyRate);
        if (withOneByOne) {
            double oneByOneRate = allOneByOne.size() / oneByOneSeconds;
            System.out.printf(
                    "BENCHMARK central ingest record by record: %d records in %.2f s = %.0f records/s (ratio %.3f)%n",
                    allOneByOne.size(), oneByOneSeconds, oneByOneRate, oneByOneRate / plainRate);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record WHERE festival_id = :f AND status = 'APPLIED'")
                            .param("f", oneByOne.value())
                            .query(Long.class)
                            .single())
                    .isEqualTo((long) WRISTBANDS + BARS * SALES_PER_BAR);
            assertThat(revenue(festival)).isEqualTo(revenue(oneByOne));
        }
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
        assertThat(revenue(festival)).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record WHERE festival_id = :f AND status = 'APPLIED'"
                                + " AND entry_id IS NOT NULL")
                        .param("f", festival.value())
                        .query(Long.class)
                        .single())
                .isEqualTo((long) WRISTBANDS + BARS * SALES_PER_BAR);
    }
}
