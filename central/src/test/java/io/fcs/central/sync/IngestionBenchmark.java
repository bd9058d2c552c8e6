package io.fcs.central.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.testing.PostgresTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.FestivalId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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
 */
class IngestionBenchmark extends PostgresTest {

    static final int WRISTBANDS = 200;
    static final int BARS = 4;
    static final int SALES_PER_BAR = 1_000;
    static final int BATCH = 200;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JdbcTemplate template;

    @Autowired
    RecordIngestion ingestion;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    io.fcs.central.ledger.Ledger ledger;

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
        return ledger.balances(festival, io.fcs.central.ledger.AccountKind.POS_REVENUE).stream()
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

    @Test
    void ingestionIntoTheLedgerAgainstAPlainBatchedInsertOfTheSameRows() {
        FestivalId oneByOne = FestivalId.of(TestFestivals.create(jdbc));
        List<SignedRecord> allOneByOne = new ArrayList<>();
        List<byte[]> batchesOneByOne = prepare(oneByOne, allOneByOne);
        FestivalId festival = FestivalId.of(TestFestivals.create(jdbc));
        List<SignedRecord> all = new ArrayList<>();
        List<byte[]> batches = prepare(festival, all);

        ingestion.setBasedPosting(false);
        double oneByOneSeconds;
        try {
            oneByOneSeconds = ingestAll(batchesOneByOne);
        } finally {
            ingestion.setBasedPosting(true);
        }
        double ingestSeconds = ingestAll(batches);

        jdbc.sql("""
                        CREATE TABLE IF NOT EXISTS bench_plain_insert (terminal_id UUID NOT NULL, sequence BIGINT NOT NULL,
                            record_id UUID NOT NULL, kind VARCHAR(16) NOT NULL, amount BIGINT NOT NULL, bytes BYTEA NOT NULL,
                            PRIMARY KEY (terminal_id, sequence))
                        """).update();
        jdbc.sql("TRUNCATE bench_plain_insert").update();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        long started = System.nanoTime();
        for (int from = 0; from < all.size(); from += BATCH) {
            List<SignedRecord> slice = all.subList(from, Math.min(all.size(), from + BATCH));
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
        double insertSeconds = (System.nanoTime() - started) / 1e9;

        double ingestRate = all.size() / ingestSeconds;
        double oneByOneRate = allOneByOne.size() / oneByOneSeconds;
        double insertRate = all.size() / insertSeconds;
        System.out.printf(
                "BENCHMARK central ingest: %d records record by record in %.2f s = %.0f records/s (ratio %.3f);"
                        + " set-based in %.2f s = %.0f records/s (ratio %.3f); plain batched INSERT: %.2f s = %.0f"
                        + " rows/s%n",
                allOneByOne.size(),
                oneByOneSeconds,
                oneByOneRate,
                oneByOneRate / insertRate,
                ingestSeconds,
                ingestRate,
                ingestRate / insertRate,
                insertSeconds,
                insertRate);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record WHERE festival_id = :f AND status = 'APPLIED'")
                        .param("f", oneByOne.value())
                        .query(Long.class)
                        .single())
                .isEqualTo((long) WRISTBANDS + BARS * SALES_PER_BAR);
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
        assertThat(revenue(festival)).isEqualTo(revenue(oneByOne)).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sync_record WHERE festival_id = :f AND status = 'APPLIED'")
                        .param("f", festival.value())
                        .query(Long.class)
                        .single())
                .isEqualTo((long) WRISTBANDS + BARS * SALES_PER_BAR);
    }
}
