package io.fcs.central.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.sync.RecordIngestion;
import io.fcs.central.sync.SimTerminal;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.central.wallet.Wallet;
import io.fcs.central.wallet.Wallets;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Plays seeded random festivals (top-ups, sales online and offline, voids, over-spends) into
 * central through the record ingestion, delivering the same batches in order or interleaved,
 * duplicated and reordered, and answers the resulting books (balances, chip values, watermarks,
 * records applied), checking conservation on the way. Shared by the H2 property test and its
 * PostgreSQL twin.
 */
final class Convergence {

    static final int TERMINALS = 3;
    static final int RECORDS_PER_TERMINAL = 30;

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final Wallets wallets;
    private final RecordIngestion ingestion;

    Convergence(JdbcClient jdbc, Ledger ledger, Wallets wallets, RecordIngestion ingestion) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.wallets = wallets;
        this.ingestion = ingestion;
    }

    /** Plays one script {@code deliveries} times and checks every delivery ends in the same books. */
    Map<String, Long> check(long seed, int deliveries) {
        Script script = Script.generate(new Random(seed));
        Map<String, Long> reference = null;
        for (int run = 0; run < deliveries; run++) {
            Map<String, Long> books =
                    play(script, run == 0 ? Optional.empty() : Optional.of(new Random(seed * 31 + run)));
            if (reference == null) {
                reference = books;
            } else {
                assertThat(books).as("seed %d delivery %d", seed, run).isEqualTo(reference);
            }
        }
        return reference;
    }

    /** One operation of a terminal; {@code target} is the index of the record a void cancels. */
    record Op(String kind, String uid, long cents, boolean flag, int target) {}

    /** What each terminal does, and where its records are cut into batches. */
    record Script(List<List<Op>> ops, List<List<Integer>> cuts) {

        static Script generate(Random random) {
            String[] uids = new String[8];
            for (int i = 0; i < uids.length; i++) {
                uids[i] = "04%012X".formatted(random.nextLong() & 0xFFFFFFFFFFFFL);
            }
            List<List<Op>> ops = new ArrayList<>();
            List<List<Integer>> cuts = new ArrayList<>();
            for (int t = 0; t < TERMINALS; t++) {
                boolean kiosk = t == 0;
                List<Op> mine = new ArrayList<>();
                java.util.Set<Integer> voided = new java.util.HashSet<>();
                for (int i = 0; i < RECORDS_PER_TERMINAL; i++) {
                    String uid = uids[random.nextInt(uids.length)];
                    boolean voidable = !mine.isEmpty() && random.nextInt(8) == 0;
                    if (voidable) {
                        int target = random.nextInt(mine.size());
                        if (!mine.get(target).kind().equals("VOID") && voided.add(target)) {
                            mine.add(new Op("VOID", null, 0, false, target));
                            continue;
                        }
                    }
                    if (kiosk) {
                        mine.add(new Op("TOP_UP", uid, 100 + random.nextInt(4_900), random.nextBoolean(), -1));
                    } else {
                        mine.add(new Op("SALE", uid, 100 + random.nextInt(1_400), random.nextInt(3) == 0, -1));
                    }
                }
                List<Integer> cut = new ArrayList<>();
                for (int i = 1; i < mine.size(); i++) {
                    if (random.nextInt(4) == 0) {
                        cut.add(i);
                    }
                }
                ops.add(mine);
                cuts.add(cut);
            }
            return new Script(ops, cuts);
        }
    }

    /** Plays a script into a new festival; {@code shuffle} empty = each batch once, in order. */
    Map<String, Long> play(Script script, Optional<Random> shuffle) {
        return play(script, shuffle, 1);
    }

    /** As {@link #play(Script, Optional)}, with the deliveries spread over {@code threads} threads. */
    Map<String, Long> play(Script script, Optional<Random> shuffle, int threads) {
        FestivalId festival = FestivalId.of(TestFestivals.create(jdbc));
        Map<String, Long> chips = new HashMap<>();
        List<SimTerminal> terminals = new ArrayList<>();
        List<byte[]> batches = new ArrayList<>();
        for (int t = 0; t < TERMINALS; t++) {
            SimTerminal terminal = SimTerminal.create(festival, chips).enrol(jdbc);
            terminals.add(terminal);
            List<SignedRecord> records = new ArrayList<>();
            for (Op op : script.ops().get(t)) {
                records.add(
                        switch (op.kind()) {
                            case "TOP_UP" ->
                                terminal.topUp(
                                        op.uid(),
                                        null,
                                        op.cents(),
                                        op.flag() ? PaymentMethod.CARD : PaymentMethod.CASH);
                            case "SALE" ->
                                terminal.sale(
                                        op.uid(), null, op.cents(), op.flag() ? Authority.OFFLINE : Authority.EDGE);
                            case "VOID" -> terminal.voidOf(records.get(op.target()));
                            default -> throw new IllegalStateException(op.kind());
                        });
            }
            int from = 0;
            List<Integer> cuts = new ArrayList<>(script.cuts().get(t));
            cuts.add(records.size());
            for (int cut : cuts) {
                batches.add(SimTerminal.batch(records.subList(from, cut)));
                from = cut;
            }
        }
        List<byte[]> deliveries = new ArrayList<>();
        if (shuffle.isEmpty()) {
            deliveries.addAll(batches);
        } else {
            Random random = shuffle.get();
            for (byte[] batch : batches) {
                for (int copies = 1 + random.nextInt(3); copies > 0; copies--) {
                    deliveries.add(batch);
                }
            }
            Collections.shuffle(deliveries, random);
        }
        if (threads == 1) {
            for (byte[] batch : deliveries) {
                ingestion.ingest(batch, Optional.empty());
            }
        } else {
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            try {
                List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
                for (byte[] batch : deliveries) {
                    sent.add(pool.submit(() -> ingestion.ingest(batch, Optional.empty())));
                }
                for (java.util.concurrent.Future<?> future : sent) {
                    future.get(120, java.util.concurrent.TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                throw new AssertionError("a concurrent delivery failed", e);
            } finally {
                pool.shutdownNow();
            }
        }
        return books(festival, script, terminals);
    }

    private Map<String, Long> books(FestivalId festival, Script script, List<SimTerminal> terminals) {
        Map<String, Long> books = new TreeMap<>();
        for (List<Op> ops : script.ops()) {
            for (Op op : ops) {
                if (op.uid() == null) {
                    continue;
                }
                String uid = op.uid().toLowerCase(java.util.Locale.ROOT);
                Wallet wallet = wallets.byWristband(festival, uid).orElseThrow();
                books.put("wallet " + uid, balance(festival, AccountKey.wallet(wallet.id())));
                books.put("exposure " + uid, balance(festival, AccountKey.offlineExposure(wallet.id())));
                books.put("chip " + uid, wallets.byId(wallet.id()).orElseThrow().chipBalance());
            }
        }
        for (int t = 0; t < terminals.size(); t++) {
            SimTerminal terminal = terminals.get(t);
            books.put("revenue " + t, balance(festival, AccountKey.posRevenue(terminal.id.value())));
            books.put("drawer " + t, balance(festival, AccountKey.cashDrawer(terminal.shift.value())));
            books.put(
                    "watermark " + t,
                    jdbc.sql("SELECT watermark FROM sync_terminal WHERE terminal_id = :t")
                            .param("t", terminal.id.value())
                            .query(Long.class)
                            .single());
        }
        books.put("psp", balance(festival, AccountKey.pspClearing()));
        books.put(
                "applied",
                jdbc.sql("SELECT COUNT(*) FROM sync_record WHERE festival_id = :f AND status = 'APPLIED'")
                        .param("f", festival.value())
                        .query(Long.class)
                        .single());
        Reconciliation.Figures figures = Reconciliation.Figures.of(ledger.totals(festival));
        assertThat(figures.difference()).as("conservation").isZero();
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
        return books;
    }

    private long balance(FestivalId festival, AccountKey account) {
        return ledger.balance(festival, account, Currency.EUR).minor();
    }
}
