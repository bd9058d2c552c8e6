package io.fcs.provisioning;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for central's device-registry endpoints of CONTRACTS.md on 127.0.0.1: records
 * every request, answers like central would (idempotent devices and wristbands, 409 on other
 * data), and can be told to refuse.
 */
public final class FakeCentral implements AutoCloseable {

    public static final String TOKEN = "admin-token-1";
    static final JsonMapper JSON = JsonMapper.builder().build();

    public record Call(String method, String path, String authorization, JsonNode body) {}

    private final HttpServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, String> devices = new ConcurrentHashMap<>();
    private final Map<String, String> wristbands = new ConcurrentHashMap<>();
    private volatile int refuseWith;
    private volatile String ticketsJson = "[]";

    public FakeCentral() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public List<Call> calls() {
        return new ArrayList<>(calls);
    }

    public List<Call> calls(String method, String pathPrefix) {
        return calls.stream()
                .filter(c -> c.method().equals(method) && c.path().startsWith(pathPrefix))
                .toList();
    }

    /** Every following request gets this status with a problem body (0 = answer normally). */
    public void refuseWith(int status) {
        refuseWith = status;
    }

    public void tickets(String json) {
        ticketsJson = json;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonNode json = body.isBlank() ? null : JSON.readTree(body);
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            calls.add(new Call(
                    exchange.getRequestMethod(),
                    path + (query == null ? "" : "?" + query),
                    exchange.getRequestHeaders().getFirst("Authorization"),
                    json));
            if (refuseWith != 0) {
                problem(exchange, refuseWith, "refused_for_test", "central refuses in this test");
                return;
            }
            if (path.equals("/auth/login")) {
                boolean ok = "admin@fest.example".equals(json.path("email").asString(""))
                        && "admin-password".equals(json.path("password").asString(""));
                if (!ok) {
                    problem(exchange, 401, "invalid_credentials", "bad e-mail or password");
                    return;
                }
                respond(exchange, 200, "{\"accessToken\":\"" + TOKEN + "\",\"tokenType\":\"Bearer\"}");
                return;
            }
            if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                problem(exchange, 401, "unauthorized", "no or bad token");
                return;
            }
            if (exchange.getRequestMethod().equals("POST") && path.matches("/admin/festivals/[^/]+/devices")) {
                String id = json.path("deviceId").asString();
                String key = json.path("publicKey").asString();
                String previous = devices.putIfAbsent(id, key);
                if (previous != null && !previous.equals(key)) {
                    problem(exchange, 409, "device_exists", "device exists with another key");
                    return;
                }
                respond(exchange, previous == null ? 201 : 200, body);
            } else if (exchange.getRequestMethod().equals("POST") && path.matches("/admin/devices/[^/]+/revocation")) {
                respond(exchange, 200, "{\"status\":\"REVOKED\"}");
            } else if (exchange.getRequestMethod().equals("POST")
                    && path.matches("/admin/festivals/[^/]+/wristbands")) {
                String uid = json.path("uid").asString();
                String previous = wristbands.putIfAbsent(uid, body);
                if (previous != null && !JSON.readTree(previous).equals(json)) {
                    problem(exchange, 409, "wristband_exists", "wristband exists with other data");
                    return;
                }
                respond(exchange, previous == null ? 201 : 200, body);
            } else if (exchange.getRequestMethod().equals("PUT")
                    && path.matches("/admin/festivals/[^/]+/ticket-keys/[^/]+")) {
                respond(exchange, 200, "{\"keyId\":\"" + path.substring(path.lastIndexOf('/') + 1) + "\"}");
            } else if (exchange.getRequestMethod().equals("GET") && path.matches("/admin/festivals/[^/]+/tickets")) {
                respond(exchange, 200, ticketsJson);
            } else {
                problem(exchange, 404, "not_found", "no such endpoint in the fake");
            }
        }
    }

    private static void problem(HttpExchange exchange, int status, String code, String detail) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
        byte[] bytes = ("{\"status\":" + status + ",\"code\":\"" + code + "\",\"detail\":\"" + detail + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
