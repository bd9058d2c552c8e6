package io.fcs.system.harness;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.TerminalId;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A festival set up through central's API the way an organiser does it: a bar zone with one bar
 * and its price list, an entrance zone, a 3-day pass; terminals enrolled in the device registry
 * with their public keys (what provisioning's {@code enrol terminal} posts).
 */
public final class FestivalSetUp {

    /** A zone: its id and the number tickets name it by. */
    public record Zone(String id, int number) {}

    public static final long BEER_CENTS = 450;
    public static final long WATER_CENTS = 200;
    public static final long PASS_CENTS = 12900;
    public static final long OFFLINE_ALLOWANCE_CENTS = 2000;

    private final Http http;
    private final String adminToken;
    public final String festivalId;
    public final Zone bar;
    public final Zone entrance;
    public final String barPosId;
    public final String passTypeId;

    private FestivalSetUp(
            Http http, String adminToken, String festivalId, Zone bar, Zone entrance, String barPosId, String pass) {
        this.http = http;
        this.adminToken = adminToken;
        this.festivalId = festivalId;
        this.bar = bar;
        this.entrance = entrance;
        this.barPosId = barPosId;
        this.passTypeId = pass;
    }

    public static FestivalSetUp create(CentralNode central, String name) {
        Http http = central.http();
        String token = central.adminToken();
        // a day either side of today: the festival day (cut-over 06:00 Paris) is inside whatever the hour
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        Map<String, Object> festival = new LinkedHashMap<>();
        festival.put("name", name);
        festival.put("startDate", today.minusDays(1).toString());
        festival.put("endDate", today.plusDays(2).toString());
        festival.put("venue", "Riverside meadows");
        festival.put("currency", "EUR");
        festival.put("timeZone", "Europe/Paris");
        festival.put("dayCutover", "06:00");
        festival.put("offlineAllowanceCents", OFFLINE_ALLOWANCE_CENTS);
        String festivalId = http.post("/festivals", token, Http.json(festival))
                .require("create festival")
                .text("id");
        Zone bar = zone(http.post(
                        "/festivals/" + festivalId + "/zones",
                        token,
                        Http.json(Map.of("name", "Bar area", "kind", "BAR", "capacity", 5000)))
                .require("create bar zone")
                .json());
        Zone entrance = zone(http.post(
                        "/festivals/" + festivalId + "/zones",
                        token,
                        Http.json(Map.of("name", "Entrance", "kind", "ENTRANCE", "capacity", 20000)))
                .require("create entrance zone")
                .json());
        http.post(
                        "/festivals/" + festivalId + "/gates",
                        token,
                        Http.json(Map.of("name", "Gate A", "zoneId", entrance.id())))
                .require("gate A");
        http.post(
                        "/festivals/" + festivalId + "/gates",
                        token,
                        Http.json(Map.of("name", "Gate B", "zoneId", entrance.id())))
                .require("gate B");
        String pos = http.post(
                        "/festivals/" + festivalId + "/points-of-sale",
                        token,
                        Http.json(Map.of("name", "Main bar", "zoneId", bar.id(), "kind", "BAR")))
                .require("create bar")
                .text("id");
        http.put(
                        "/festivals/" + festivalId + "/points-of-sale/" + pos + "/products",
                        token,
                        Http.json(List.of(
                                Map.of(
                                        "code",
                                        "beer",
                                        "name",
                                        "Beer 25cl",
                                        "priceCents",
                                        BEER_CENTS,
                                        "category",
                                        "drinks"),
                                Map.of(
                                        "code",
                                        "water",
                                        "name",
                                        "Water",
                                        "priceCents",
                                        WATER_CENTS,
                                        "category",
                                        "drinks"))))
                .require("price list");
        String pass = http.post(
                        "/festivals/" + festivalId + "/ticket-types",
                        token,
                        Http.json(Map.of(
                                "name", "3-day pass", "priceCents", PASS_CENTS, "currency", "EUR", "quota", 20000)))
                .require("ticket type")
                .text("id");
        return new FestivalSetUp(http, token, festivalId, bar, entrance, pos, pass);
    }

    private static Zone zone(JsonNode json) {
        return new Zone(json.path("id").asString(), json.path("number").asInt());
    }

    /** Enrols a terminal in central's device registry (what provisioning posts). */
    public void enrol(TerminalId id, Ed25519.VerificationKey key, String mode, Zone zone, String name) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("deviceId", id.toString());
        body.put("kind", "TERMINAL");
        body.put("mode", mode);
        body.put("zoneId", zone.id());
        body.put("name", name);
        body.put("publicKey", Base64.getEncoder().encodeToString(key.encoded()));
        http.post("/admin/festivals/" + festivalId + "/devices", adminToken, Http.json(body))
                .require("enrol " + name);
    }

    /** The festival's ticket public keys, as gates fetch them. */
    public List<Ed25519.VerificationKey> ticketKeys() {
        JsonNode keys = http.get("/festivals/" + festivalId + "/ticket-keys", null)
                .require("ticket keys")
                .json();
        List<Ed25519.VerificationKey> out = new java.util.ArrayList<>();
        for (JsonNode key : keys) {
            out.add(new Ed25519.VerificationKey(
                    Base64.getDecoder().decode(key.path("publicKey").asString())));
        }
        return out;
    }

    /** Finance's view: {@code GET /finance/festivals/{id}/reconciliation}. */
    public JsonNode reconciliation() {
        return http.get("/finance/festivals/" + festivalId + "/reconciliation", adminToken)
                .require("reconciliation")
                .json();
    }

    /** Central's wallet feed for edges (balance, pending, wristbands of each wallet). */
    public JsonNode wallets() {
        return http.get("/sync/v1/festivals/" + festivalId + "/wallets?since=0", null)
                .require("wallet feed")
                .json();
    }

    /** The wallet a wristband is linked to in central's feed, or a missing node. */
    public JsonNode walletOfWristband(String uidHex) {
        for (JsonNode wallet : wallets().path("wallets")) {
            for (JsonNode band : wallet.path("wristbands")) {
                if (band.asString().equalsIgnoreCase(uidHex)) {
                    return wallet;
                }
            }
        }
        return Http.emptyJson().path("none");
    }

    /** An attendee who registers and logs in on the portal. */
    public Attendee attendee(String email) {
        http.post(
                        "/auth/register",
                        null,
                        Http.json(Map.of("email", email, "password", "attendee-pass-123", "name", email)))
                .require("register " + email);
        String token = http.post(
                        "/auth/login", null, Http.json(Map.of("email", email, "password", "attendee-pass-123")))
                .require("login " + email)
                .text("accessToken");
        return new Attendee(http, token, festivalId);
    }

    public String adminToken() {
        return adminToken;
    }

    public Http http() {
        return http;
    }

    /** What an attendee does online: buy a pass, top up, link and block a wristband. */
    public record Attendee(Http http, String token, String festivalId) {

        /** Links a wristband to the attendee's cashless account; answers the account (wallet) id. */
        public String linkWristband(String uidHex) {
            return http.post("/cashless/wristbands", token, Http.json(Map.of("festivalId", festivalId, "uid", uidHex)))
                    .require("link wristband")
                    .text("accountId");
        }

        public JsonNode topUp(long cents) {
            return http.post(
                            "/cashless/topup",
                            token,
                            Http.json(Map.of("festivalId", festivalId, "amountCents", cents, "method", "CARD")))
                    .require("online top-up")
                    .json();
        }

        /** Buys one ticket; answers its QR text and id. */
        public JsonNode buyTicket(String ticketTypeId) {
            return http.post("/tickets/buy", token, Http.json(Map.of("ticketTypeId", ticketTypeId, "quantity", 1)))
                    .require("buy ticket")
                    .json()
                    .path("tickets")
                    .path(0);
        }

        public void blockWristband(String uidHex) {
            http.post(
                            "/cashless/wristbands/" + uidHex + "/block",
                            token,
                            Http.json(Map.of("festivalId", festivalId, "reason", "lost")))
                    .require("block wristband");
        }

        /** {@code GET /cashless/me}: the attendee's account in this festival. */
        public JsonNode account() {
            for (JsonNode account :
                    http.get("/cashless/me", token).require("my account").json().path("accounts")) {
                if (festivalId.equals(account.path("festivalId").asString())) {
                    return account;
                }
            }
            return Http.emptyJson().path("none");
        }
    }
}
