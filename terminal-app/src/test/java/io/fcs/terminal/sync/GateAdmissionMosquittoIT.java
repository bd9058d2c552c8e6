package io.fcs.terminal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.Presence;
import io.fcs.protocol.testing.SystemPackages;
import io.fcs.protocol.ticket.Ticket;
import io.fcs.protocol.ticket.TicketIssuer;
import io.fcs.protocol.ticket.ValidDays;
import io.fcs.protocol.ticket.Zones;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.ZoneId;
import io.fcs.terminal.device.nfc.FakeReader;
import io.fcs.terminal.gate.GateOutcome;
import io.fcs.terminal.gate.Gatekeeper;
import io.fcs.terminal.gate.SignedTicketCheck;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.SignedRecordCodec;
import io.fcs.terminal.tap.StoreRecordBook;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real gates (gatekeeper, store, sync client) and a zone answering ticket admissions, over
 * Debian Mosquitto (decisions 0250, 0251): gate A admits, gate B refuses with where and when; a
 * zone that stops answering leaves the gates to decide alone, flagged; the edge's presence sets
 * the gates' clock skew from live copies only.
 */
class GateAdmissionMosquittoIT {

    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final ZoneId ZONE = ZoneId.random();
    private static final Ed25519.SigningKey TICKET_KEY = Ed25519.generate();

    @TempDir
    Path dir;

    private URI address;
    private Process broker;
    private MqttUplink edgeSide;
    private FakeEdge edge;
    private final List<AutoCloseable> open = new ArrayList<>();

    /** One gate terminal as the app builds it, over its own MQTT session. */
    private record Gate(Gatekeeper keeper, SyncClient sync) {}

    @BeforeEach
    void setUp() throws Exception {
        Path mosquitto = SystemPackages.require("mosquitto", "/usr/sbin/mosquitto");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                "listener %d 127.0.0.1\nallow_anonymous true\npersistence false\n".formatted(port));
        broker = new ProcessBuilder(
                        mosquitto.toString(),
                        "-c",
                        dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("mosquitto.log").toFile())
                .start();
        address = URI.create("mqtt://127.0.0.1:" + port);
        edgeSide = new MqttUplink(address, "edge-" + ZONE, noTls());
        edge = new FakeEdge(FESTIVAL, ZONE, edgeSide::publish);
        edgeSide.subscribe(edge.filter("admission/req"), edge::onMessage);
        edgeSide.connect();
        await(edgeSide::connected);
    }

    private static MqttUplink.Tls noTls() {
        return new MqttUplink.Tls(Optional.empty(), new char[0], Optional.empty());
    }

    private Gate gate(String name) throws InterruptedException {
        TerminalId id = TerminalId.random();
        TerminalStore store = TerminalStore.open(dir.resolve(name.replace(' ', '-')));
        SyncClient sync = new SyncClient(
                new MqttUplink(address, "terminal-" + id, noTls()),
                new ProtocolSyncCodec(FESTIVAL, ZONE, id, name, "test", Clock.systemUTC()),
                store,
                Clock.systemUTC());
        Gatekeeper keeper = new Gatekeeper(
                new SignedTicketCheck(FESTIVAL, List.of(TICKET_KEY.verificationKey()), 1),
                new FakeReader(),
                store,
                new StoreRecordBook(store, new SignedRecordCodec(Ed25519.generate(), FESTIVAL, id), sync::wake),
                sync::publishCheckIn,
                sync::connected,
                FestivalTime.of("UTC"),
                ZONE.toString(),
                name,
                id.toString(),
                Clock.systemUTC(),
                Currency.EUR,
                sync::admit,
                () -> sync.clockSkewMillis().orElse(0));
        open.add(store);
        open.add(sync);
        sync.start();
        await(sync::connected);
        return new Gate(keeper, sync);
    }

    private static String ticket() {
        return new TicketIssuer(TICKET_KEY)
                .issue(Ticket.of(
                        TicketId.random(),
                        FESTIVAL,
                        3,
                        ValidDays.of(FestivalTime.of("UTC").festivalDay(Instant.now())),
                        Zones.of(1)));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as("condition reached within 15 s").isTrue();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        if (edgeSide != null) {
            edgeSide.close();
        }
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(10, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aTicketAdmittedAtGateAIsRefusedAtGateBWithWhereAndWhenAndAZoneGoneLeavesTheGatesAlone() throws Exception {
        Gate a = gate("Gate A");
        Gate b = gate("Gate B");
        String used = ticket();

        GateOutcome atA = a.keeper().scan(used, false);
        GateOutcome atB = b.keeper().scan(used, false);

        assertThat(atA).isInstanceOfSatisfying(GateOutcome.Admitted.class, admitted -> assertThat(admitted.offline())
                .isFalse());
        assertThat(atB).isInstanceOfSatisfying(GateOutcome.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo(GateOutcome.Reason.ALREADY_USED);
            assertThat(refused.where()).contains("Gate A");
            assertThat(refused.when()).isPresent();
        });

        edge.answeringAdmissions = false;
        GateOutcome alone = b.keeper().scan(ticket(), false);
        assertThat(alone).isInstanceOfSatisfying(GateOutcome.Admitted.class, admitted -> assertThat(admitted.offline())
                .isTrue());
    }

    @Test
    void theGatesMeasureTheirClockOnTheEdgesLivePresenceNotOnItsRetainedCopy() throws Exception {
        MessageCodec codec = MessageCodec.standard();
        String topic =
                MqttTopic.zone(TopicKind.ZONE_EDGE_PRESENCE, FESTIVAL, ZONE).toString();
        Mqtt5BlockingClient edgeClient = Mqtt5Client.builder()
                .identifier("edge-presence-" + ZONE)
                .serverHost(address.getHost())
                .serverPort(address.getPort())
                .buildBlocking();
        edgeClient.connect();
        try {
            EdgeId edgeId = EdgeId.random();
            // an hour-old retained presence: what a gate connecting now receives first
            publishPresence(edgeClient, codec, topic, edgeId, Instant.now().minus(Duration.ofHours(1)));
            Gate gate = gate("Gate C");
            Thread.sleep(500); // the retained copy has arrived by now, and must not count
            assertThat(gate.sync().clockSkewMillis()).isEmpty();

            // a live presence from an edge whose clock is 5 minutes behind the gate's
            publishPresence(edgeClient, codec, topic, edgeId, Instant.now().minus(Duration.ofMinutes(5)));
            await(() -> gate.sync().clockSkewMillis().isPresent());
            assertThat(gate.sync().clockSkewMillis().getAsLong()).isGreaterThan(Gatekeeper.MAX_CLOCK_SKEW.toMillis());

            // with a wrong clock and no answer from the zone, the gate does not decide alone
            edge.answeringAdmissions = false;
            assertThat(gate.keeper().scan(ticket(), false))
                    .isEqualTo(GateOutcome.Refused.of(GateOutcome.Reason.CLOCK_WRONG));
        } finally {
            edgeClient.disconnect();
        }
    }

    /** The edge's presence as the edge publishes it (retained), with the edge's clock at {@code sentAt}. */
    private static void publishPresence(
            Mqtt5BlockingClient edgeClient, MessageCodec codec, String topic, EdgeId edgeId, Instant sentAt) {
        edgeClient
                .publishWith()
                .topic(topic)
                .qos(MqttQos.AT_LEAST_ONCE)
                .retain(true)
                .payload(codec.encode(new Presence(
                        new Presence.Edge(edgeId),
                        Presence.State.ALIVE,
                        false,
                        "edge-node test",
                        sentAt,
                        0,
                        0,
                        0,
                        Map.of())))
                .send();
    }
}
