package io.fcs.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.Message;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import io.fcs.protocol.value.ZoneId;
import io.fcs.system.harness.CentralNode;
import io.fcs.system.harness.EdgeNode;
import io.fcs.system.harness.FestivalProcesses;
import io.fcs.system.harness.FestivalSetUp;
import io.fcs.system.harness.Http;
import io.fcs.system.harness.SimTerminal;
import io.fcs.system.harness.Wristbands;
import io.fcs.terminal.sync.MqttUplink;
import io.fcs.terminal.sync.ProtocolSyncCodec;
import io.fcs.terminal.tap.RecordCodec;
import io.fcs.terminal.tap.RecordDraft;
import io.fcs.terminal.tap.RecordKind;
import io.fcs.terminal.tap.SignedRecordCodec;
import io.fcs.terminal.tap.TapOutcome;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Hostile input across the wire against the running processes: an MQTT client that is not a
 * terminal publishing garbage, forged records (signed with another key) and replays to the zone's
 * edge; hostile HTTP to central (oversized and malformed bodies, SQL-ish strings, forged and
 * replayed sync batches). The system must answer with clear refusals, stay up, post nothing for
 * any of it, and keep every genuine record: after each attack a real sale still reaches central
 * and the books equal what the terminals approved.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputIT {

    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final MessageCodec CODEC = MessageCodec.standard();

    @TempDir
    static Path work;

    static FestivalProcesses processes;
    static CentralNode central;
    static EdgeNode barEdge;
    static FestivalSetUp festival;
    static Wristbands wristbands;
    static SimTerminal bar;
    static SimTerminal kiosk;
    static SimulatedTag band;
    static long topUps;
    static long sales;
    static long otherApplied;

    @BeforeAll
    static void startTheFestival() throws Exception {
        processes = FestivalProcesses.start(work, "Bad input festival");
        central = processes.central;
        festival = processes.festival;
        wristbands = processes.wristbands;
        barEdge = processes.edge("edge-bar", festival.bar, null);
        bar = processes.terminal(SimTerminal.Kind.POS, "Main bar", festival.bar, barEdge.mqttUrl(), "pos");
        kiosk = processes.terminal(SimTerminal.Kind.KIOSK, "Top-up kiosk", festival.bar, barEdge.mqttUrl(), "kiosk");
        processes.awaitTerminalsConnected(WITHIN);
        band = wristbands.issue(WalletId.random());
        assertThat(kiosk.topUpByCard(band, 5000)).isInstanceOf(TapOutcome.Approved.class);
        topUps = 5000;
        genuineSaleStillReachesCentral();
    }

    @AfterAll
    static void stopTheFestival() {
        if (processes != null) {
            processes.close();
        }
    }

    /** An MQTT client on the zone's broker that is no enrolled terminal. */
    static MqttUplink intruder() {
        MqttUplink client = new MqttUplink(
                URI.create(barEdge.mqttUrl()),
                "intruder-" + UUID.randomUUID(),
                new MqttUplink.Tls(Optional.empty(), new char[0], Optional.empty()));
        client.connect();
        await("intruder connected").atMost(WITHIN).until(client::connected);
        return client;
    }

    /** The bar's own topics, as an intruder who read them off the wire would use them. */
    static ProtocolSyncCodec barTopics() {
        return new ProtocolSyncCodec(
                FestivalId.parse(festival.festivalId),
                ZoneId.parse(festival.bar.id()),
                bar.id(),
                bar.place(),
                "intruder",
                Clock.systemUTC());
    }

    static void publish(MqttUplink client, String topic, byte[] payload) throws Exception {
        client.publish(topic, payload).get(10, TimeUnit.SECONDS);
    }

    /** A forged top-up of 1,000.00 onto the band, in the bar's name, signed with another key. */
    static byte[] forgedBatch() {
        long next = bar.committed() + 1;
        byte[] previous = bar.store().chainHead().orElseThrow().hash();
        RecordDraft draft = new RecordDraft(
                UUID.randomUUID().toString(),
                RecordKind.TOPUP_CARD,
                Wristbands.uid(band),
                festival.walletOfWristband(Wristbands.uid(band))
                        .path("walletId")
                        .asString(),
                Money.eur(100_000),
                Money.eur(105_000),
                List.of(),
                100,
                101,
                TapOutcome.Authority.EDGE,
                "intruder",
                null,
                "",
                Instant.now());
        byte[] record = new SignedRecordCodec(Ed25519.generate(), FestivalId.parse(festival.festivalId), bar.id())
                .encode(draft, next, previous)
                .bytes();
        return CODEC.encode(RecordBatch.of(bar.id(), next, List.of(record), 1));
    }

    /** The bar's first records again, byte for byte. */
    static byte[] replayedBatch() {
        List<byte[]> records = new ArrayList<>();
        for (long s = 1; s <= bar.committed(); s++) {
            records.add(bar.store().recordBytes(s).orElseThrow());
        }
        return CODEC.encode(RecordBatch.of(bar.id(), 1, records, 0));
    }

    @Test
    @Order(1)
    void garbageFromAClientThatIsNotATerminalIsRefusedByTheEdgeAndChangesNothing() throws Exception {
        JsonNode before = festival.reconciliation();
        double refusedBefore = barEdge.metric("edge_refused_total");
        ProtocolSyncCodec topics = barTopics();
        MqttUplink intruder = intruder();
        try {
            Random random = new Random(7);
            for (String topic : List.of(
                    topics.recordsTopic(),
                    topics.authorisationRequestTopic(),
                    topics.checkInTopic(),
                    topics.presenceTopic())) {
                for (int size : new int[] {0, 1, 7, 64, 4096}) {
                    byte[] garbage = new byte[size];
                    random.nextBytes(garbage);
                    publish(intruder, topic, garbage);
                }
                publish(intruder, topic, "{\"sale\": 1000000}".getBytes(StandardCharsets.UTF_8));
            }
            publish(intruder, "fcs/v1/" + festival.festivalId + "/" + festival.bar.id() + "/nonsense", new byte[] {1});
        } finally {
            intruder.close();
        }

        await("the edge counted the refusals")
                .atMost(WITHIN)
                .until(() -> barEdge.metric("edge_refused_total") >= refusedBefore + 10);
        assertThat(barEdge.health().path("status").asString()).isEqualTo("UP");
        genuineSaleStillReachesCentral();
        booksMoveOnlyByGenuineRecords(before);
    }

    @Test
    @Order(2)
    void aForgedRecordPublishedToTheEdgeInATerminalsNamePostsNothing() throws Exception {
        JsonNode before = festival.reconciliation();
        MqttUplink intruder = intruder();
        try {
            publish(intruder, barTopics().recordsTopic(), forgedBatch());
        } finally {
            intruder.close();
        }

        await("the edge refused the bad signature")
                .atMost(WITHIN)
                .until(() -> barEdge.metric("edge_refused_total", "bad_signature") >= 1);
        genuineSaleStillReachesCentral();
        booksMoveOnlyByGenuineRecords(before);
    }

    @Test
    @Order(3)
    void replayedRecordsAreAbsorbedByTheEdgeAndByCentral() throws Exception {
        JsonNode before = festival.reconciliation();
        double duplicatesBefore = barEdge.metric("edge_records_duplicate_total");
        MqttUplink intruder = intruder();
        try {
            publish(intruder, barTopics().recordsTopic(), replayedBatch());
        } finally {
            intruder.close();
        }
        await("the edge absorbed the replay")
                .atMost(WITHIN)
                .until(() -> barEdge.metric("edge_records_duplicate_total") >= duplicatesBefore + bar.committed());

        int[] status = new int[1];
        byte[] answer = central.http()
                .postBytes(
                        "/sync/v1/records",
                        replayedBatch(),
                        Map.of("Fcs-Edge-Id", UUID.randomUUID().toString()),
                        status);
        assertThat(status[0]).isEqualTo(200);
        assertThat(CODEC.decode(answer))
                .isInstanceOfSatisfying(DecodeResult.Decoded.class, d -> assertThat(((Message) d.message()))
                        .isInstanceOfSatisfying(WatermarkAck.class, ack -> {
                            assertThat(ack.watermark()).isEqualTo(bar.committed());
                            assertThat(ack.refused()).isEmpty();
                        }));
        JsonNode after = festival.reconciliation();
        assertThat(after.path("records").path("duplicatesAbsorbed").asLong())
                .isGreaterThanOrEqualTo(
                        before.path("records").path("duplicatesAbsorbed").asLong() + bar.committed());
        booksMoveOnlyByGenuineRecords(before);
    }

    @Test
    @Order(4)
    void hostileHttpGetsClearRefusalsAndCentralStaysUp() {
        JsonNode before = festival.reconciliation();
        Http http = central.http();
        String admin = central.adminToken();
        String f = festival.festivalId;
        byte[] huge = new byte[200_000];
        java.util.Arrays.fill(huge, (byte) 'a');
        byte[] hugeSync = new byte[9 * 1024 * 1024];
        int[] forgedStatus = new int[1];
        byte[] forgedAnswer = http.postBytes("/sync/v1/records", forgedBatch(), Map.of(), forgedStatus);
        int[] garbageStatus = new int[1];
        http.postBytes("/sync/v1/records", "not a batch".getBytes(StandardCharsets.UTF_8), Map.of(), garbageStatus);

        Map<String, Http.Answer> answers = new java.util.LinkedHashMap<>();
        answers.put("oversized login", http.raw("POST", "/auth/login", null, "application/json", huge));
        answers.put(
                "oversized sync batch",
                http.raw("POST", "/sync/v1/records", null, "application/octet-stream", hugeSync));
        answers.put("broken JSON", http.raw("POST", "/auth/login", null, "application/json", "{\"email\":".getBytes()));
        answers.put("JSON of the wrong shape", http.post("/cashless/topup", admin, "[1,2,3]"));
        answers.put(
                "SQL in a login",
                http.post("/auth/login", null, "{\"email\":\"' OR 1=1 --\",\"password\":\"x' OR '1'='1\"}"));
        answers.put("SQL in a path", http.get("/finance/festivals/1%27%20OR%201=1--/reconciliation", admin));
        answers.put(
                "SQL in a wristband uid",
                http.post(
                        "/admin/festivals/" + f + "/wristbands",
                        admin,
                        "{\"uid\":\"04'; DROP TABLE cashless_wallet;--\",\"profile\":\"AES_CLASS\"}"));
        answers.put(
                "negative top-up",
                http.post(
                        "/cashless/topup",
                        admin,
                        "{\"festivalId\":\"" + f + "\",\"amountCents\":-500,\"method\":\"CARD\"}"));
        answers.put(
                "absurd top-up",
                http.post(
                        "/cashless/topup",
                        admin,
                        "{\"festivalId\":\"" + f + "\",\"amountCents\":1000000000000000,\"method\":\"CARD\"}"));
        answers.put(
                "negative ticket quantity",
                http.post("/tickets/buy", admin, "{\"ticketTypeId\":\"" + festival.passTypeId + "\",\"quantity\":-1}"));
        answers.put("wallet feed since garbage", http.get("/sync/v1/festivals/" + f + "/wallets?since=abc", null));
        answers.put("check-ins of the wrong shape", http.post("/sync/v1/checkins", null, "{\"not\":\"a list\"}"));
        answers.put("no token for finance", http.get("/finance/festivals/" + f + "/reconciliation", null));
        answers.put(
                "forged token", http.get("/finance/festivals/" + f + "/reconciliation", "eyJhbGciOiJub25lIn0.e30."));

        assertThat(garbageStatus[0]).as("garbage sync batch").isEqualTo(400);
        assertThat(forgedStatus[0]).as("forged sync batch").isEqualTo(200);
        assertThat(CODEC.decode(forgedAnswer))
                .isInstanceOfSatisfying(DecodeResult.Decoded.class, d -> assertThat(((Message) d.message()))
                        .isInstanceOfSatisfying(WatermarkAck.class, ack -> {
                            assertThat(ack.refused()).isNotEmpty();
                            assertThat(ack.watermark()).isEqualTo(bar.committed());
                        }));
        answers.forEach((what, answer) ->
                assertThat(answer.status()).as(what + ": " + answer.body()).isBetween(400, 499));
        assertThat(answers.get("oversized login").status()).isEqualTo(413);
        assertThat(answers.get("no token for finance").status()).isEqualTo(401);
        assertThat(central.up()).isTrue();
        genuineSaleStillReachesCentral();
        booksMoveOnlyByGenuineRecords(before);
    }

    @Test
    @Order(5)
    void aGapAndAForkInATerminalsChainAreReportedByCentralAndPostNothingTwice() {
        TerminalId ghost = TerminalId.random();
        Ed25519.SigningKey key = Ed25519.generate();
        festival.enrol(ghost, key.verificationKey(), "POS", festival.bar, "Back bar");
        SignedRecordCodec signer = new SignedRecordCodec(key, FestivalId.parse(festival.festivalId), ghost);
        String wallet = festival.walletOfWristband(Wristbands.uid(band))
                .path("walletId")
                .asString();
        byte[] genesis = new byte[32];
        RecordCodec.Encoded first = signer.encode(waterSale(wallet, 1), 1, genesis);
        RecordCodec.Encoded second = signer.encode(waterSale(wallet, 2), 2, first.hash());
        RecordCodec.Encoded third = signer.encode(waterSale(wallet, 3), 3, second.hash());

        WatermarkAck afterFirstAndThird = sendToCentral(ghost, 1, first);
        sendToCentral(ghost, 3, third);
        JsonNode withGap = festival.reconciliation();
        assertThat(afterFirstAndThird.watermark()).isEqualTo(1);
        assertThat(withGap.path("gaps").toString()).contains(ghost.toString());
        assertThat(gapOf(withGap, ghost).path("from").asLong()).isEqualTo(2);
        assertThat(gapOf(withGap, ghost).path("to").asLong()).isEqualTo(2);

        WatermarkAck forked = sendToCentral(ghost, 3, signer.encode(waterSale(wallet, 30), 3, second.hash()));
        assertThat(forked.refused())
                .as("a second record on the parent of the held #3")
                .hasSize(1);

        WatermarkAck closed = sendToCentral(ghost, 2, second);
        assertThat(closed.watermark()).isEqualTo(3);
        sales += 3 * FestivalSetUp.WATER_CENTS;
        otherApplied += 3;

        WatermarkAck conflicting = sendToCentral(ghost, 2, signer.encode(waterSale(wallet, 20), 2, first.hash()));
        assertThat(conflicting.refused())
                .as("other bytes on a settled sequence")
                .hasSize(1);
        JsonNode books = festival.reconciliation();
        assertThat(books.path("forks").toString())
                .contains(ghost.toString())
                .contains("\"FORK\"")
                .contains("CONFLICTING_RECORD");
        assertThat(gapOf(books, ghost).isMissingNode()).as("gap closed").isTrue();
        booksMoveOnlyByGenuineRecords(books);
    }

    static RecordDraft waterSale(String wallet, int n) {
        return new RecordDraft(
                UUID.randomUUID().toString(),
                RecordKind.SALE,
                Wristbands.uid(band),
                wallet,
                Money.eur(FestivalSetUp.WATER_CENTS),
                Money.eur(1000),
                List.of(new RecordDraft.Line("water", 1, FestivalSetUp.WATER_CENTS)),
                10_000 + 2L * n,
                10_001 + 2L * n,
                TapOutcome.Authority.EDGE,
                "back-bar",
                null,
                "",
                Instant.now());
    }

    static WatermarkAck sendToCentral(TerminalId terminal, long sequence, RecordCodec.Encoded record) {
        int[] status = new int[1];
        byte[] answer = central.http()
                .postBytes(
                        "/sync/v1/records",
                        CODEC.encode(RecordBatch.of(terminal, sequence, List.of(record.bytes()), 0)),
                        Map.of("Fcs-Edge-Id", UUID.randomUUID().toString()),
                        status);
        assertThat(status[0]).isEqualTo(200);
        if (CODEC.decode(answer) instanceof DecodeResult.Decoded<Message> d
                && d.message() instanceof WatermarkAck ack) {
            return ack;
        }
        throw new AssertionError("central answered no watermark ack");
    }

    static JsonNode gapOf(JsonNode books, TerminalId terminal) {
        for (JsonNode gap : books.path("gaps")) {
            if (terminal.toString().equals(gap.path("terminalId").asString())) {
                return gap;
            }
        }
        return books.path("none");
    }

    /** A real sale after the attack: approved by the edge and applied in central. */
    static void genuineSaleStillReachesCentral() {
        TapOutcome sale = bar.sell(band, SimTerminal.WATER, 1);
        assertThat(sale).isInstanceOf(TapOutcome.Approved.class);
        sales += FestivalSetUp.WATER_CENTS;
        await("every genuine record applied in central").atMost(WITHIN).untilAsserted(() -> {
            JsonNode books = festival.reconciliation();
            assertThat(FestivalProcesses.terminalFigures(books, bar)
                            .path("applied")
                            .asLong())
                    .isEqualTo(bar.committed());
            assertThat(FestivalProcesses.terminalFigures(books, kiosk)
                            .path("applied")
                            .asLong())
                    .isEqualTo(kiosk.committed());
            assertThat(books.path("salesCents").asLong()).isEqualTo(sales);
        });
    }

    static void booksMoveOnlyByGenuineRecords(JsonNode before) {
        JsonNode after = festival.reconciliation();
        assertThat(after.path("topUpsCents").asLong()).isEqualTo(topUps);
        assertThat(after.path("salesCents").asLong()).isEqualTo(sales);
        assertThat(after.path("walletBalancesCents").asLong()).isEqualTo(topUps - sales);
        assertThat(after.path("conservationDifferenceCents").asLong()).isZero();
        assertThat(after.path("records").path("applied").asLong())
                .isEqualTo(bar.committed() + kiosk.committed() + otherApplied);
        assertThat(after.path("gaps")).isEmpty();
        assertThat(before.path("festivalId").asString()).isEqualTo(festival.festivalId);
    }
}
