package io.fcs.edge.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.SequenceRange;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.ChainStep;
import io.fcs.protocol.record.RecordVerification;
import io.fcs.protocol.record.RecordVerifier;
import io.fcs.protocol.record.TerminalChain;
import io.fcs.protocol.value.TerminalId;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small stand-in for central's sync API (CONTRACTS.md "Edge ↔ central sync HTTP") on
 * 127.0.0.1: idempotent record ingestion with the protocol's chain checker, the wallet, deny list
 * and config feeds from a {@link TestFestival}, presence capture, and a switch that makes it
 * answer 503 as if it were down.
 */
public final class FakeCentral implements AutoCloseable {

    private final HttpServer server;
    private final TestFestival festival;
    private final RecordVerifier verifier;
    private final Map<TerminalId, TerminalChain> chains = new ConcurrentHashMap<>();
    public final AtomicLong applied = new AtomicLong();
    public final AtomicLong duplicates = new AtomicLong();
    public final AtomicInteger batches = new AtomicInteger();
    public final List<String> presence = new CopyOnWriteArrayList<>();
    /** Bodies of {@code POST /sync/v1/checkins} that were answered 204. */
    public final List<String> checkins = new CopyOnWriteArrayList<>();

    public final List<String> edgeHeaders = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile String denyJson = "{\"version\": 0, \"wristbands\": [], \"tickets\": [], \"terminals\": []}";
    private volatile long walletVersion = 1;

    /**
     * Per terminal, the highest sequence the balances include: sent as the wallet answer's
     * {@code watermarks} (decision 0231). Empty: a central that sends none.
     */
    public final Map<TerminalId, Long> included = new ConcurrentHashMap<>();

    public FakeCentral(TestFestival festival) throws IOException {
        this.festival = festival;
        this.verifier = new RecordVerifier(
                id -> Optional.ofNullable(festival.terminals.get(id)).map(k -> k.verificationKey()));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/sync/v1/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void down(boolean down) {
        this.down = down;
    }

    public void deny(String json) {
        this.denyJson = json;
    }

    /** The festival's balances changed: the next wallet poll answers them with a new version. */
    public void walletsChanged() {
        walletVersion++;
    }

    public long walletVersion() {
        return walletVersion;
    }

    public long watermark(TerminalId terminal) {
        TerminalChain chain = chains.get(terminal);
        return chain == null ? 0 : chain.watermark();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            edgeHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Fcs-Edge-Id")));
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (down) {
                respond(exchange, 503, "text/plain", "down".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String base = "/sync/v1/festivals/" + festival.festival;
            if (path.equals("/sync/v1/records")) {
                respond(exchange, 200, "application/octet-stream", records(body));
            } else if (path.equals(base + "/config")) {
                json(exchange, festival.configJson());
            } else if (path.equals(base + "/wallets")) {
                String query = String.valueOf(exchange.getRequestURI().getQuery());
                long since = Long.parseLong(query.replace("since=", ""));
                String answer = since >= walletVersion
                        ? "{\"version\": %d, \"complete\": true, \"wallets\": []}".formatted(walletVersion)
                        : festival.walletsJson(walletVersion);
                json(exchange, included.isEmpty() ? answer : withWatermarks(answer));
            } else if (path.equals(base + "/deny-list")) {
                json(exchange, denyJson);
            } else if (path.equals("/sync/v1/presence")) {
                presence.add(new String(body, StandardCharsets.UTF_8));
                respond(exchange, 204, "text/plain", new byte[0]);
            } else if (path.equals("/sync/v1/checkins")) {
                checkins.add(new String(body, StandardCharsets.UTF_8));
                respond(exchange, 204, "text/plain", new byte[0]);
            } else {
                respond(exchange, 404, "text/plain", new byte[0]);
            }
        }
    }

    private String withWatermarks(String answer) {
        StringBuilder list = new StringBuilder();
        included.forEach((terminal, watermark) -> list.append(list.isEmpty() ? "" : ",")
                .append("{\"terminalId\":\"%s\",\"watermark\":%d}".formatted(terminal, watermark)));
        return answer.substring(0, answer.lastIndexOf('}')) + ", \"watermarks\": [" + list + "]}";
    }

    private synchronized byte[] records(byte[] body) {
        MessageCodec codec = MessageCodec.standard();
        RecordBatch batch = codec.decode(body, RecordBatch.class).orElseThrow();
        batches.incrementAndGet();
        TerminalChain chain = chains.computeIfAbsent(batch.terminalId(), TerminalChain::start);
        for (var record : batch.records()) {
            if (verifier.verify(record.toByteArray()) instanceof RecordVerification.Valid valid) {
                ChainStep step = chain.accept(valid.record());
                switch (step.status()) {
                    case CONTINUES, GAP -> applied.incrementAndGet();
                    case DUPLICATE -> duplicates.incrementAndGet();
                    default -> throw new IllegalStateException("central refused " + step);
                }
            }
        }
        List<SequenceRange> missing = chain.gaps().stream()
                .map(g -> SequenceRange.of(g.first(), g.last()))
                .toList();
        return codec.encode(new WatermarkAck(batch.terminalId(), chain.watermark(), missing, List.of()));
    }

    private static void json(HttpExchange exchange, String json) throws IOException {
        respond(exchange, 200, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    private static void respond(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : body.length);
        if (status != 204) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    public static <M> M decoded(DecodeResult<M> result) {
        return result.orElseThrow();
    }
}
