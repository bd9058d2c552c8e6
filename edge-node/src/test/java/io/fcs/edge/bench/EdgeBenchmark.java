package io.fcs.edge.bench;

import io.fcs.edge.EdgeNode;
import io.fcs.edge.inbox.Inbox;
import io.fcs.edge.inbox.RecordStore;
import io.fcs.edge.inbox.TerminalKeys;
import io.fcs.edge.observe.EdgeMetrics;
import io.fcs.edge.store.Database;
import io.fcs.edge.testing.EdgeHarness;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.Mosquitto;
import io.fcs.edge.testing.Ports;
import io.fcs.edge.testing.TerminalClient;
import io.fcs.edge.testing.TestFestival;
import io.fcs.edge.uplink.CentralClient;
import io.fcs.edge.uplink.Uplink;
import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationKind;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.TerminalId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The edge's figures for docs/benchmarks.md: ingest vs raw Ed25519 verify on 2 threads,
 * authorisation round trip at a fixed tap rate through the embedded broker, backlog drain after
 * a simulated outage. Run by hand (see docs/benchmarks.md), not by the test suite.
 */
public final class EdgeBenchmark {

    public static void main(String[] args) throws Exception {
        String what = args.length > 0 ? args[0] : "all";
        if (what.equals("all") || what.equals("ingest")) {
            ingest(Integer.getInteger("records", 40_000));
        }
        if (what.equals("all") || what.equals("auth")) {
            authorisation(Integer.getInteger("rate", 2_000), Integer.getInteger("seconds", 10));
        }
        if (what.equals("all") || what.equals("holds")) {
            holds(Integer.getInteger("holds", 4_000), Integer.getInteger("threads", 64));
        }
        if (what.equals("all") || what.equals("drain")) {
            drain(Integer.getInteger("backlog", 120_000));
        }
        System.exit(0);
    }

    static void ingest(int total) throws Exception {
        TestFestival festival = new TestFestival();
        TerminalId a = festival.enrol();
        TerminalId b = festival.enrol();
        String uid = festival.wallet(Long.MAX_VALUE / 4);
        List<SignedRecord> ra = festival.chain(a).sales(uid, total / 2, 1);
        List<SignedRecord> rb = festival.chain(b).sales(uid, total / 2, 1);
        // raw verify on two threads, same records
        var keyA = festival.terminals.get(a).verificationKey();
        var keyB = festival.terminals.get(b).verificationKey();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        rawVerify(pool, ra.subList(0, 2_000), rb.subList(0, 2_000), keyA, keyB); // warm-up
        long t0 = System.nanoTime();
        rawVerify(pool, ra, rb, keyA, keyB);
        double raw = total / ((System.nanoTime() - t0) / 1e9);

        Path dir = Files.createTempDirectory("edge-bench-ingest");
        try (Database db = Database.open(dir)) {
            RecordStore store = new RecordStore(db);
            TerminalKeys keys = new TerminalKeys(db);
            keys.put(new TerminalKeys.Terminal(a, keyA, null, "POS", Optional.empty()));
            keys.put(new TerminalKeys.Terminal(b, keyB, null, "POS", Optional.empty()));
            Inbox inbox = new Inbox(festival.festival, store, keys, new EdgeMetrics(), MessageCodec.DEFAULT_MAX_BYTES);
            MessageCodec codec = MessageCodec.standard();
            List<byte[]> pa = payloads(codec, a, ra);
            List<byte[]> pb = payloads(codec, b, rb);
            long t1 = System.nanoTime();
            Future<?> fa = pool.submit(() -> pa.forEach(p -> inbox.receive(a, p)));
            Future<?> fb = pool.submit(() -> pb.forEach(p -> inbox.receive(b, p)));
            fa.get();
            fb.get();
            double ingest = total / ((System.nanoTime() - t1) / 1e9);
            System.out.printf(
                    "INGEST records=%d raw_verify_2_threads=%.0f/s ingest=%.0f/s ratio=%.2f stored=%d%n",
                    total, raw, ingest, ingest / raw, store.recordCount());
        }
        pool.shutdown();
    }

