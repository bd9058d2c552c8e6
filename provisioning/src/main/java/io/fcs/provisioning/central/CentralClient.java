package io.fcs.provisioning.central;

import io.fcs.protocol.value.FestivalId;
import io.fcs.provisioning.ProvisioningException;
import io.fcs.provisioning.keys.TicketKey;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Central's device-registry admin API (CONTRACTS.md, "Device registry HTTP"). A refusal (4xx,
 * 5xx) becomes exit code 4 with central's problem {@code code} and detail; an unreachable
 * central becomes exit code 3.
 */
public final class CentralClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final String token;
    private final HttpClient http;

    public CentralClient(URI base, String token) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.token = token;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /** Logs in as an admin and answers a client holding the access token. */
    CentralClient login(String email, String password) {
        ObjectNode body = JSON.createObjectNode().put("email", email).put("password", password);
        JsonNode answer = send("POST", "auth/login", body, false);
        String accessToken = answer.path("accessToken").asString("");
        if (accessToken.isEmpty()) {
            throw ProvisioningException.centralRefused("central's login answer holds no access token");
        }
        return new CentralClient(base, accessToken);
    }

    /** What central learns about an enrolled device. */
    public record Device(
            UUID deviceId,
            String kind,
            String mode,
            UUID zoneId,
            String name,
            byte[] publicKey,
            String certificatePem) {}

    /** {@code POST /admin/festivals/{f}/devices}: 201 new, 200 same again, 409 another key. */
    public void registerDevice(FestivalId festival, Device device) {
        ObjectNode body = JSON.createObjectNode()
                .put("deviceId", device.deviceId().toString())
                .put("kind", device.kind())
                .put("zoneId", device.zoneId().toString())
                .put("name", device.name())
                .put("publicKey", Base64.getEncoder().encodeToString(device.publicKey()))
                .put("certificatePem", device.certificatePem());
        if (device.mode() == null) {
            body.putNull("mode");
        } else {
            body.put("mode", device.mode());
        }
        send("POST", "admin/festivals/" + festival + "/devices", body, true);
    }

    /** {@code POST /admin/devices/{id}/revocation}. */
    public void revokeDevice(UUID deviceId, String reason, java.time.Instant revokedAt) {
        ObjectNode body = JSON.createObjectNode().put("reason", reason).put("revokedAt", revokedAt.toString());
        send("POST", "admin/devices/" + deviceId + "/revocation", body, true);
    }

    /** {@code POST /admin/festivals/{f}/wristbands}: 201 new, 200 same again, 409 other data. */
    public void registerWristband(FestivalId festival, String uidHex, String profile, UUID ticketId, UUID staffUserId) {
        ObjectNode body = JSON.createObjectNode().put("uid", uidHex).put("profile", profile);
        if (ticketId != null) {
            body.put("ticketId", ticketId.toString());
        }
        if (staffUserId != null) {
            body.put("staffUserId", staffUserId.toString());
        }
        send("POST", "admin/festivals/" + festival + "/wristbands", body, true);
    }

    /** {@code PUT /admin/festivals/{f}/ticket-keys/{keyId}}: installs a ticket-signing key. */
    public void putTicketKey(FestivalId festival, TicketKey key) {
        ObjectNode body = JSON.createObjectNode()
                .put(
                        "privateKey",
                        Base64.getEncoder().encodeToString(key.signingKey().seed()))
                .put("validFrom", key.validFrom().toString());
        if (key.validUntil() != null) {
            body.put("validUntil", key.validUntil().toString());
        }
        send("PUT", "admin/festivals/" + festival + "/ticket-keys/" + key.keyId(), body, true);
    }

    /** A ticket as central lists it for printing. */
    public record IssuedTicket(String id, String type, String holderName, String qrCode, String status) {}

    /** {@code GET /admin/festivals/{f}/tickets?status=VALID}. */
    public List<IssuedTicket> validTickets(FestivalId festival) {
        JsonNode answer = send("GET", "admin/festivals/" + festival + "/tickets?status=VALID", null, true);
        return parseTickets(answer);
    }

    /** Reads a ticket list in central's JSON shape (also used for files). */
    public static List<IssuedTicket> parseTickets(String json) {
        try {
            return parseTickets(JSON.readTree(json));
        } catch (JacksonException e) {
            throw ProvisioningException.refused("ticket list is not JSON: " + firstLine(e.getOriginalMessage()));
        }
    }

    private static List<IssuedTicket> parseTickets(JsonNode answer) {
        if (!answer.isArray()) {
            throw ProvisioningException.refused("ticket list is not a JSON array");
        }
        List<IssuedTicket> tickets = new ArrayList<>();
        for (JsonNode node : answer) {
            String id = node.path("id").asString("");
            String qr = node.path("qrCode").asString("");
            if (id.isEmpty() || qr.isEmpty()) {
                throw ProvisioningException.refused("a ticket in the list has no id or no qrCode");
            }
            tickets.add(new IssuedTicket(
                    id,
                    node.path("type").asString(""),
                    node.path("holderName").asString(""),
                    qr,
                    node.path("status").asString("VALID")));
        }
        return tickets;
    }

    private JsonNode send(String method, String path, JsonNode body, boolean authenticated) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authenticated && token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpTimeoutException e) {
            throw ProvisioningException.io(
                    "central unreachable at " + base + " (" + e.getClass().getSimpleName() + ")", e);
        } catch (IOException e) {
            throw ProvisioningException.io("central unreachable at " + base + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProvisioningException.io("interrupted while talking to central", e);
        }
        int status = response.statusCode();
        if (status >= 400) {
            throw ProvisioningException.centralRefused(
                    "central refused " + method + " /" + path + ": " + status + problem(response.body()));
        }
        String text = response.body();
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            return JSON.createObjectNode();
        }
    }

    private static String problem(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode node = JSON.readTree(body);
            String code = node.path("code").asString("");
            String detail = node.path("detail").asString("");
            return (code.isEmpty() ? "" : " " + code) + (detail.isEmpty() ? "" : " (" + detail + ")");
        } catch (JacksonException e) {
            return " " + firstLine(body);
        }
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }
}
