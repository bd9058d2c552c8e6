package io.fcs.system;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The README's run command: a whole festival on one machine, on embedded defaults. Starts each
 * built part as its own process (central first), prints where to look, keeps a one-line live
 * summary, and stops everything on Ctrl-C.
 */
public final class FestivalOnOneMachine {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration SUMMARY_EVERY = Duration.ofSeconds(5);

    private final RunOptions options;
    private final PrintStream out;
    private final List<ChildProcess> children = new ArrayList<>();
    private final Map<String, String> edges = new java.util.LinkedHashMap<>();
    private CentralApi api;
    private OnlineTraffic traffic;
    private long lastAccepted;
    private Instant lastSummaryAt = Instant.now();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    FestivalOnOneMachine(RunOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(RunOptions.HELP);
            return;
        }
        RunOptions options;
        try {
            options = RunOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("festival: " + e.getMessage());
            System.exit(2);
            return;
        }
        FestivalOnOneMachine festival = new FestivalOnOneMachine(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(festival::stopAll, "festival-stop"));
        int code = festival.run();
        if (code != 0) {
            System.exit(code);
        }
    }

    int run() throws IOException, InterruptedException {
        BuiltJars jars = new BuiltJars(options.root());
        Path centralJar = jars.of("central").orElse(null);
        if (centralJar == null) {
            out.println("festival: central is not built; run ./mvnw -q -pl system -am -DskipTests package exec:exec");
            return 2;
        }
        api = new CentralApi(baseUrl());
        Path logs = options.dataDir().resolve("logs");
        out.println("Starting central on port " + options.centralPort() + " (data in " + options.dataDir() + ") …");
        ChildProcess central = ChildProcess.startJar(
                "central",
                centralJar,
                List.of(
                        "--server.port=" + options.centralPort(),
                        "--central.data-dir=" + options.dataDir().resolve("central")),
                Map.of(
                        "CENTRAL_ADMIN_EMAIL", options.adminEmail(),
                        "CENTRAL_ADMIN_PASSWORD", options.adminPassword()),
                logs);
        children.add(central);
        if (!awaitHealthy(central)) {
            out.println("festival: central did not start; last lines of " + central.log() + ":");
            out.println(central.tail(30));
            stopAll();
            return 1;
        }
        String adminToken =
                api.login(options.adminEmail(), options.adminPassword()).orElse(null);
        if (adminToken == null) {
            out.println(
                    "festival: central refused the admin " + options.adminEmail()
                            + " (a data folder from an earlier run keeps its first admin; use its password or a new --data-dir)");
            stopAll();
            return 1;
        }
        DemoFestival.Setup setup;
        try {
            setup = DemoFestival.ensure(api, adminToken, options.dataDir());
        } catch (IllegalStateException e) {
            out.println("festival: " + e.getMessage());
            stopAll();
            return 1;
        }
        startEdges(jars, setup, logs);
        traffic = new OnlineTraffic(api, setup);
        Thread.ofPlatform().daemon().name("online-attendees").start(traffic);
        printWelcome(setup);
        lastSummaryAt = Instant.now();
        Instant until = options.runFor().isZero() ? Instant.MAX : Instant.now().plus(options.runFor());
        while (Instant.now().isBefore(until)) {
            for (ChildProcess child : children) {
                if (!child.isAlive()) {
                    out.println("festival: " + child.name() + " stopped unexpectedly; see " + child.log());
                    stopAll();
                    return 1;
                }
            }
            out.println(summaryLine(adminToken, setup));
            TimeUnit.MILLISECONDS.sleep(Math.min(
                    SUMMARY_EVERY.toMillis(),
                    Math.max(1, Duration.between(Instant.now(), until).toMillis())));
        }
        stopAll();
        return 0;
    }

    /**
     * One edge node per zone, in development mode (throwaway identity, plain MQTT on loopback):
     * each keeps its zone's replica of the wallets and deny list from central. Skipped, with a
     * note, when edge-node is not built.
     */
    private void startEdges(BuiltJars jars, DemoFestival.Setup setup, Path logs) throws IOException {
        Path edgeJar = jars.of("edge-node").orElse(null);
        if (edgeJar == null) {
            out.println("(edge-node is not built: running without edge nodes)");
            return;
        }
        for (var zone : new java.util.TreeMap<>(setup.zones()).entrySet()) {
            int mqttPort = freePort();
            int httpPort = freePort();
            String name = "edge-" + zone.getKey();
            children.add(ChildProcess.startJar(
                    name,
                    edgeJar,
                    List.of(
                            "--dev",
                            "--festival",
                            setup.festivalId(),
                            "--zone",
                            zone.getValue(),
                            "--central-url",
                            baseUrl(),
                            "--data-dir",
                            options.dataDir().resolve(name).toString(),
                            "--mqtt-port",
                            Integer.toString(mqttPort),
                            "--http-port",
                            Integer.toString(httpPort)),
                    Map.of(),
                    logs));
            edges.put(name, "http://127.0.0.1:" + httpPort);
            out.println("Started " + name + " (MQTT 127.0.0.1:" + mqttPort + ", health http://127.0.0.1:" + httpPort
                    + "/health)");
        }
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** "2/2 up, backlog 0" from the edges' own health documents. */
    private String edgeSummary() {
        int up = 0;
        long backlog = 0;
        for (String url : edges.values()) {
            CentralApi.Answer health = new CentralApi(url).get("/health", null);
            if (health.ok() && health.body().contains("\"UP\"")) {
                up++;
                backlog += health.number("backlog");
            }
        }
        return "edges %d/%d up, backlog %d".formatted(up, edges.size(), backlog);
    }

    private String baseUrl() {
        return "http://localhost:" + options.centralPort();
    }

    private boolean awaitHealthy(ChildProcess central) throws InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline) && central.isAlive()) {
            if (get("/actuator/health").contains("\"UP\"")) {
                return true;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        return false;
    }

    private void printWelcome(DemoFestival.Setup setup) {
        out.println();
        out.println(DemoFestival.NAME + " (" + setup.festivalId() + ") running on this machine:");
        out.println("  API docs        " + baseUrl() + "/swagger-ui.html   (OpenAPI: " + baseUrl() + "/v3/api-docs)");
        out.println("  health          " + baseUrl() + "/actuator/health");
        out.println("  metrics         " + baseUrl() + "/actuator/prometheus");
        out.println("  admin           " + options.adminEmail() + " / " + options.adminPassword());
        out.println("  reconciliation  " + baseUrl() + "/finance/festivals/" + setup.festivalId() + "/reconciliation");
        out.println("  logs            " + options.dataDir().resolve("logs"));
        out.println("Attendees register, buy passes, top up and pay online through the API; the line below");
        out.println("shows central's ledger figures as finance sees them.");
        out.println("Ctrl-C stops everything.");
        out.println();
    }

    private String summaryLine(String adminToken, DemoFestival.Setup setup) {
        String time = java.time.LocalTime.now().withNano(0).toString();
        if (!get("/actuator/health").contains("\"UP\"")) {
            return "[%s] central DOWN".formatted(time);
        }
        long accepted = traffic.accepted();
        Instant now = Instant.now();
        double seconds = Math.max(0.001, Duration.between(lastSummaryAt, now).toMillis() / 1000.0);
        double rate = (accepted - lastAccepted) / seconds;
        lastAccepted = accepted;
        lastSummaryAt = now;
        CentralApi.Answer figures = api.get("/finance/festivals/" + setup.festivalId() + "/reconciliation", adminToken);
        if (!figures.ok()) {
            return "[%s] central up | %.1f tx/s | reconciliation unavailable (HTTP %d)"
                    .formatted(time, rate, figures.status());
        }
        return "[%s] central up | %s | %.1f tx/s | top-ups %s | sales %s | wallets %s | conservation %s"
                .formatted(
                        time,
                        edgeSummary(),
                        rate,
                        euros(figures.number("topUpsCents")),
                        euros(figures.number("salesCents")),
                        euros(figures.number("walletBalancesCents")),
                        figures.number("conservationDifferenceCents") == 0
                                ? "holds"
                                : "OFF BY " + euros(figures.number("conservationDifferenceCents")));
    }

    private static String euros(long cents) {
        return "%s%d.%02d EUR".formatted(cents < 0 ? "-" : "", Math.abs(cents) / 100, Math.abs(cents) % 100);
    }

    private String get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                    .timeout(Duration.ofSeconds(3))
                    .GET()
                    .build();
            return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    synchronized void stopAll() {
        if (traffic != null) {
            traffic.stop();
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            ChildProcess child = children.get(i);
            if (child.isAlive()) {
                out.println("Stopping " + child.name() + " …");
                child.stop(Duration.ofSeconds(20));
            }
        }
        children.clear();
    }
}
