package io.fcs.edge.observe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/** {@code GET /metrics} (Prometheus text) and {@code GET /health} (JSON) on a small JDK server. */
public final class StatusServer implements AutoCloseable {

    /** What /health answers: a status word and a JSON body. */
    public record Health(boolean up, String json) {}

    private final HttpServer server;

    private StatusServer(HttpServer server) {
        this.server = server;
    }

    public static StatusServer start(String bind, int port, EdgeMetrics metrics, Supplier<Health> health) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 16);
            server.createContext(
                    "/metrics",
                    exchange -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape()));
            server.createContext("/health", exchange -> {
                Health h = health.get();
                respond(exchange, h.up() ? 200 : 503, "application/json", h.json());
            });
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "status-http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return new StatusServer(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen for /metrics and /health on " + bind + ":" + port, e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
