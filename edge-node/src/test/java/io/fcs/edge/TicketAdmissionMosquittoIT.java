package io.fcs.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.broker.MqttBus;
import io.fcs.edge.testing.EdgeHarness;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.Mosquitto;
import io.fcs.edge.testing.Ports;
import io.fcs.edge.testing.TestFestival;
import io.fcs.protocol.message.AdmissionAnswer;
import io.fcs.protocol.message.AdmissionRequest;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.Presence;
import io.fcs.protocol.ticket.AdmissionRefusal;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ticket admission across the gates of a zone through Mosquitto and the edge (decision 0250),
 * and the edge's own presence on the zone's retained {@code edge/presence} topic (decision 0251).
 */
class TicketAdmissionMosquittoIT {

    @TempDir
    Path dir;

    private final MessageCodec codec = MessageCodec.standard();

    /** A gate speaking the protocol: asks on its admission/req, collects answers by correlation id. */
    private final class Gate implements AutoCloseable {
        final TerminalId id;
        final String name;
        final TestFestival festival;
        final Map<UUID, CompletableFuture<AdmissionAnswer>> waiting = new ConcurrentHashMap<>();
        final MqttBus bus;

        Gate(TestFestival festival, TerminalId id, String name, String url) {
            this.festival = festival;
            this.id = id;
            this.name = name;
            this.bus = MqttBus.connect(url, "gate-" + id, Optional.empty(), Optional.empty(), 1, in -> {
                if (codec.decode(in.payload(), AdmissionAnswer.class)
                        instanceof DecodeResult.Decoded<AdmissionAnswer> d) {
                    CompletableFuture<AdmissionAnswer> f =
                            waiting.remove(d.message().correlationId());
                    if (f != null) {
                        f.complete(d.message());
                    }
                }
            });
            bus.subscribe(List.of(topic(TopicKind.ADMISSION_ANSWER)));
        }

        String topic(TopicKind kind) {
            return MqttTopic.terminal(kind, festival.festival, festival.zone, id)
                    .toString();
        }

        AdmissionAnswer ask(TicketId ticket, Instant at) throws Exception {
            UUID correlation = UUID.randomUUID();
            CompletableFuture<AdmissionAnswer> answer = new CompletableFuture<>();
            waiting.put(correlation, answer);
            bus.publish(
                            topic(TopicKind.ADMISSION_REQUEST),
                            codec.encode(new AdmissionRequest(correlation, id, ticket, Optional.empty(), name, at)),
                            false)
                    .get(10, TimeUnit.SECONDS);
            return answer.get(20, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            bus.close();
        }
    }

    @Test
    void aTicketAdmittedAtGateAIsRefusedAtGateBWithWhereAndWhenThroughTheBroker() throws Exception {
        TestFestival festival = new TestFestival();
        TerminalId gateA = festival.enrol();
        TerminalId gateB = festival.enrol();
        TicketId ticket = TicketId.random();
        Files.createDirectories(dir.resolve("broker"));
        try (Mosquitto mosquitto = new Mosquitto(dir.resolve("broker"));
                FakeCentral central = new FakeCentral(festival);
                EdgeNode node = EdgeHarness.start(
                        festival, central, dir.resolve("edge"), Ports.free(), "--broker-url", mosquitto.url());
                Gate a = new Gate(festival, gateA, "Gate A", mosquitto.url());
                Gate b = new Gate(festival, gateB, "Gate B", mosquitto.url())) {
            EdgeHarness.awaitSynced(node, festival);
            Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

            AdmissionAnswer atA = a.ask(ticket, at);
            assertThat(atA.admitted()).isTrue();

            AdmissionAnswer atB = b.ask(ticket, at.plusSeconds(2));
            assertThat(atB.refusal()).contains(AdmissionRefusal.ALREADY_USED);
            assertThat(atB.previous()).contains(new AdmissionAnswer.PreviousAdmission(gateA, "Gate A", at));

            // the admission was durable before it was answered, and reported for central's history
            assertThat(node.checkins().lastAdmission("ticket:" + ticket)).isPresent();
        }
    }

    @Test
    void theEdgePublishesItsPresenceRetainedAndLeavesADeathWhenItStops() throws Exception {
        TestFestival festival = new TestFestival();
        Files.createDirectories(dir.resolve("broker"));
        String topic = MqttTopic.zone(TopicKind.ZONE_EDGE_PRESENCE, festival.festival, festival.zone)
                .toString();
        try (Mosquitto mosquitto = new Mosquitto(dir.resolve("broker"));
                FakeCentral central = new FakeCentral(festival)) {
            Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            try (EdgeNode node = EdgeHarness.start(
                    festival, central, dir.resolve("edge"), Ports.free(), "--broker-url", mosquitto.url())) {
                Presence live = retained(mosquitto.url(), topic);
                assertThat(live.device()).isInstanceOf(Presence.Edge.class);
                assertThat(live.state()).isIn(Presence.State.BIRTH, Presence.State.ALIVE);
                assertThat(live.appVersion()).startsWith("edge-node");
                assertThat(live.lastSeen()).isAfterOrEqualTo(before);
                assertThat(live.queueDepth()).isZero();
            }
            Presence after = retained(mosquitto.url(), topic);
            assertThat(after.state()).isEqualTo(Presence.State.DEATH);
            assertThat(after.lastWill()).isFalse();
        }
    }

    /** The retained presence a terminal gets when it subscribes. */
    private Presence retained(String url, String topic) throws Exception {
        BlockingQueue<Presence> received = new LinkedBlockingQueue<>();
        MqttBus bus = MqttBus.connect(url, "watch-" + UUID.randomUUID(), Optional.empty(), Optional.empty(), 1, in -> {
            if (codec.decode(in.payload(), Presence.class) instanceof DecodeResult.Decoded<Presence> d) {
                received.add(d.message());
            }
        });
        try {
            bus.subscribe(List.of(topic));
            Presence first = received.poll(20, TimeUnit.SECONDS);
            assertThat(first).as("a retained edge presence on " + topic).isNotNull();
            return first;
        } finally {
            bus.close();
        }
    }
}