    private static List<byte[]> payloads(MessageCodec codec, TerminalId t, List<SignedRecord> records) {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i += 500) {
            var slice = records.subList(i, Math.min(records.size(), i + 500));
            out.add(codec.encode(
                    RecordBatch.of(t, slice.getFirst().record().sequence(), TestFestival.encoded(slice), 0)));
        }
        return out;
    }

    private static void rawVerify(
            ExecutorService pool,
            List<SignedRecord> ra,
            List<SignedRecord> rb,
            io.fcs.protocol.crypto.Ed25519.VerificationKey ka,
            io.fcs.protocol.crypto.Ed25519.VerificationKey kb)
            throws Exception {
        Future<?> fa = pool.submit(() -> ra.forEach(r -> ka.verify(r.signedBytes(), r.signature())));
        Future<?> fb = pool.submit(() -> rb.forEach(r -> kb.verify(r.signedBytes(), r.signature())));
        fa.get();
        fb.get();
    }

    /**
     * Tap round trip at {@code rate} taps/s for {@code seconds}. By default ({@code -Dfork=true})
     * the edge runs in its own JVM (its real launcher, {@code -Dedge.jvm} gives its JVM options)
     * and this JVM plays central and the terminals, so that each process's CPU time is its own:
     * the figure "edge CPU ms per tap" is the edge process's CPU clock over the measured taps.
     * Every answer carries the edge's stamps, so each stage of a tap is reported.
     */
    static void authorisation(int rate, int seconds) throws Exception {
        TestFestival festival = new TestFestival();
        List<TerminalId> bars = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bars.add(festival.enrol());
        }
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            uids.add(festival.wallet(10_000_000));
        }
        Path dir = Files.createTempDirectory("edge-bench-auth");
        int port = Ports.free();
        // -Dbroker=mosquitto: Debian's Mosquitto as the external zone broker; else the embedded one
        boolean mosquitto = "mosquitto".equals(System.getProperty("broker", "embedded"));
        boolean fork = Boolean.parseBoolean(System.getProperty("fork", "true"));
        Files.createDirectories(dir.resolve("mosquitto"));
        try (Mosquitto external = mosquitto ? new Mosquitto(dir.resolve("mosquitto")) : null;
                FakeCentral central = new FakeCentral(festival)) {
            List<String> extra = new ArrayList<>();
            if (mosquitto) {
                extra.addAll(List.of("--broker-url", external.url()));
            }
            int httpPort = Ports.free();
            extra.addAll(List.of("--http-port", Integer.toString(httpPort)));
            EdgeNode node = null;
            Process edge = null;
            if (fork) {
                List<String> command = new ArrayList<>();
                command.add(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
                command.addAll(Arrays.asList(
                        System.getProperty("edge.jvm", "-Xmx1g").trim().split("\\s+")));
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.fcs.edge.EdgeMain"));
                List<String> args =
                        EdgeHarness.args(festival, central, dir.resolve("edge"), port, extra.toArray(String[]::new));
                // the harness asks for any free HTTP port; the forked edge must use the known one
                int at = args.indexOf("--http-port");
                args.remove(at + 1);
                args.remove(at);
                command.addAll(args);
                edge = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(dir.resolve("edge.log").toFile())
                        .start();
            } else {
                node = EdgeHarness.start(festival, central, dir.resolve("edge"), port, extra.toArray(String[]::new));
                EdgeHarness.awaitSynced(node, festival);
            }
            try {
                String url = mosquitto ? external.url() : "tcp://127.0.0.1:" + port;
                List<TerminalClient> clients = new ArrayList<>();
                for (TerminalId bar : bars) {
                    clients.add(connect(festival, bar, url)
                            .patience(
                                    Duration.ofMillis(Long.getLong("resendMs", 400)), Integer.getInteger("sends", 2)));
                }
                awaitApproval(clients.getFirst(), uids.getFirst());
                java.util.concurrent.ConcurrentLinkedQueue<long[]> traces =
                        new java.util.concurrent.ConcurrentLinkedQueue<>();
                clients.forEach(c -> c.trace(traces::add));
                // warm-up
                runTaps(clients, uids, 500, 2);
                runTaps(clients, uids, rate, Integer.getInteger("warmupSeconds", 15));
                traces.clear();
                // what the edge spends without taps (central polls, presence, timers), per second
                long idle0 = cpuNanos(edge == null ? null : edge.toHandle());
                long idleWall0 = System.nanoTime();
                Thread.sleep(3_000);
                double idlePerSecond = (cpuNanos(edge == null ? null : edge.toHandle()) - idle0)
                        / ((System.nanoTime() - idleWall0) / 1e9);
                long edgeCpu0 = cpuNanos(edge == null ? null : edge.toHandle());
                long brokerCpu0 = mosquitto ? cpuNanos(external.process()) : 0;
                long ownCpu0 = ownCpuNanos();
                long wall0 = System.nanoTime();
                long[] latencies = runTaps(clients, uids, rate, seconds);
                double wall = (System.nanoTime() - wall0) / 1e9;
                long edgeCpu = cpuNanos(edge == null ? null : edge.toHandle()) - edgeCpu0;
                long brokerCpu = mosquitto ? cpuNanos(external.process()) - brokerCpu0 : 0;
                long ownCpu = ownCpuNanos() - ownCpu0;
                long answered = Arrays.stream(latencies).filter(l -> l >= 0).count();
                long[] ok =
                        Arrays.stream(latencies).filter(l -> l >= 0).sorted().toArray();
                System.out.printf(
                        "AUTH broker=%s fork=%s rate=%d/s seconds=%d sent=%d answered=%d unanswered=%d resent=%d"
                                + " late=%d p50=%.1fms p99=%.1fms p99.9=%.1fms max=%.1fms%n",
                        mosquitto ? "mosquitto" : "embedded",
                        fork,
                        rate,
                        seconds,
                        latencies.length,
                        answered,
                        latencies.length - answered,
                        clients.stream().mapToLong(TerminalClient::resent).sum(),
                        clients.stream().mapToLong(TerminalClient::lateAnswers).sum(),
                        percentile(ok, 0.5),
                        percentile(ok, 0.99),
                        percentile(ok, 0.999),
                        ok.length == 0 ? -1 : ok[ok.length - 1] / 1e6);
                System.out.printf(
                        "AUTH cpu wall=%.1fs edge_process=%s terminals_and_central=%.3fms/tap (%.0f%% of a core)"
                                + " mosquitto=%s%n",
                        wall,
                        edge == null
                                ? "n/a (same JVM)"
                                : String.format(
                                        "%.3fms/tap (%.0f%% of a core)",
                                        edgeCpu / 1e6 / latencies.length, edgeCpu / 1e7 / wall),
                        ownCpu / 1e6 / latencies.length,
                        ownCpu / 1e7 / wall,
                        mosquitto
                                ? String.format(
                                        "%.3fms/tap (%.0f%% of a core)",
                                        brokerCpu / 1e6 / latencies.length, brokerCpu / 1e7 / wall)
                                : "n/a");
                if (edge != null) {
                    System.out.printf(
                            "AUTH cpu edge_idle=%.1fms/s edge_process_net_of_idle=%.3fms/tap%n",
                            idlePerSecond / 1e6, (edgeCpu - idlePerSecond * wall) / 1e6 / latencies.length);
                }
                stages(new ArrayList<>(traces));
                String metrics = node != null ? node.metrics().scrape() : scrape(httpPort);
                metrics.lines()
                        .filter(line -> line.startsWith("edge_authorisations_total")
                                || line.startsWith("edge_refused")
                                || line.startsWith("edge_store_")
                                || line.startsWith("edge_authorisation_seconds")
                                        && (line.contains("quantile")
                                                || line.startsWith("edge_authorisation_seconds_max")))
                        .forEach(line -> System.out.println("AUTH edge " + line));
                clients.forEach(TerminalClient::close);
            } finally {
                if (node != null) {
                    node.close();
                }
                if (edge != null) {
                    edge.destroy();
                    if (!edge.waitFor(20, TimeUnit.SECONDS)) {
                        edge.destroyForcibly();
                    }
                }
            }
        }
    }

    /** Per stage of a tap (terminal sent → edge received → decided → published → terminal received). */
    private static void stages(List<long[]> traces) {
        String[] names = {"to_edge", "queued", "decided", "reply", "to_terminal"};
        for (int stage = 0; stage < names.length; stage++) {
            int s = stage;
            long[] d = traces.stream().mapToLong(t -> t[s + 1] - t[s]).sorted().toArray();
            System.out.printf(
                    "AUTH stage %-11s n=%d p50=%.2fms p99=%.2fms p99.9=%.2fms max=%.2fms%n",
                    names[stage],
                    d.length,
                    percentile(d, 0.5),
                    percentile(d, 0.99),
                    percentile(d, 0.999),
                    d.length == 0 ? -1 : d[d.length - 1] / 1e6);
        }
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? -1 : sorted[Math.min(sorted.length - 1, (int) (sorted.length * q))] / 1e6;
    }

    private static TerminalClient connect(TestFestival festival, TerminalId bar, String url) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                return new TerminalClient(festival, bar, url);
            } catch (IllegalStateException brokerNotUpYet) {
                if (attempt >= 120) {
                    throw brokerNotUpYet;
                }
                Thread.sleep(500);
            }
        }
    }

    /** Bounded: until the edge synced the wallets from central and approves a tap. */
    private static void awaitApproval(TerminalClient client, String uid) throws Exception {
        for (int i = 0; i < 300; i++) {
            try {
                if (client.request(AuthorisationKind.SALE, uid, 1).outcome()
                        == io.fcs.protocol.message.AuthorisationOutcome.APPROVED) {
                    return;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException notYet) {
                // the edge is still starting
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the edge never approved a tap");
    }

    private static long cpuNanos(ProcessHandle process) {
        if (process == null) {
            return 0;
        }
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String scrape(int httpPort) throws Exception {
        var http = java.net.http.HttpClient.newHttpClient();
        return http.send(
                        java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/metrics"))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
    }

    private static long[] runTaps(List<TerminalClient> clients, List<String> uids, int rate, int seconds)
            throws Exception {
        int total = rate * seconds;
        List<CompletableFuture<Long>> results = new ArrayList<>(total);
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            long sent = System.nanoTime();
            CompletableFuture<AuthorisationAnswer> f =
                    clients.get(i % clients.size()).requestAsync(AuthorisationKind.SALE, uids.get(i % uids.size()), 1);
            results.add(f.thenApply(answer -> System.nanoTime() - sent));
        }
        long[] out = new long[total];
        for (int i = 0; i < total; i++) {
            try {
                out[i] = results.get(i).get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                out[i] = -1; // no answer within the terminal's patience: it would sell offline
            }
        }
        return out;
    }

    /**
     * The store's part of a tap: {@code total} hold rows written by {@code threads} threads, each
     * durable before its caller goes on, once with one transaction per hold (how taps were written
     * before decision 0150) and once through the shared transaction (group commit).
     */
    static void holds(int total, int threads) throws Exception {
        for (boolean shared : new boolean[] {false, true}) {
            Path dir = Files.createTempDirectory("edge-bench-holds");
            try (Database db = Database.open(dir)) {
                db.migrate("CREATE TABLE hold (hold_id TEXT PRIMARY KEY, amount INTEGER NOT NULL)");
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                long[] took = new long[total];
                List<Future<?>> futures = new ArrayList<>();
                long t0 = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    int n = i;
                    futures.add(pool.submit(() -> {
                        long start = System.nanoTime();
                        Database.Work<Integer> work = c -> {
                            try (var ps = c.prepareStatement("INSERT INTO hold (hold_id, amount) VALUES (?, ?)")) {
                                ps.setString(1, "hold-" + n);
                                ps.setLong(2, 100);
                                return ps.executeUpdate();
                            }
                        };
                        if (shared) {
                            db.inSharedTransaction(work);
                        } else {
                            db.inTransaction(work);
                        }
                        took[n] = System.nanoTime() - start;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                pool.shutdown();
                Arrays.sort(took);
                System.out.printf(
                        "HOLDS mode=%s threads=%d holds=%d seconds=%.1f rate=%.0f/s p50=%.1fms p99=%.1fms%n",
                        shared ? "group_commit" : "commit_per_hold",
                        threads,
                        total,
                        seconds,
                        total / seconds,
                        took[total / 2] / 1e6,
                        took[(int) (total * 0.99)] / 1e6);
            }
        }
    }

    static void drain(int backlog) throws Exception {
        TestFestival festival = new TestFestival();
        List<TerminalId> terminals = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            terminals.add(festival.enrol());
        }
        String uid = festival.wallet(Long.MAX_VALUE / 4);
        Path dir = Files.createTempDirectory("edge-bench-drain");
        try (Database db = Database.open(dir);
                FakeCentral central = new FakeCentral(festival)) {
            RecordStore store = new RecordStore(db);
            TerminalKeys keys = new TerminalKeys(db);
            for (TerminalId t : terminals) {
                keys.put(new TerminalKeys.Terminal(
                        t, festival.terminals.get(t).verificationKey(), null, "POS", Optional.empty()));
            }
            Inbox inbox = new Inbox(festival.festival, store, keys, new EdgeMetrics(), MessageCodec.DEFAULT_MAX_BYTES);
            for (TerminalId t : terminals) {
                var records = festival.chain(t).sales(uid, backlog / terminals.size(), 1);
                for (int i = 0; i < records.size(); i += 500) {
                    var slice = records.subList(i, Math.min(records.size(), i + 500));
                    inbox.receive(
                            RecordBatch.of(t, slice.getFirst().record().sequence(), TestFestival.encoded(slice), 0));
                }
            }
            Uplink uplink = new Uplink(
                    store,
                    new CentralClient(URI.create(central.url()), EdgeId.random(), Duration.ofSeconds(30)),
                    new EdgeMetrics(),
                    500);
            long t0 = System.nanoTime();
            while (uplink.drainOnce()) {
                // back to back until nothing is left
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "DRAIN backlog=%d seconds=%.1f rate=%.0f/s central_applied=%d left=%d%n",
                    store.recordCount(),
                    seconds,
                    store.recordCount() / seconds,
                    central.applied.get(),
                    store.backlog());
        }
    }
}
