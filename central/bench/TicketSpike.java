// Ticket purchase spike against a running central: many buyers at once on one ticket type,
// more demand than quota. Prints purchases/s, p50/p99 latency and checks that nothing was
// oversold. JDK only, run as a single-file program (JDK 21+):
//
//   java central/bench/TicketSpike.java [baseUrl] [buyers] [requests] [concurrency] [quota]
//
// Admin credentials: env CENTRAL_ADMIN_EMAIL / CENTRAL_ADMIN_PASSWORD (the ones central was
// started with). Optional env SPIKE_CPU_PIDS (comma-separated process ids, e.g. central's and the
// PostgreSQL postmaster's; their child processes count too): prints the CPU time they used during
// the measured phase, per purchase (Linux /proc). The tool's own CPU time in that phase is printed
// too. Optional env SPIKE_WARMUP: purchases made before the measurement (default 200).
// Optional env SPIKE_FLOOR_PATH (e.g. /auth/me): before the spike, the same number of GETs of that
// path by the same clients, twice, the second measured: the service's floor per request.
// The measured requests go over kept-alive plain-socket HTTP/1.1 connections (one per client
// thread, requests prepared once), so the generator's own CPU stays well below the service's.
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class TicketSpike {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String base = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        int buyers = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int requests = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        int concurrency = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int quota = args.length > 4 ? Integer.parseInt(args[4]) : 2000;
        String adminEmail = System.getenv().getOrDefault("CENTRAL_ADMIN_EMAIL", "admin@example.org");
        String adminPassword = System.getenv().getOrDefault("CENTRAL_ADMIN_PASSWORD", "admin-password-123");

        String admin = "Bearer " + field(call(base, "POST", "/auth/login", null,
                "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(adminEmail, adminPassword)), "accessToken");
        String festival = field(call(base, "POST", "/festivals", admin,
                "{\"name\":\"Spike %s\",\"startDate\":\"2027-07-01\",\"endDate\":\"2027-07-03\",\"venue\":\"Bench\"}"
                        .formatted(UUID.randomUUID())), "id");
        String type = field(call(base, "POST", "/festivals/" + festival + "/ticket-types", admin,
                "{\"name\":\"Pass\",\"priceCents\":9900,\"currency\":\"EUR\",\"quota\":%d,\"validDays\":3}"
                        .formatted(quota)), "id");
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < buyers; i++) {
            String email = "spike-" + UUID.randomUUID() + "@bench.test";
            call(base, "POST", "/auth/register", null,
                    "{\"email\":\"%s\",\"password\":\"bench-password-1\",\"name\":\"Bench Buyer\"}".formatted(email));
            tokens.add("Bearer " + field(call(base, "POST", "/auth/login", null,
                    "{\"email\":\"%s\",\"password\":\"bench-password-1\"}".formatted(email)), "accessToken"));
        }
        // Warm-up outside the measurement, on another type with the same demand over quota, so the
        // JIT has compiled the sold-out answers as well as the sales before the measured spike.
        int warmUp = Integer.parseInt(System.getenv().getOrDefault("SPIKE_WARMUP", "200"));
        String warm = field(call(base, "POST", "/festivals/" + festival + "/ticket-types", admin,
                "{\"name\":\"Warm\",\"priceCents\":100,\"currency\":\"EUR\",\"quota\":%d}"
                        .formatted(Math.max(1, (long) warmUp * quota / requests))), "id");
        URI target = URI.create(base);
        if (warmUp > 0) {
            Phase warming = Phase.run(target, buyRequests(target, tokens, warm), warmUp, concurrency);
            System.out.printf("warm-up: %d purchases, statuses %s%n", warmUp, warming.statuses);
        }

        String floorPath = System.getenv("SPIKE_FLOOR_PATH");
        if (floorPath != null && !floorPath.isBlank()) {
            // The service's floor per authenticated request: the same clients, a read of floorPath.
            byte[][] reads = tokens.stream().map(t -> request(target, "GET", floorPath, t, null)).toArray(byte[][]::new);
            Phase.run(target, reads, requests, concurrency);
            long floorStart = System.nanoTime();
            Phase floor = Phase.run(target, reads, requests, concurrency);
            double floorSeconds = (System.nanoTime() - floorStart) / 1e9;
            Arrays.sort(floor.latencies);
            System.out.printf("floor GET %s: statuses %s, %.0f requests/s, p50 %.1f ms, p99 %.1f ms%n", floorPath,
                    floor.statuses, requests / floorSeconds, floor.latencies[requests / 2] / 1e6,
                    floor.latencies[(int) (requests * 0.99)] / 1e6);
        }

        List<Long> cpuPids = new ArrayList<>();
        for (String pid : System.getenv().getOrDefault("SPIKE_CPU_PIDS", "").split(",")) {
            if (!pid.isBlank()) {
                cpuPids.add(Long.parseLong(pid.strip()));
            }
        }
        byte[][] buyRequests = buyRequests(target, tokens, type);
        Map<String, Double> commitsBefore = groupCommits(base, admin);
        long[] cpuBefore = cpuTicks(cpuPids);
        long selfCpuBefore = selfCpuNanos();
        long start = System.nanoTime();
        Phase spike = Phase.run(target, buyRequests, requests, concurrency);
        long[] latencies = spike.latencies;
        Map<Integer, AtomicInteger> statuses = spike.statuses;
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] cpuAfter = cpuTicks(cpuPids);
        long selfCpu = selfCpuNanos() - selfCpuBefore;
        int created = statuses.getOrDefault(201, new AtomicInteger()).get();
        Map<String, Double> commitsAfter = groupCommits(base, admin);
        String types = call(base, "GET", "/festivals/" + festival + "/ticket-types", admin, null);
        Matcher m = Pattern.compile("\"id\":\"" + type + "\".*?\"sold\":(\\d+)").matcher(types);
        int sold = m.find() ? Integer.parseInt(m.group(1)) : -1;
        int valid = count(call(base, "GET", "/admin/festivals/" + festival + "/tickets?status=VALID", admin, null),
                "\"ticketTypeId\":\"" + type + "\"");
        Arrays.sort(latencies);
        System.out.printf("requests %d, concurrency %d, buyers %d, quota %d%n", requests, concurrency, buyers, quota);
        System.out.printf("statuses %s%n", statuses);
        System.out.printf("wall %.2f s, requests/s %.0f, purchases/s %.0f%n", seconds, requests / seconds,
                created / seconds);
        System.out.printf("latency p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", latencies[requests / 2] / 1e6,
                latencies[(int) (requests * 0.99)] / 1e6, latencies[requests - 1] / 1e6);
        for (int i = 0; i < cpuPids.size(); i++) {
            double cpuSeconds = (cpuAfter[i] - cpuBefore[i]) / 100.0;
            System.out.printf("cpu of process %d and its children: %.1f s, %.2f ms per purchase%n", cpuPids.get(i),
                    cpuSeconds, created == 0 ? 0 : cpuSeconds * 1000 / created);
        }
        for (String name : new java.util.TreeSet<>(commitsAfter.keySet())) {
            if (name.startsWith("units ")) {
                String group = name.substring(6);
                double units = commitsAfter.get(name) - commitsBefore.getOrDefault(name, 0.0);
                double batches = commitsAfter.getOrDefault("batches " + group, 0.0)
                        - commitsBefore.getOrDefault("batches " + group, 0.0);
                System.out.printf("group commit %s: %.0f units in %.0f commits (%.1f per commit)%n", group, units,
                        batches, batches == 0 ? 0 : units / batches);
            }
        }
        System.out.printf("cpu of this load generator: %.1f s, %.2f ms per request%n", selfCpu / 1e9,
                selfCpu / 1e6 / requests);
        System.out.printf("sold %d, VALID tickets %d, 201 answers %d, quota %d -> %s%n", sold, valid, created, quota,
                sold <= quota && sold == valid && valid == created ? "no oversell" : "OVERSOLD OR INCONSISTENT");
        if (!(sold <= quota && sold == valid && valid == created)) {
            System.exit(1);
        }
    }

    static byte[][] buyRequests(URI target, List<String> tokens, String ticketType) {
        byte[][] requests = new byte[tokens.size()][];
        for (int b = 0; b < tokens.size(); b++) {
            requests[b] = request(target, "POST", "/tickets/buy", tokens.get(b),
                    "{\"ticketTypeId\":\"%s\",\"quantity\":1}".formatted(ticketType));
        }
        return requests;
    }

    /** {@code count} requests (taken round-robin from {@code prepared}) from {@code concurrency} clients. */
    record Phase(long[] latencies, Map<Integer, AtomicInteger> statuses) {

        static Phase run(URI target, byte[][] prepared, int count, int concurrency) throws InterruptedException {
            long[] latencies = new long[count];
            Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            for (int t = 0; t < concurrency; t++) {
                pool.submit(() -> {
                    Connection connection = null;
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        long s = System.nanoTime();
                        int status;
                        try {
                            if (connection == null) {
                                connection = new Connection(target);
                            }
                            status = connection.exchange(prepared[i % prepared.length]);
                            if (!connection.reusable) {
                                connection.close();
                                connection = null;
                            }
                        } catch (Exception e) {
                            status = -1;
                            if (connection != null) {
                                connection.close();
                                connection = null;
                            }
                        }
                        latencies[i] = System.nanoTime() - s;
                        statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                    }
                    if (connection != null) {
                        connection.close();
                    }
                    return null;
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.MINUTES)) {
                throw new IllegalStateException("requests did not finish");
            }
            return new Phase(latencies, statuses);
        }
    }

    /** The bytes of one HTTP/1.1 request, built once and sent many times. */
    static byte[] request(URI base, String method, String path, String bearer, String body) {
        byte[] payload = body == null ? new byte[0] : body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort()
                + "\r\nAuthorization: " + bearer + "\r\nAccept: application/json"
                + (body == null ? "" : "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length)
                + "\r\n\r\n";
        byte[] headBytes = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + payload.length);
        System.arraycopy(payload, 0, all, headBytes.length, payload.length);
        return all;
    }

    /**
     * One kept-alive HTTP/1.1 connection on a plain socket: writes a prepared request and reads the
     * answer's status, headers and body (Content-Length or chunked), so that the generator's own
     * CPU per request stays a small part of what it measures.
     */
    static final class Connection {
        private final java.net.Socket socket;
        private final java.io.InputStream in;
        private final java.io.OutputStream out;
        private boolean reusable = true;

        Connection(URI base) throws java.io.IOException {
            socket = new java.net.Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(60_000);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
            out = socket.getOutputStream();
        }

        int exchange(byte[] request) throws java.io.IOException {
            out.write(request);
            out.flush();
            String statusLine = line();
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (chunked) {
                for (long chunk = Long.parseLong(line().split(";")[0].strip(), 16); chunk > 0;
                        chunk = Long.parseLong(line().split(";")[0].strip(), 16)) {
                    skip(chunk);
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (length > 0) {
                skip(length);
            }
            reusable = !close;
            return status;
        }

        private void skip(long n) throws java.io.IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new java.io.EOFException();
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private String line() throws java.io.IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (java.io.IOException ignored) {
                // closing
            }
        }
    }

    /** central's group-commit counters ("units <name>", "batches <name>") from its Prometheus page. */
    static Map<String, Double> groupCommits(String base, String admin) {
        Map<String, Double> counters = new java.util.HashMap<>();
        try {
            Matcher m = Pattern.compile("central_group_commit_(units|batches)_total\\{[^}]*name=\"([^\"]+)\"[^}]*\\} (\\S+)")
                    .matcher(call(base, "GET", "/actuator/prometheus", admin, null));
            while (m.find()) {
                counters.put(m.group(1) + " " + m.group(2), Double.parseDouble(m.group(3)));
            }
        } catch (Exception notExposed) {
            // an older central: no figures
        }
        return counters;
    }

    static HttpResponse<String> send(String base, String method, String path, String bearer, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (bearer != null) {
            b.header("Authorization", bearer);
        }
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String call(String base, String method, String path, String bearer, String body) throws Exception {
        HttpResponse<String> r = send(base, method, path, bearer, body);
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    /** utime + stime (clock ticks, 100/s) of each process plus its direct children, from /proc. */
    static long[] cpuTicks(List<Long> pids) throws Exception {
        long[] ticks = new long[pids.size()];
        for (int i = 0; i < pids.size(); i++) {
            long pid = pids.get(i);
            ticks[i] = ticksOf(pid);
            for (ProcessHandle child : ProcessHandle.of(pid).map(h -> h.children().toList()).orElse(List.of())) {
                ticks[i] += ticksOf(child.pid());
            }
        }
        return ticks;
    }

    static long ticksOf(long pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (Exception gone) {
            return 0;
        }
    }

    /** CPU time of this load generator's own process (all its threads), nanoseconds. */
    static long selfCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
