package io.fcs.terminal.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.ZoneId;
import io.fcs.terminal.gate.GateOutcome;
import io.fcs.terminal.gate.ZoneAdmission;
import io.fcs.terminal.store.TerminalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ticket admission by request and answer with correlation, between two gates and their zone (decision 0250). */
class SyncClientAdmissionTest {

    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final ZoneId ZONE = ZoneId.random();

    @TempDir
    Path dir;

    private final InMemoryBroker broker = new InMemoryBroker();
    private FakeEdge edge;
    private TerminalStore storeA;
    private TerminalStore storeB;
    private SyncClient gateA;
    private SyncClient gateB;

    @BeforeEach
    void setUp() throws InterruptedException {
        edge = new FakeEdge(FESTIVAL, ZONE, broker::publish);
        broker.subscribeAsEdge(edge.filter("admission/req"), edge::onMessage);
        storeA = TerminalStore.open(dir.resolve("a"));
        storeB = TerminalStore.open(dir.resolve("b"));
        gateA = client(storeA);
        gateB = client(storeB);
        gateA.start();
        gateB.start();
        await(() -> gateA.connected() && gateB.connected());
    }

    private SyncClient client(TerminalStore store) {
        return new SyncClient(
                broker.uplink(),
                new ProtocolSyncCodec(FESTIVAL, ZONE, TerminalId.random(), "gate", "test", Clock.systemUTC()),
                store,
                Clock.systemUTC());
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }

    @AfterEach
    void tearDown() {
        gateA.close();
        gateB.close();
        storeA.close();
        storeB.close();
    }

    @Test
    void aTicketAdmittedAtGateAIsRefusedAtGateBWithWhereAndWhen() {
        String ticket = TicketId.random().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        ZoneAdmission.Answer atA = gateA.admit(
                RecordId.random().toString(), ticket, Optional.of("04a1b2c3"), "Gate A", at, Duration.ofSeconds(5));
        ZoneAdmission.Answer atB = gateB.admit(
                RecordId.random().toString(), ticket, Optional.empty(), "Gate B", at, Duration.ofSeconds(5));

        assertThat(atA).isEqualTo(new ZoneAdmission.Admitted(false));
        assertThat(atB)
                .isEqualTo(new ZoneAdmission.Refused(
                        GateOutcome.Reason.ALREADY_USED, Optional.of("Gate A"), Optional.of(at)));
    }

    @Test
    void aZoneThatDoesNotAnswerInTimeLeavesTheGateToDecideAlone() {
        edge.answeringAdmissions = false;

        ZoneAdmission.Answer answer = gateA.admit(
                RecordId.random().toString(),
                TicketId.random().toString(),
                Optional.empty(),
                "Gate A",
                Instant.now(),
                Duration.ofMillis(200));

        assertThat(answer).isInstanceOf(ZoneAdmission.NoAnswer.class);
    }

    @Test
    void aGateThatGaveUpAndRefusedReleasesTheEntrySoTheZoneKeepsNoAdmissionForIt() throws InterruptedException {
        String ticket = TicketId.random().toString();
        String correlation = RecordId.random().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ZoneAdmission.Answer late =
                gateA.admit(correlation, ticket, Optional.empty(), "Gate A", at, Duration.ofMillis(200));
        assertThat(late).isEqualTo(new ZoneAdmission.Admitted(false));
        assertThat(edge.admitted).hasSize(1);

        gateA.release(correlation, ticket, Optional.empty(), "Gate A", at);

        await(() -> edge.admitted.isEmpty());
        assertThat(edge.admissionRequests).last().satisfies(request -> {
            assertThat(request.kind()).isEqualTo(io.fcs.protocol.message.AdmissionKind.RELEASE);
            assertThat(request.correlationId().toString()).isEqualTo(correlation);
        });
        assertThat(gateB.admit(
                        RecordId.random().toString(), ticket, Optional.empty(), "Gate B", at, Duration.ofSeconds(5)))
                .isEqualTo(new ZoneAdmission.Admitted(false));
    }

    @Test
    void aReleaseMadeWhileTheEdgeIsUnreachableReachesItOnceTheLinkIsBack() throws InterruptedException {
        String ticket = TicketId.random().toString();
        String correlation = RecordId.random().toString();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(gateA.admit(correlation, ticket, Optional.empty(), "Gate A", at, Duration.ofSeconds(5)))
                .isEqualTo(new ZoneAdmission.Admitted(false));
        broker.setReachable(false);
        await(() -> !gateA.connected());

        gateA.release(correlation, ticket, Optional.empty(), "Gate A", at);
        Thread.sleep(300);
        assertThat(edge.admitted).hasSize(1);
        assertThat(gateA.pendingReleases()).isEqualTo(1);

        broker.setReachable(true);
        await(() -> edge.admitted.isEmpty());
        await(() -> gateA.pendingReleases() == 0);
        assertThat(edge.admissionRequests).last().satisfies(request -> {
            assertThat(request.kind()).isEqualTo(io.fcs.protocol.message.AdmissionKind.RELEASE);
            assertThat(request.correlationId().toString()).isEqualTo(correlation);
        });
    }

    private void edgePresence(io.fcs.protocol.message.Presence.State state) {
        broker.publish(
                io.fcs.protocol.topic.MqttTopic.zone(io.fcs.protocol.topic.TopicKind.ZONE_EDGE_PRESENCE, FESTIVAL, ZONE)
                        .toString(),
                io.fcs.protocol.message.MessageCodec.standard()
                        .encode(new io.fcs.protocol.message.Presence(
                                new io.fcs.protocol.message.Presence.Edge(io.fcs.protocol.value.EdgeId.random()),
                                state,
                                state == io.fcs.protocol.message.Presence.State.DEATH,
                                "edge-node test",
                                Instant.now(),
                                0,
                                0,
                                0,
                                java.util.Map.of())));
    }

    @Test
    void aGateWhoseEdgeLeftItsLastWillDecidesAloneAtOnceUntilTheEdgeIsBack() {
        String ticket = TicketId.random().toString();
        edgePresence(io.fcs.protocol.message.Presence.State.DEATH);

        ZoneAdmission.Answer whileGone = gateA.admit(
                RecordId.random().toString(), ticket, Optional.empty(), "Gate A", Instant.now(), Duration.ofSeconds(5));

        assertThat(whileGone).isEqualTo(new ZoneAdmission.NoAnswer("edge gone"));
        assertThat(edge.admitted).isEmpty();

        edgePresence(io.fcs.protocol.message.Presence.State.BIRTH);
        ZoneAdmission.Answer back = gateA.admit(
                RecordId.random().toString(), ticket, Optional.empty(), "Gate A", Instant.now(), Duration.ofSeconds(5));
        assertThat(back).isEqualTo(new ZoneAdmission.Admitted(false));
    }

    @Test
    void aGateCutOffFromItsEdgeDoesNotAsk() {
        broker.setReachable(false);

        ZoneAdmission.Answer answer = gateA.admit(
                RecordId.random().toString(),
                TicketId.random().toString(),
                Optional.empty(),
                "Gate A",
                Instant.now(),
                Duration.ofSeconds(5));

        assertThat(answer).isEqualTo(new ZoneAdmission.NoAnswer("offline"));
        assertThat(edge.admitted).isEmpty();
    }
}
