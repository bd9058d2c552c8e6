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
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final RunOptions options;
    private final PrintStream out;
    private final List<ChildProcess> children = new ArrayList<>();
    private final Map<String, String> edges = new java.util.LinkedHashMap<>();
    private CentralApi api;
    private OnlineTraffic traffic;
    private TerminalFleet fleet;
    private Thread fleetThread;
    private final Map<String, String> brokers = new java.util.LinkedHashMap<>();
    private long lastAccepted;
    private long lastRecords;
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
        Map<String, FestivalTrust.Device> devices;
        try {
            devices = provision(jars, setup, adminToken);
        } catch (IllegalStateException | IOException e) {
            out.println("festival: provisioning failed: " + e.getMessage());
            stopAll();
            return 1;
        }
        setupForSummary = setup;
        adminTokenForSummary = adminToken;
        startEdges(jars, setup, devices, logs);
        traffic = new OnlineTraffic(api, setup);
        Thread.ofPlatform().daemon().name("online-attendees").start(traffic);
        if (!startFleet(setup, devices)) {
            stopAll();
            return 1;
        }
        startScreens(jars, devices, logs);
        printWelcome(setup);
        lastSummaryAt = Instant.now();
        lastAccepted = traffic.accepted();
        lastRecords = fleet == null ? 0 : fleet.records();
        Instant until = options.runFor().isZero() ? Instant.MAX : Instant.now().plus(options.runFor());
        while (Instant.now().isBefore(until)) {
            for (ChildProcess child : children) {
                if (!child.isAlive()) {
                    out.println("festival: " + child.name() + " stopped unexpectedly; see " + child.log());
                    stopAll();
                    return 1;
                }
            }
            out.println(summaryLine(setup));
            TimeUnit.MILLISECONDS.sleep(Math.min(
                    SUMMARY_EVERY.toMillis(),
                    Math.max(1, Duration.between(Instant.now(), until).toMillis())));
        }
        stopAll();
        return 0;
    }

    /**
     * The festival's trust through the provisioning tool, once per data folder: key ceremony,
     * then an edge per zone and the simulated terminals (and the screens' terminals when a
     * display is there) enrolled, registered at central, their enrolments redeemed into bundles
     * and key stores. Empty when provisioning is not built.
     */
    private Map<String, FestivalTrust.Device> provision(BuiltJars jars, DemoFestival.Setup setup, String adminToken)
            throws IOException, InterruptedException {
        Path provisioningJar = jars.of("provisioning").orElse(null);
        if (provisioningJar == null) {
            out.println("(provisioning is not built: running without devices)");
            return Map.of();
        }
        FestivalTrust trust =
                FestivalTrust.open(provisioningJar, options.dataDir().resolve("trust"), baseUrl(), adminToken);
        storePassword = trust.storePassword();
        if (trust.ceremony(setup.festivalId(), DemoFestival.NAME)) {
            out.println("Key ceremony done: festival root CA, ticket key and wristband master key in "
                    + trust.dir().resolve("keys"));
            // central signs the tickets it sells from now on with the ceremony's ticket key, the
            // one every gate's bundle trusts
            ProvisioningTool.Result pushed = trust.tool().run("keys", "push-ticket-keys");
            out.println(
                    pushed.ok()
                            ? "Ticket key installed at central"
                            : "(central did not take the ticket key: "
                                    + pushed.output().strip() + ")");
        }
        for (String zone : new java.util.TreeSet<>(setup.zones().keySet())) {
            brokers.put(zone, "ssl://127.0.0.1:" + freePort());
        }
        Map<String, FestivalTrust.Device> devices =
                new java.util.LinkedHashMap<>(DemoDevices.ensure(trust, setup, DemoDevices.edges(setup), brokers));
        java.util.List<DemoDevices.Role> terminals = new ArrayList<>(DemoDevices.FLEET);
        if (displayAvailable()) {
            terminals.addAll(DemoDevices.SCREENS);
        }
        devices.putAll(DemoDevices.ensure(trust, setup, terminals, brokers));
        out.println("Enrolled through provisioning: " + devices.size() + " devices ("
                + String.join(", ", devices.keySet()) + "), certificates from the festival CA, registered at central");
        return devices;
    }

    private String storePassword = "";

    private static boolean displayAvailable() {
        String display = System.getenv("DISPLAY");
        return display != null && !display.isBlank();
    }

    /** The simulated terminals on their zones' edges; false when they cannot connect. */
    private boolean startFleet(DemoFestival.Setup setup, Map<String, FestivalTrust.Device> devices)
            throws InterruptedException {
        if (devices.isEmpty() || edges.isEmpty()) {
            out.println("(no enrolled devices or no edges: running without simulated terminals)");
            return true;
        }
        try {
            fleet = TerminalFleet.connect(
                    devices, brokers, edges, storePassword, api, () -> adminTokenForSummary, setup);
        } catch (IOException e) {
            out.println("festival: the simulated terminals cannot reach their edges: " + e.getMessage());
            return false;
        }
        fleetThread = Thread.ofPlatform().daemon().name("terminal-fleet").start(fleet);
        out.println("Started " + fleet.size() + " simulated terminals over MQTT/TLS ("
                + String.join(", ", fleet.names()) + ")");
        return true;
    }

    /**
     * With a display: the JavaFX terminal application once per mode, each enrolled from its bundle
     * on first start, on its zone's edge over TLS, with a simulated reader and a demo staff login.
     */
    private void startScreens(BuiltJars jars, Map<String, FestivalTrust.Device> devices, Path logs) throws IOException {
        if (!displayAvailable()) {
            out.println("(no display: the JavaFX terminals do not start; the simulated ones run headless)");
            return;
        }
        Path terminalJar = jars.of("terminal-app").orElse(null);
        if (terminalJar == null) {
            out.println("(terminal-app is not built: no JavaFX terminals)");
            return;
        }
        for (DemoDevices.Role role : DemoDevices.SCREENS) {
            FestivalTrust.Device device = devices.get(role.name());
            if (device == null) {
                continue;
            }
            Path data = options.dataDir().resolve(role.name());
            java.util.List<String> args = new ArrayList<>();
            if (!java.nio.file.Files.exists(data.resolve("terminal.db"))) {
                args.addAll(java.util.List.of("--enrol", device.bundle().toString()));
            }
            args.addAll(java.util.List.of(
                    "--data-dir",
                    data.toString(),
                    "--edge",
                    brokers.get(role.zone()).replace("ssl://", "mqtts://"),
                    "--tls-keystore",
                    device.keyStore().toString(),
                    "--tls-truststore",
                    device.trustStore().toString(),
                    "--reader",
                    "simulated",
                    "--staff",
                    "Demo:1234",
                    "--supervisor-pin",
                    "9999",
                    "--lang",
                    "en"));
            children.add(ChildProcess.startJar(
                    role.name(), terminalJar, args, Map.of("FCS_TLS_KEYSTORE_PASSWORD", storePassword), logs));
            out.println("Started " + role.name() + " (JavaFX " + role.mode() + " terminal, staff Demo / PIN 1234)");
        }
    }

    /**
     * One edge node per zone on the TLS identity provisioning gave it (its {@code edge.properties}):
     * MQTT over TLS 1.3 on loopback with client certificates from the festival CA and the topic
     * ACL; it keeps its zone's replica of the wallets and deny list from central. Without
     * enrolled devices (provisioning not built) the edges run in development mode, plain TCP.
     * Skipped, with a note, when edge-node is not built.
     */
    private void startEdges(
            BuiltJars jars, DemoFestival.Setup setup, Map<String, FestivalTrust.Device> devices, Path logs)
            throws IOException {
        Path edgeJar = jars.of("edge-node").orElse(null);
        if (edgeJar == null) {
            out.println("(edge-node is not built: running without edge nodes)");
            return;
        }
        for (var zone : new java.util.TreeMap<>(setup.zones()).entrySet()) {
            String name = "edge-" + zone.getKey();
            FestivalTrust.Device device = devices.get(name);
            int mqttPort = device == null
                    ? freePort()
                    : java.net.URI.create(brokers.get(zone.getKey())).getPort();
            int httpPort = freePort();
            java.util.List<String> args = new ArrayList<>();
            if (device == null) {
                args.addAll(java.util.List.of("--dev", "--festival", setup.festivalId(), "--zone", zone.getValue()));
            } else {
                args.addAll(java.util.List.of("--config", device.edgeConfig().toString()));
            }
            args.addAll(java.util.List.of(
                    "--central-url",
                    baseUrl(),
                    "--data-dir",
                    options.dataDir().resolve(name).toString(),
                    "--mqtt-bind",
                    "127.0.0.1",
                    "--mqtt-port",
                    Integer.toString(mqttPort),
                    "--http-bind",
                    "127.0.0.1",
                    "--http-port",
                    Integer.toString(httpPort)));
            ChildProcess edge = ChildProcess.startJar(name, edgeJar, args, Map.of(), logs);
            children.add(edge);
            edges.put(name, "http://127.0.0.1:" + httpPort);
            out.println("Started " + name + " (MQTT " + (device == null ? "plain TCP, development mode" : "over TLS")
                    + " 127.0.0.1:" + mqttPort + ", health http://127.0.0.1:" + httpPort + "/health)");
            // one after the other: two brokers starting at once on a small machine may miss their start time
            awaitEdge(name, "http://127.0.0.1:" + httpPort, edge);
        }
    }

    /** Waits (bounded) until the edge answers its health with its broker up; says so when it does not. */
    private void awaitEdge(String name, String url, ChildProcess edge) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        try {
            while (Instant.now().isBefore(deadline) && edge.isAlive()) {
                CentralApi.Answer health = new CentralApi(url).get("/health", null);
                if (health.ok() && health.body().contains("\"UP\"")) {
                    return;
                }
                TimeUnit.MILLISECONDS.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        out.println("festival: " + name + " is not up (its broker or its session to it); see " + edge.log());
    }

    private static int freePort() throws IOException {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What the edges say of themselves: how many are up, their backlog and their oldest unsent record. */
    private record EdgeFigures(int up, int total, long backlog, double lagSeconds) {}

    private EdgeFigures edgeFigures() {
        int up = 0;
        long backlog = 0;
        double lag = 0;
        for (String url : edges.values()) {
            CentralApi edge = new CentralApi(url);
            CentralApi.Answer health = edge.get("/health", null);
            if (health.ok() && health.body().contains("\"UP\"")) {
                up++;
                backlog += health.number("backlog");
                lag = Math.max(lag, metric(edge.get("/metrics", null).body(), "edge_uplink_lag_seconds"));
            }
        }
        return new EdgeFigures(up, edges.size(), backlog, lag);
    }

    /** The value of an unlabelled Prometheus sample, 0 when absent. */
    static double metric(String text, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "(?m)^" + java.util.regex.Pattern.quote(name) + "(?:\\{[^}]*\\})?\\s+([-+0-9.eE]+|NaN)$")
                .matcher(text);
        if (!m.find()) {
            return 0;
        }
        try {
            double value = Double.parseDouble(m.group(1));
            return Double.isNaN(value) ? 0 : value;
        } catch (NumberFormatException e) {
            return 0;
        }
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
        out.println("  admin           " + baseUrl() + "/admin   as " + options.adminEmail() + " / "
                + options.adminPassword());
        out.println("  portal          " + baseUrl() + "/");
        out.println("  API docs        " + baseUrl() + "/swagger-ui.html   (OpenAPI: " + baseUrl() + "/v3/api-docs)");
        out.println("  metrics         " + baseUrl() + "/actuator/prometheus   (health: " + baseUrl()
                + "/actuator/health)");
        out.println("  reconciliation  " + baseUrl() + "/finance/festivals/" + setup.festivalId() + "/reconciliation");
        out.println("  logs            " + options.dataDir().resolve("logs"));
        if (fleet != null) {
            out.println("  keys, devices   " + options.dataDir().resolve("trust") + "   (provisioning key directory,"
                    + " enrolments, device key stores)");
        }
        out.println("Simulated terminals sell, top up, admit and bind wristbands through their zone's edge; attendees");
        out.println("buy passes, top up and pay online. The line below: transactions per second (terminal records and");
        out.println("online operations), records waiting at terminals and edges, the edges' upload lag, and central's");
        out.println("ledger as finance sees it.");
        out.println("Ctrl-C stops everything.");
        out.println();
    }

    private String summaryLine(DemoFestival.Setup setup) {
        String time = java.time.LocalTime.now().withNano(0).toString();
        if (!get("/actuator/health").contains("\"UP\"")) {
            return "[%s] central DOWN".formatted(time);
        }
        long accepted = traffic.accepted();
        long records = fleet == null ? 0 : fleet.records();
        Instant now = Instant.now();
        double seconds = Math.max(0.001, Duration.between(lastSummaryAt, now).toMillis() / 1000.0);
        double rate = (accepted - lastAccepted + records - lastRecords) / seconds;
        lastAccepted = accepted;
        lastRecords = records;
        lastSummaryAt = now;
        EdgeFigures edgeFigures = edgeFigures();
        long backlog = edgeFigures.backlog() + (fleet == null ? 0 : fleet.unacknowledged());
        String flow = String.format(
                java.util.Locale.ROOT,
                "%.1f tx/s | backlog %d | lag %.1f s | edges %d/%d up",
                rate,
                backlog,
                edgeFigures.lagSeconds(),
                edgeFigures.up(),
                edgeFigures.total());
        CentralApi.Answer figures = reconciliation(setup);
        if (!figures.ok()) {
            return "[%s] central up | %s | reconciliation unavailable (HTTP %d)"
                    .formatted(time, flow, figures.status());
        }
        return "[%s] central up | %s | records applied %d | top-ups %s | sales %s | wallets %s | conservation %s"
                .formatted(
                        time,
                        flow,
                        figures.number("applied"),
                        euros(figures.number("topUpsCents")),
                        euros(figures.number("salesCents")),
                        euros(figures.number("walletBalancesCents")),
                        figures.number("conservationDifferenceCents") == 0
                                ? "holds"
                                : "OFF BY " + euros(figures.number("conservationDifferenceCents")));
    }

    /** After a stop: what the terminals did and what central's ledger took from them. */
    private String finalLine() {
        if (fleet == null) {
            return "Stopped.";
        }
        return "Stopped. Terminals: " + fleet.counts() + "; " + fleet.records() + " records signed, "
                + fleet.unacknowledged() + " not acknowledged by their edge, " + fleet.refusedByEdges()
                + " refused by it; central applied " + appliedRecords + " records.";
    }

    private long appliedRecords;

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

    /** Waits (bounded) until the edges sent central everything they hold; keeps central's count. */
    private void awaitCentralCaughtUp() throws InterruptedException {
        Instant deadline = Instant.now().plus(DRAIN_TIMEOUT);
        while (Instant.now().isBefore(deadline) && edgeFigures().backlog() > 0) {
            TimeUnit.MILLISECONDS.sleep(250);
        }
        if (setupForSummary != null && adminTokenForSummary != null) {
            appliedRecords = reconciliation(setupForSummary).number("applied");
        }
    }

    private DemoFestival.Setup setupForSummary;
    private volatile String adminTokenForSummary;

    /** Central's reconciliation of the festival, logging the admin in again once its token expired. */
    private CentralApi.Answer reconciliation(DemoFestival.Setup setup) {
        String path = "/finance/festivals/" + setup.festivalId() + "/reconciliation";
        CentralApi.Answer answer = api.get(path, adminTokenForSummary);
        if (answer.status() == 401) {
            api.login(options.adminEmail(), options.adminPassword()).ifPresent(token -> adminTokenForSummary = token);
            answer = api.get(path, adminTokenForSummary);
        }
        return answer;
    }

    synchronized void stopAll() {
        if (traffic != null) {
            traffic.stop();
        }
        if (fleet != null && fleetThread != null) {
            fleet.stop();
            try {
                fleetThread.join(10_000);
                out.println("Simulated terminals deliver what they signed …");
                fleet.drain(DRAIN_TIMEOUT);
                awaitCentralCaughtUp();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            fleet.close();
            fleetThread = null;
            out.println(finalLine());
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
