package io.fcs.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.testing.EdgeHarness;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.Ports;
import io.fcs.edge.testing.TerminalClient;
import io.fcs.edge.testing.TestFestival;
import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationKind;
import io.fcs.protocol.message.AuthorisationOutcome;
import io.fcs.protocol.message.CheckIn;
import io.fcs.protocol.message.Configuration;
import io.fcs.protocol.message.Direction;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.PendingCredits;
import io.fcs.protocol.message.PriceList;
import io.fcs.protocol.message.TicketRevocations;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole edge node with its embedded HiveMQ broker, terminals on MQTT and a fake central. */
class EmbeddedEdgeIT {

    static final TestFestival festival = new TestFestival();
    static final TerminalId pos = festival.enrol();
    static final TerminalId bulk = festival.enrol();
    static final TerminalId gateA = festival.enrol();
    static final TerminalId gateB = festival.enrol();
    static final TerminalId misc = festival.enrol();
    static final String rich = festival.wallet(1_000_000);
    static final String poor = festival.wallet(1_000);
    static final String visitor = festival.wallet(0);
    /** Tapped by this test alone, so no other test's hold is released under it. */
    static final String contended = festival.wallet(5_000);

    static final String toppedUp = festival.wallet(0);
    static final String barId = "Bar-North";
    static final TicketId refunded = TicketId.random();
    static Path data;
    static FakeCentral central;
    static EdgeNode node;
    static String brokerUrl;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("edge-it");
        festival.pointsOfSale.add(pointOfSale(barId, festival.zone.toString(), 450));
        festival.pointsOfSale.add(pointOfSale(
                "bar-elsewhere", io.fcs.protocol.value.ZoneId.random().toString(), 300));
        festival.pending.put(festival.wristbands.get(toppedUp), 500L);
        central = new FakeCentral(festival);
        central.deny(denyJson(3, refunded));
        int port = Ports.free();
        brokerUrl = "tcp://127.0.0.1:" + port;
        node = EdgeHarness.start(festival, central, data, port, "--max-message-bytes", "65536");
        EdgeHarness.awaitSynced(node, festival);
    }

    static String pointOfSale(String id, String zone, long beerCents) {
        return """
                {"id":"%s","zoneId":"%s","name":"Bar %s","kind":"BAR","products":[
                 {"code":"BEER","name":"Beer 0.5 l","priceCents":%d,"category":"drinks"},
                 {"code":"water","name":"Water","priceCents":200,"category":"soft"}]}""".formatted(id, zone, id, beerCents);
    }

    static String denyJson(long version, TicketId... tickets) {
        List<String> list = new ArrayList<>();
        for (TicketId t : tickets) {
            list.add("{\"ticketId\":\"%s\",\"reason\":\"refunded\"}".formatted(t));
        }
        return "{\"version\": %d, \"wristbands\": [], \"tickets\": [%s], \"terminals\": []}"
                .formatted(version, String.join(",", list));
    }

    /** Waits (bounded) until the zone topic holds a message of the type whose version is {@code version}. */
    static <M extends io.fcs.protocol.message.Message> M awaitVersion(
            TerminalClient t, String topic, Class<M> type, java.util.function.ToLongFunction<M> versionOf, long version)
            throws InterruptedException {
        M last = null;
        for (int i = 0; i < 200; i++) {
            byte[] payload = t.zone.get(topic);
            if (payload != null) {
                last = MessageCodec.standard().decode(payload, type).orElseThrow();
                if (versionOf.applyAsLong(last) == version) {
                    return last;
                }
            }
            Thread.sleep(50);
        }
        assertThat(last).as(topic + " at version " + version).isNotNull();
        assertThat(versionOf.applyAsLong(last)).as(topic + " version").isEqualTo(version);
        return last;
    }

    @Test
    void terminalsReceiveTheZonesPricesRevocationsAndPendingCreditsAndAChangeAtCentralBumpsTheirVersion()
            throws Exception {
        try (TerminalClient t = new TerminalClient(festival, misc, brokerUrl)) {
            PriceList prices = awaitVersion(t, "prices", PriceList.class, PriceList::version, festival.configVersion());
            assertThat(prices.pointsOfSale()).singleElement().satisfies(pos -> {
                assertThat(pos.code()).isEqualTo("bar-north");
                assertThat(pos.products())
                        .extracting(PriceList.Product::code, PriceList.Product::price)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple("beer", Money.eur(450)),
                                org.assertj.core.groups.Tuple.tuple("water", Money.eur(200)));
            });
            TicketRevocations revocations =
                    awaitVersion(t, "revocations", TicketRevocations.class, TicketRevocations::version, 3);
            assertThat(revocations.entries())
                    .containsExactly(TicketRevocations.Entry.revoke(refunded, TicketRevocations.Reason.REFUNDED));
            PendingCredits credits =
                    awaitVersion(t, "credits", PendingCredits.class, PendingCredits::version, central.walletVersion());
            assertThat(credits.credits())
                    .extracting(PendingCredits.Credit::walletId, PendingCredits.Credit::amount)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(festival.wristbands.get(toppedUp), Money.eur(500)));

            festival.pointsOfSale.set(0, pointOfSale(barId, festival.zone.toString(), 500));
            festival.configChanges++;
            TicketId cancelled = TicketId.random();
            central.deny(denyJson(4, refunded, cancelled));
            festival.pending.put(festival.wristbands.get(toppedUp), 800L);
            central.walletsChanged();

            PriceList newPrices =
                    awaitVersion(t, "prices", PriceList.class, PriceList::version, festival.configVersion());
            assertThat(newPrices.pointsOfSale().getFirst().products().getFirst().price())
                    .isEqualTo(Money.eur(500));
            assertThat(awaitVersion(t, "revocations", TicketRevocations.class, TicketRevocations::version, 4)
                            .entries())
                    .extracting(TicketRevocations.Entry::ticketId)
                    .containsExactlyInAnyOrder(refunded, cancelled);
            assertThat(awaitVersion(
                                    t,
                                    "credits",
                                    PendingCredits.class,
                                    PendingCredits::version,
                                    central.walletVersion())
                            .credits())
                    .extracting(PendingCredits.Credit::amount)
                    .containsExactly(Money.eur(800));
        }
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (central != null) {
            central.close();
        }
    }

    @Test
    void recordsSentOverMqttAreAckedStoredAndForwardedToCentral() throws Exception {
        try (TerminalClient terminal = new TerminalClient(festival, pos, brokerUrl)) {
            var chain = festival.chain(pos);
            terminal.send(chain.sales(rich, 20, 350), 20);
            assertThat(terminal.awaitWatermark(20, Duration.ofSeconds(20))).isEqualTo(20);
            for (int i = 0; i < 200 && central.watermark(pos) < 20; i++) {
                Thread.sleep(50);
            }
            assertThat(central.watermark(pos)).isEqualTo(20);
        }
    }

    @Test
    void aTerminalSendingItsWholeBacklogAtOnceLosesNothing() throws Exception {
        try (TerminalClient terminal = new TerminalClient(festival, bulk, brokerUrl)) {
            var chain = festival.chain(bulk);
            List<SignedRecord> all = chain.sales(rich, 1_200, 1);
            for (int from = 0; from < all.size(); from += 200) {
                terminal.send(all.subList(from, from + 200), all.size() - from);
            }
            // and one batch again: duplicates must be absorbed
            terminal.send(all.subList(0, 200), all.size());
            assertThat(terminal.awaitWatermark(1_200, Duration.ofSeconds(60))).isEqualTo(1_200);
            assertThat(node.records().chains())
                    .filteredOn(c -> c.terminal().equals(bulk))
                    .singleElement()
                    .satisfies(c -> assertThat(c.watermark()).isEqualTo(1_200));
        }
    }

    @Test
    void aTapIsAuthorisedAgainstTheReplicaAndAnOverspendIsRefused() throws Exception {
        try (TerminalClient terminal = new TerminalClient(festival, pos, brokerUrl)) {
            AuthorisationAnswer first = terminal.request(AuthorisationKind.SALE, poor, 600);
            assertThat(first.outcome()).isEqualTo(AuthorisationOutcome.APPROVED);
            assertThat(first.balanceAfter()).contains(Money.eur(400));
            AuthorisationAnswer second = terminal.request(AuthorisationKind.SALE, poor, 600);
            assertThat(second.outcome()).isEqualTo(AuthorisationOutcome.INSUFFICIENT_FUNDS);
            assertThat(terminal.request(AuthorisationKind.SALE, "04ffffffffffff", 1)
                            .outcome())
                    .isEqualTo(AuthorisationOutcome.UNKNOWN_WRISTBAND);
        }
    }

    @Test
    void concurrentTapsFromTwoBarsNeverOverspendOneWallet() throws Exception {
        String shared = contended;
        try (TerminalClient a = new TerminalClient(festival, misc, brokerUrl);
                TerminalClient b = new TerminalClient(festival, pos, brokerUrl)) {
            long before =
                    node.wallets().available(festival.wristbands.get(shared)).orElseThrow();
            List<CompletableFuture<AuthorisationAnswer>> answers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                answers.add(a.requestAsync(AuthorisationKind.SALE, shared, 100));
                answers.add(b.requestAsync(AuthorisationKind.SALE, shared, 100));
            }
            long approved = 0;
            for (var f : answers) {
                if (f.get(20, java.util.concurrent.TimeUnit.SECONDS).outcome().approved()) {
                    approved++;
                }
            }
            long after =
                    node.wallets().available(festival.wristbands.get(shared)).orElseThrow();
            assertThat(approved).isEqualTo(50);
            assertThat(before - after).isEqualTo(approved * 100);
        }
    }

    @Test
    void aWristbandAdmittedAtOneGateIsRefusedAtAnother() throws Exception {
        try (TerminalClient a = new TerminalClient(festival, gateA, brokerUrl);
                TerminalClient b = new TerminalClient(festival, gateB, brokerUrl)) {
            assertThat(a.request(AuthorisationKind.CHECK_IN, visitor, 0).outcome())
                    .isEqualTo(AuthorisationOutcome.APPROVED);
            assertThat(b.request(AuthorisationKind.CHECK_IN, visitor, 0).outcome())
                    .isEqualTo(AuthorisationOutcome.ALREADY_CHECKED_IN);
            assertThat(node.checkins().lastAdmission("uid:" + visitor))
                    .hasValueSatisfying(adm -> assertThat(adm.gate()).isEqualTo(gateA.toString()));
        }
    }

    @Test
    void garbageForeignTopicsAndOversizedMessagesAreRefusedAndTheEdgeStaysUp() throws Exception {
        try (TerminalClient terminal = new TerminalClient(festival, misc, brokerUrl)) {
            double before = node.metrics().refusedCount("bad_magic")
                    + node.metrics().refusedCount("unknown_topic")
                    + node.metrics().refusedCount("too_large");
            terminal.publishRaw(terminal.topic(TopicKind.TERMINAL_RECORDS), "garbage".getBytes());
            terminal.publishRaw(
                    "fcs/v1/" + festival.festival + "/" + festival.zone + "/t/not-a-terminal/records", new byte[] {1});
            terminal.publishRaw(terminal.topic(TopicKind.TERMINAL_RECORDS), new byte[100_000]);
            terminal.publishRaw(terminal.topic(TopicKind.AUTH_REQUEST), new byte[] {0x46, 0x43, 1, 3, 0});
            var chain = festival.chain(misc);
            terminal.send(chain.sales(rich, 3, 10), 3);
            assertThat(terminal.awaitWatermark(3, Duration.ofSeconds(20))).isEqualTo(3);
            double after = node.metrics().refusedCount("bad_magic")
                    + node.metrics().refusedCount("unknown_topic")
                    + node.metrics().refusedCount("too_large");
            assertThat(after - before).isEqualTo(3);
            assertThat(node.metrics().refusedCount("truncated")).isPositive();
        }
        HttpResponse<String> health = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/health"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
        String metrics = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.httpPort() + "/metrics"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        assertThat(metrics)
                .contains(
                        "edge_records_in_total",
                        "edge_refused_total",
                        "edge_backlog_records",
                        "edge_authorisation_seconds");
    }

    @Test
    void presenceOfTheZonesTerminalsGoesUpToCentral() throws Exception {
        try (TerminalClient terminal = new TerminalClient(festival, misc, brokerUrl)) {
            terminal.publishRaw(
                    terminal.topic(TopicKind.TERMINAL_PRESENCE),
                    MessageCodec.standard()
                            .encode(new io.fcs.protocol.message.Presence(
                                    new io.fcs.protocol.message.Presence.Terminal(misc),
                                    io.fcs.protocol.message.Presence.State.BIRTH,
                                    false,
                                    "pos-1.2.3",
                                    Instant.now(),
                                    7,
                                    4,
                                    0,
                                    java.util.Map.of())));
            for (int i = 0; i < 100 && central.presence.stream().noneMatch(p -> p.contains("pos-1.2.3")); i++) {
                Thread.sleep(50);
            }
            assertThat(central.presence).anySatisfy(p -> assertThat(p)
                    .contains(misc.toString(), "\"readerErrors\":4", "\"queueDepth\":7", "\"online\":true"));
        }
    }

    @Test
    void gatesReceiveTheZonesConfigurationAndEachOthersCheckIns() throws Exception {
        try (TerminalClient a = new TerminalClient(festival, gateA, brokerUrl);
                TerminalClient b = new TerminalClient(festival, gateB, brokerUrl)) {
            for (int i = 0; i < 100 && !b.zone.containsKey("config"); i++) {
                Thread.sleep(50);
            }
            Configuration config = MessageCodec.standard()
                    .decode(b.zone.get("config"), Configuration.class)
                    .orElseThrow();
            assertThat(config.offlineAllowance()).isEqualTo(Money.eur(2000));
            TicketId ticket = TicketId.random();
            CheckIn checkIn = new CheckIn(
                    RecordId.random(),
                    gateA,
                    festival.zone,
                    "North A",
                    Optional.of(ticket),
                    Optional.empty(),
                    Direction.IN,
                    Instant.now());
            a.publishRaw(
                    a.topic(TopicKind.TERMINAL_CHECKINS),
                    MessageCodec.standard().encode(checkIn));
            for (int i = 0; i < 100 && !b.zone.containsKey("checkins"); i++) {
                Thread.sleep(50);
            }
            assertThat(MessageCodec.standard()
                            .decode(b.zone.get("checkins"), CheckIn.class)
                            .orElseThrow())
                    .isEqualTo(checkIn);
            assertThat(node.checkins().lastAdmission("ticket:" + ticket))
                    .hasValueSatisfying(adm -> assertThat(adm.gate()).isEqualTo(gateA.toString()));
            String id = checkIn.recordId().value().toString();
            for (int i = 0; i < 200 && central.checkins.stream().noneMatch(body -> body.contains(id)); i++) {
                Thread.sleep(50);
            }
            assertThat(central.checkins)
                    .as("the admission reached central's check-in history")
                    .anySatisfy(body -> assertThat(body).contains(id, ticket.toString(), "CHECKED_IN"));
        }
    }
}
