package io.fcs.system.bench;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.WalletId;
import io.fcs.system.harness.CentralNode;
import io.fcs.system.harness.EdgeNode;
import io.fcs.system.harness.FestivalSetUp;
import io.fcs.system.harness.SimTerminal;
import io.fcs.system.harness.Wristbands;
import io.fcs.terminal.tap.TapOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import tools.jackson.databind.JsonNode;

/**
 * End-to-end figure: sustained records per second from terminals to central's ledger, and the
 * sync lag (a record committed on a terminal → applied in central's ledger), with central's jar
 * (H2), one edge-node jar (embedded broker) and POS terminals (terminal-app's classes, in this JVM)
 * selling as fast as they can over real MQTT. Lag is observed by polling central's reconciliation
 * (per-terminal applied watermark) every 250 ms, so it is rounded up to that period.
 *
 * <p>Run: {@code ./mvnw -q -pl system -am -Pe2e-bench -DskipTests verify} (options as system
 * properties {@code -Dbench.terminals=4 -Dbench.seconds=60}).
 */
public final class EndToEndBenchmark {

    private static final long POLL_MS = 250;

    private EndToEndBenchmark() {}

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** The edge's own tap authorisation quantiles, from its Prometheus text. */
    private static String edgeAuthorisation(EdgeNode edge) {
        StringBuilder out = new StringBuilder();
        for (String q : List.of("0.5", "0.99")) {
            double seconds = edge.metric("edge_authorisation_seconds", "quantile=\"" + q + "\"");
            out.append(" p")
                    .append(q.equals("0.5") ? "50" : "99")
                    .append(' ')
                    .append(Math.round(seconds * 1000))
                    .append(" ms");
        }
        return out.toString();
    }

    public static void main(String[] args) throws Exception {
        run();
        // the terminals' MQTT clients keep non-daemon threads: end the JVM once the figures are out
        System.exit(0);
    }

