package io.fcs.edge.uplink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.protocol.value.EdgeId;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Central's sync API as CONTRACTS.md fixes it ({@code /sync/v1/...}), over the JDK HTTP client.
 * Every request carries {@code Fcs-Edge-Id}. Network errors and 5xx raise {@link Unreachable}
 * (retry later); 4xx raise {@link Refused} (the request itself is wrong).
 */
public final class CentralClient {

    static final String EDGE_HEADER = "Fcs-Edge-Id";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final EdgeId edgeId;
    private final HttpClient http;
    private final Duration timeout;

    public CentralClient(URI base, EdgeId edgeId, Duration timeout) {
        this.base = base;
        this.edgeId = edgeId;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** {@code POST /sync/v1/records}: a RecordBatch in, the WatermarkAck bytes out. */
    public byte[] postRecords(byte[] recordBatch) {
        HttpRequest request = request("/sync/v1/records")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(recordBatch))
                .build();
        return send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    public JsonNode getJson(String path) {
        byte[] body = send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new Refused(200, "central answered " + path + " with malformed JSON: " + e.getMessage());
        }
    }

    public void postJson(String path, Object body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot serialise the body of " + path, e);
        }
        send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(timeout).header(EDGE_HEADER, edgeId.toString());
    }

    private <T> T send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        HttpResponse<T> response;
        try {
            response = http.send(request, handler);
        } catch (IOException e) {
            throw new Unreachable(request.uri() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unreachable(request.uri() + ": interrupted");
        }
        int status = response.statusCode();
        if (status >= 500 || status == 429 || status == 408) {
            throw new Unreachable(request.uri() + " answered " + status);
        }
        if (status >= 400) {
            throw new Refused(status, request.uri() + " answered " + status + ": " + preview(response.body()));
        }
        return response.body();
    }

    private static String preview(Object body) {
        String text = body instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : "";
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    /** Central cannot be reached now (network, 5xx, 429): keep the data and retry with backoff. */
    public static final class Unreachable extends RuntimeException {
        public Unreachable(String message) {
            super(message);
        }
    }

    /** Central refused the request itself (4xx): retrying the same bytes will not help. */
    public static final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
