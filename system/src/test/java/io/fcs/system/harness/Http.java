package io.fcs.system.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client the way a client outside central calls it; answers keep status and body. */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One answer: status (0 when nothing answered), body, and the body as JSON when it is JSON. */
    public record Answer(int status, String body) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (RuntimeException e) {
                throw new IllegalStateException("not JSON (HTTP " + status + "): " + body, e);
            }
        }

        public String text(String field) {
            return json().path(field).asString();
        }

        /** The answer, or an exception naming what failed with the problem detail central gave. */
        public Answer require(String what) {
            if (!ok()) {
                throw new IllegalStateException(what + ": HTTP " + status + " " + body);
            }
            return this;
        }
    }

    private final String baseUrl;
    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    public Http(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public static JsonNode emptyJson() {
        return JSON.createObjectNode();
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    public Answer get(String path, String token) {
        return send(builder(path, token, Map.of()).GET());
    }

    public Answer post(String path, String token, String json) {
        return post(path, token, json, Map.of());
    }

    public Answer post(String path, String token, String json, Map<String, String> headers) {
        return send(builder(path, token, headers)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer put(String path, String token, String json) {
        return send(builder(path, token, Map.of())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any bytes with any content type: what a hostile client sends. */
    public Answer raw(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder builder = builder(path, token, Map.of());
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A binary POST answered with bytes (the sync API's record batches and acks). */
    public byte[] postBytes(String path, byte[] body, Map<String, String> headers, int[] status) {
        HttpRequest.Builder builder = builder(path, null, headers)
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            HttpResponse<byte[]> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            status[0] = response.statusCode();
            return response.body();
        } catch (IOException e) {
            status[0] = 0;
            return new byte[0];
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status[0] = 0;
            return new byte[0];
        }
    }

    private HttpRequest.Builder builder(String path, String token, Map<String, String> headers) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        headers.forEach(builder::header);
        return builder;
    }

    private Answer send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, String.valueOf(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }
}
