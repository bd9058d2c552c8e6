package io.fcs.terminal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.message.ListAction;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.OpaqueBytes;
import io.fcs.protocol.message.PendingCredits;
import io.fcs.protocol.message.PriceList;
import io.fcs.protocol.message.TicketRevocations;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import io.fcs.protocol.value.ZoneId;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.store.OutboxEntry;
import io.fcs.terminal.store.Product;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.Authoriser;
import io.fcs.terminal.tap.TapOutcome;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyncClientTest {

    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final ZoneId ZONE = ZoneId.random();
    private static final TerminalId TERMINAL = TerminalId.random();

    @TempDir
    Path dir;

    private TerminalStore store;
    private final InMemoryBroker broker = new InMemoryBroker();
    private FakeEdge edge;
    private SyncClient client;

    @BeforeEach
    void setUp() {
        store = TerminalStore.open(dir);
        edge = new FakeEdge(FESTIVAL, ZONE, broker::publish);
        broker.subscribeAsEdge(edge.filter("records"), edge::onMessage);
        broker.subscribeAsEdge(edge.filter("auth/req"), edge::onMessage);
        client = new SyncClient(
                broker.uplink(),
                new ProtocolSyncCodec(FESTIVAL, ZONE, TERMINAL, "bar-1", "test", Clock.systemUTC()),
                store,
                Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        client.close();
        store.close();
    }

    private void commit(long seq) {
        String id = RecordId.random().toString();
        store.commit(
                OutboxEntry.stored(seq, id, new byte[] {1, 2, (byte) seq}, new byte[] {(byte) seq}, Instant.now()),
                new JournalLine(seq, id, "SALE", "04aa", 100, 900L, "", "", "EDGE", "", Instant.now(), false),
                Optional.empty());
        client.wake();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 5 s").isTrue();
    }

    @Test
    void committedRecordsAreForwardedInOrderAndAcknowledgedByTheEdgeWatermark() throws Exception {
        client.start();
        commit(1);
        commit(2);
        commit(3);

        await(() -> store.watermark() == 3);

        assertThat(edge.batches.stream().flatMap(b -> b.records().stream()).count())
                .isEqualTo(3);
        assertThat(edge.batches.getFirst().firstSequence()).isEqualTo(1);
        assertThat(store.queueDepth()).isZero();
        assertThat(client.lastSync()).isPresent();
    }

    @Test
    void recordsCommittedOfflineStayStoredAndGoOutWhenTheEdgeIsBack() throws Exception {
        broker.setReachable(false);
        client.start();
        commit(1);
        commit(2);
        Thread.sleep(100);
        assertThat(client.connected()).isFalse();
        assertThat(store.stored(10)).hasSize(2);

        broker.setReachable(true);

        await(() -> store.watermark() == 2);
        assertThat(store.queueDepth()).isZero();
    }

    @Test
    void sentButUnacknowledgedRecordsAreSentAgainAfterAReconnect() throws Exception {
        edge.acking = false;
        client.start();
        commit(1);
        await(() -> edge.batches.size() == 1);
        assertThat(store.watermark()).isZero();

        edge.acking = true;
        broker.setReachable(false);
        broker.setReachable(true);

        await(() -> store.watermark() == 1);
        assertThat(edge.batches).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void theEdgeAuthorisesAPaymentAndTheTerminalFallsBackToOfflineWhenItIsGone() {
        client.start();
        Authoriser.Answer online = client.authorise(
                RecordId.random().toString(),
                "04a1b2c3",
                "",
                Money.eur(550),
                Money.eur(2000),
                1,
                Duration.ofSeconds(2));
        Authoriser.Answer declined = client.authorise(
                RecordId.random().toString(),
                "04a1b2c3",
                "",
                Money.eur(5000),
                Money.eur(2000),
                1,
                Duration.ofSeconds(2));
        broker.setReachable(false);
        Authoriser.Answer offline = client.authorise(
                RecordId.random().toString(),
                "04a1b2c3",
                "",
                Money.eur(550),
                Money.eur(2000),
                1,
                Duration.ofSeconds(2));

        assertThat(online).isEqualTo(new Authoriser.Granted(Money.eur(1450)));
        assertThat(declined).isEqualTo(new Authoriser.Declined(TapOutcome.Reason.INSUFFICIENT_FUNDS));
        assertThat(offline).isInstanceOf(Authoriser.Unreachable.class);
        assertThat(client.connected()).isFalse();
    }

    @Test
    void downlinkedPriceListsAndRevocationsLandInTheStore() {
        client.start();
        MessageCodec codec = MessageCodec.standard();
        broker.publish(
                MqttTopic.zone(TopicKind.ZONE_PRICES, FESTIVAL, ZONE).toString(),
                codec.encode(new PriceList(
                        3,
                        List.of(new PriceList.PointOfSale(
                                "bar-1",
                                "Main bar",
                                List.of(new PriceList.Product("beer", "Beer", Money.eur(550), "drinks")))))));
        TicketId revoked = TicketId.random();
        broker.publish(
                MqttTopic.zone(TopicKind.ZONE_REVOCATIONS, FESTIVAL, ZONE).toString(),
                codec.encode(TicketRevocations.full(
                        4, List.of(TicketRevocations.Entry.revoke(revoked, TicketRevocations.Reason.values()[0])))));
        broker.publish(
                MqttTopic.zone(TopicKind.ZONE_DENY, FESTIVAL, ZONE).toString(),
                codec.encode(io.fcs.protocol.message.DenyList.full(
                        5,
                        List.of(io.fcs.protocol.message.DenyList.Entry.add(
                                new io.fcs.protocol.message.DenyList.Wristband(OpaqueBytes.fromHex("04a1b2c3")),
                                io.fcs.protocol.message.DenyList.Reason.LOST)))));

        assertThat(store.catalogue()).containsExactly(new Product("beer", "Beer", 550, "drinks"));
        assertThat(store.ticketRevoked(revoked.toString())).isPresent();
        assertThat(store.wristbandDenied("04a1b2c3")).isPresent();
        assertThat(ListAction.ADD).isNotNull();
    }

    @Test
    void everyDownlinkedPendingCreditIsOwedToItsWalletUntilLoaded() {
        client.start();
        WalletId wallet = WalletId.random();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID loaded = UUID.randomUUID();
        store.markCreditApplied(loaded.toString(), "04a1b2c3", 300, Instant.now());
        broker.publish(
                MqttTopic.zone(TopicKind.ZONE_CREDITS, FESTIVAL, ZONE).toString(),
                MessageCodec.standard()
                        .encode(new PendingCredits(
                                7,
                                List.of(
                                        new PendingCredits.Credit(first, wallet, Money.eur(1000)),
                                        new PendingCredits.Credit(second, wallet, Money.eur(250)),
                                        new PendingCredits.Credit(loaded, wallet, Money.eur(300)),
                                        new PendingCredits.Credit(
                                                UUID.randomUUID(), WalletId.random(), Money.eur(900))))));

        assertThat(store.owedCredits(wallet.toString()))
                .containsExactlyInAnyOrder(
                        new TerminalStore.OwedCredit(first.toString(), 1000, Optional.of("EUR")),
                        new TerminalStore.OwedCredit(second.toString(), 250, Optional.of("EUR")));
    }

    @Test
    void theClockSkewIsMeasuredFromTheEdgesLivePresenceAndNotFromItsLastWill() {
        Instant terminalNow = Instant.parse("2026-07-11T20:00:00Z");
        SyncClient skewed = new SyncClient(
                broker.uplink(),
                new ProtocolSyncCodec(FESTIVAL, ZONE, TERMINAL, "bar-1", "test", Clock.systemUTC()),
                store,
                Clock.fixed(terminalNow, java.time.ZoneOffset.UTC));
        try {
            skewed.start();
            String topic =
                    MqttTopic.zone(TopicKind.ZONE_EDGE_PRESENCE, FESTIVAL, ZONE).toString();
            assertThat(skewed.clockSkewMillis()).isEmpty();

            broker.publish(
                    topic, edgePresence(io.fcs.protocol.message.Presence.State.ALIVE, terminalNow.minusSeconds(300)));
            assertThat(skewed.clockSkewMillis()).hasValue(300_000);

            broker.publish(
                    topic, edgePresence(io.fcs.protocol.message.Presence.State.DEATH, terminalNow.minusSeconds(9000)));
            assertThat(skewed.clockSkewMillis()).hasValue(300_000);
        } finally {
            skewed.close();
        }
    }

    @Test
    void theTerminalsPresenceCarriesItsClockSkew() {
        ProtocolSyncCodec codec = new ProtocolSyncCodec(FESTIVAL, ZONE, TERMINAL, "bar-1", "test", Clock.systemUTC());

        byte[] presence = codec.encodePresence(3, 2, true, -4200);

        assertThat(MessageCodec.standard().decode(presence, io.fcs.protocol.message.Presence.class))
                .isInstanceOfSatisfying(io.fcs.protocol.message.DecodeResult.Decoded.class, decoded -> assertThat(
                                ((io.fcs.protocol.message.Presence) decoded.message()).clockSkewMillis())
                        .isEqualTo(-4200));
    }

    @Test
    void aDownlinkedConfigurationStoresTheOfflineAllowanceAndItsPeriod() {
        List<SyncCodec.Config> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        client.onConfig(seen::add);
        client.start();

        broker.publish(
                MqttTopic.zone(TopicKind.ZONE_CONFIG, FESTIVAL, ZONE).toString(),
                MessageCodec.standard()
                        .encode(io.fcs.protocol.message.Configuration.of(
                                2,
                                io.fcs.protocol.value.FestivalTime.of("Europe/Paris"),
                                Money.eur(2500),
                                Duration.ofHours(6),
                                java.util.Map.of())));

        assertThat(store.setting("config.offlineAllowanceMinor")).contains("2500");
        assertThat(store.setting("config.offlineAllowancePeriodSeconds")).contains("21600");
        assertThat(seen).singleElement().satisfies(config -> assertThat(config.offlineAllowancePeriodSeconds())
                .isEqualTo(21600));
    }

    private static byte[] edgePresence(io.fcs.protocol.message.Presence.State state, Instant edgeTime) {
        return MessageCodec.standard()
                .encode(new io.fcs.protocol.message.Presence(
                        new io.fcs.protocol.message.Presence.Edge(io.fcs.protocol.value.EdgeId.random()),
                        state,
                        state == io.fcs.protocol.message.Presence.State.DEATH,
                        "edge-test",
                        edgeTime,
                        0,
                        0,
                        0,
                        java.util.Map.of()));
    }

    @Test
    void aNewerConfigurationReplacesTheStoredStaffListAndAnOlderOneIsIgnored() {
        client.start();
        String topic = MqttTopic.zone(TopicKind.ZONE_CONFIG, FESTIVAL, ZONE).toString();

        broker.publish(
                topic,
                config(5, java.util.Map.of("staff.alice", "Alice||04a1b2c3|bar", "staff.bob", "Bob||04b1b2c3|bar")));
        broker.publish(topic, config(6, java.util.Map.of("staff.alice", "Alice||04a1b2c3|bar")));
        broker.publish(topic, config(4, java.util.Map.of("staff.mallory", "Mallory||04c1b2c3|bar")));

        assertThat(store.settings(SyncClient.DOWNLINK_PREFIX)).containsOnlyKeys("staff.alice");
        assertThat(store.setting("config.version")).contains("6");
    }

    private static byte[] config(long version, java.util.Map<String, String> settings) {
        return MessageCodec.standard()
                .encode(io.fcs.protocol.message.Configuration.of(
                        version,
                        io.fcs.protocol.value.FestivalTime.of("Europe/Paris"),
                        Money.eur(5000),
                        Duration.ofDays(1),
                        settings));
    }
}