    private static void run() throws Exception {
        int terminals = Integer.getInteger("bench.terminals", 4);
        int seconds = Integer.getInteger("bench.seconds", 60);
        Path work = Files.createTempDirectory("fcs-e2e-bench");
        Path logs = work.resolve("logs");
        System.out.printf("end-to-end benchmark: %d POS terminals, %d s, work in %s%n", terminals, seconds, work);
        System.out.printf(
                "machine: %d cores, %s, JDK %s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"),
                Runtime.version());
        System.out.printf("load average before: %s%n", loadAverage());
        System.out.printf("raw Ed25519 verify on one core, this run: %.0f/s%n", verifyRate());
        List<AutoCloseable> parts = new ArrayList<>();
        try {
            CentralNode central = CentralNode.start(work.resolve("central"), logs);
            parts.add(central);
            FestivalSetUp festival = FestivalSetUp.create(central, "Benchmark festival");
            EdgeNode edge = EdgeNode.start(
                    "edge-bar",
                    festival.festivalId,
                    festival.bar.id(),
                    central.url(),
                    work.resolve("edge"),
                    logs,
                    null);
            parts.add(edge);
            Wristbands wristbands = new Wristbands(FestivalId.parse(festival.festivalId));
            SimTerminal kiosk = SimTerminal.enrolled(
                    SimTerminal.Kind.KIOSK,
                    "Kiosk",
                    festival,
                    festival.bar,
                    edge.mqttUrl(),
                    wristbands,
                    work.resolve("k"));
            parts.add(kiosk);
            List<SimTerminal> bars = new ArrayList<>();
            for (int i = 0; i < terminals; i++) {
                SimTerminal bar = SimTerminal.enrolled(
                        SimTerminal.Kind.POS,
                        "Bar " + i,
                        festival,
                        festival.bar,
                        edge.mqttUrl(),
                        wristbands,
                        work.resolve("pos-" + i));
                parts.add(bar);
                bars.add(bar);
            }
            waitUntil(() -> edge.health().path("enrolled").asLong() >= terminals + 1, Duration.ofSeconds(60));
            List<List<SimulatedTag>> bands = new ArrayList<>();
            for (int i = 0; i < terminals; i++) {
                List<SimulatedTag> own = new ArrayList<>();
                for (int b = 0; b < 20; b++) {
                    SimulatedTag band = wristbands.issue(WalletId.random());
                    kiosk.topUpByCard(band, 500_000);
                    own.add(band);
                }
                bands.add(own);
            }
            waitUntil(() -> applied(festival, List.of(kiosk)) >= kiosk.committed(), Duration.ofSeconds(60));
            long version = festival.wallets().path("version").asLong();
            waitUntil(() -> edge.walletVersion() >= version, Duration.ofSeconds(60));

            Map<String, ConcurrentSkipListMap<Long, Long>> committedAt = new ConcurrentHashMap<>();
            for (SimTerminal bar : bars) {
                committedAt.put(bar.id().toString(), new ConcurrentSkipListMap<>());
            }
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> sellers = new ArrayList<>();
            long[] approved = new long[terminals];
            for (int i = 0; i < terminals; i++) {
                int n = i;
                SimTerminal bar = bars.get(i);
                sellers.add(Thread.ofPlatform().name("seller-" + i).start(() -> {
                    int k = 0;
                    while (running.get()) {
                        TapOutcome outcome = bar.sell(bands.get(n).get(k++ % 20), SimTerminal.WATER, 1);
                        if (outcome instanceof TapOutcome.Approved) {
                            approved[n]++;
                            committedAt.get(bar.id().toString()).put(bar.committed(), System.nanoTime());
                        }
                    }
                }));
            }
            List<Long> lagsMs = new ArrayList<>();
            Map<String, Long> seen = new ConcurrentHashMap<>();
            long start = System.nanoTime();
            long appliedAtStart = applied(festival, bars);
            long deadline = start + Duration.ofSeconds(seconds).toNanos();
            while (System.nanoTime() < deadline) {
                observe(festival, bars, committedAt, seen, lagsMs);
                Thread.sleep(POLL_MS);
            }
            running.set(false);
            String edgeTaps = edgeAuthorisation(edge);
            for (Thread t : sellers) {
                t.join(Duration.ofSeconds(30));
            }
            long appliedDuringRun = applied(festival, bars) - appliedAtStart;
            double runSeconds = (System.nanoTime() - start) / 1e9;
            long drainStart = System.nanoTime();
            long committed = bars.stream().mapToLong(SimTerminal::committed).sum();
            while (applied(festival, bars) < committed && System.nanoTime() - drainStart < 120e9) {
                observe(festival, bars, committedAt, seen, lagsMs);
                Thread.sleep(POLL_MS);
            }
            observe(festival, bars, committedAt, seen, lagsMs);
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            JsonNode books = festival.reconciliation();
            long[] lags = lagsMs.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(
                    "terminals committed %d sales in %.1f s: %.0f records/s at the terminals%n",
                    Arrays.stream(approved).sum(),
                    runSeconds,
                    Arrays.stream(approved).sum() / runSeconds);
            System.out.printf(
                    "central's ledger applied %d of them during the run: %.0f records/s sustained; the rest drained in %.1f s%n",
                    appliedDuringRun, appliedDuringRun / runSeconds, drainSeconds);
            System.out.printf(
                    "sync lag terminal → central ledger (%d records observed, 250 ms polling): p50 %d ms, p99 %d ms, max %d ms%n",
                    lags.length,
                    percentile(lags, 0.50),
                    percentile(lags, 0.99),
                    lags.length == 0 ? 0 : lags[lags.length - 1]);
            System.out.printf("edge tap authorisation (its own histogram):%s%n", edgeTaps);
            System.out.printf("load average after: %s%n", loadAverage());
            System.out.printf(
                    "books: applied %d, conservation difference %d cents, gaps %d, forks %d%n",
                    books.path("records").path("applied").asLong(),
                    books.path("conservationDifferenceCents").asLong(),
                    books.path("gaps").size(),
                    books.path("forks").size());
        } finally {
            for (int i = parts.size() - 1; i >= 0; i--) {
                try {
                    parts.get(i).close();
                } catch (Exception e) {
                    // keep stopping the others
                }
            }
        }
    }

    private static void observe(
            FestivalSetUp festival,
            List<SimTerminal> bars,
            Map<String, ConcurrentSkipListMap<Long, Long>> committedAt,
            Map<String, Long> seen,
            List<Long> lagsMs) {
        long now = System.nanoTime();
        JsonNode books = festival.reconciliation();
        for (JsonNode t : books.path("terminals")) {
            String id = t.path("terminalId").asString();
            ConcurrentSkipListMap<Long, Long> times = committedAt.get(id);
            if (times == null) {
                continue;
            }
            long applied = t.path("watermark").asLong();
            long before = seen.getOrDefault(id, 0L);
            for (var e : times.subMap(before, false, applied, true).entrySet()) {
                lagsMs.add(Math.max(0, (now - e.getValue()) / 1_000_000));
            }
            seen.put(id, Math.max(before, applied));
        }
    }

    private static long applied(FestivalSetUp festival, List<SimTerminal> terminals) {
        JsonNode books = festival.reconciliation();
        long sum = 0;
        for (JsonNode t : books.path("terminals")) {
            for (SimTerminal terminal : terminals) {
                if (terminal.id().toString().equals(t.path("terminalId").asString())) {
                    sum += t.path("applied").asLong();
                }
            }
        }
        return sum;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private static double verifyRate() {
        Ed25519.SigningKey key = Ed25519.generate();
        byte[] message = new byte[200];
        byte[] signature = key.sign(message);
        Ed25519.VerificationKey verifier = key.verificationKey();
        for (int i = 0; i < 20_000; i++) {
            verifier.verify(message, signature);
        }
        int n = 10_000;
        long t = System.nanoTime();
        for (int i = 0; i < n; i++) {
            verifier.verify(message, signature);
        }
        return n / ((System.nanoTime() - t) / 1e9);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration atMost)
            throws InterruptedException {
        long until = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("timed out after " + atMost);
            }
            Thread.sleep(200);
        }
    }
}
