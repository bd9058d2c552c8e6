package io.fcs.protocol.topic;

import static io.fcs.protocol.topic.MqttTopicTest.EDGE;
import static io.fcs.protocol.topic.MqttTopicTest.FESTIVAL;
import static io.fcs.protocol.topic.MqttTopicTest.TERMINAL;
import static io.fcs.protocol.topic.MqttTopicTest.ZONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TopicAclTest {

    private static final TerminalId OTHER_TERMINAL = TerminalId.parse("71000000-0000-4000-8000-000000000005");
    private static final ZoneId OTHER_ZONE = ZoneId.parse("21000000-0000-4000-8000-000000000006");
    private static final FestivalId OTHER_FESTIVAL = FestivalId.parse("f1000000-0000-4000-8000-000000000007");
    private static final EdgeId OTHER_EDGE = EdgeId.parse("e1000000-0000-4000-8000-000000000008");

    private final DeviceIdentity terminal = new DeviceIdentity.Terminal(FESTIVAL, ZONE, TERMINAL);
    private final DeviceIdentity edge = new DeviceIdentity.Edge(FESTIVAL, ZONE, EDGE);
    private final DeviceIdentity central = new DeviceIdentity.Central();

    private static String t(TopicKind kind, TerminalId who) {
        return MqttTopic.terminal(kind, FESTIVAL, ZONE, who).toString();
    }

    private static String z(TopicKind kind) {
        return MqttTopic.zone(kind, FESTIVAL, ZONE).toString();
    }

    @Test
    void aTerminalPublishesItsOwnRecordsRequestsCheckInsAndPresence() {
        assertThat(TopicAcl.mayPublish(terminal, t(TopicKind.TERMINAL_RECORDS, TERMINAL)))
                .isTrue();
        assertThat(TopicAcl.mayPublish(terminal, t(TopicKind.AUTH_REQUEST, TERMINAL)))
                .isTrue();
        assertThat(TopicAcl.mayPublish(terminal, t(TopicKind.TERMINAL_CHECKINS, TERMINAL)))
                .isTrue();
        assertThat(TopicAcl.mayPublish(terminal, t(TopicKind.TERMINAL_PRESENCE, TERMINAL)))
                .isTrue();
    }

    @Test
    void aTerminalCannotPublishAsAnotherTerminal() {
        for (TopicKind kind : TopicKind.values()) {
            if (kind.scope() == TopicScope.TERMINAL) {
                assertThat(TopicAcl.mayPublish(terminal, t(kind, OTHER_TERMINAL)))
                        .as(kind.name())
                        .isFalse();
            }
        }
    }

    @Test
    void aTerminalCannotPublishInAnotherZoneOrFestival() {
        assertThat(TopicAcl.mayPublish(
                        terminal,
                        MqttTopic.terminal(TopicKind.TERMINAL_RECORDS, FESTIVAL, OTHER_ZONE, TERMINAL)
                                .toString()))
                .isFalse();
        assertThat(TopicAcl.mayPublish(
                        terminal,
                        MqttTopic.terminal(TopicKind.TERMINAL_RECORDS, OTHER_FESTIVAL, ZONE, TERMINAL)
                                .toString()))
                .isFalse();
    }

    @Test
    void aTerminalCannotPublishZoneListsAcksOrAnswers() {
        for (TopicKind kind : TopicKind.values()) {
            if (kind.scope() == TopicScope.ZONE) {
                assertThat(TopicAcl.mayPublish(terminal, z(kind)))
                        .as(kind.name())
                        .isFalse();
            }
        }
        assertThat(TopicAcl.mayPublish(terminal, t(TopicKind.TERMINAL_ACK, TERMINAL)))
                .isFalse();
        assertThat(TopicAcl.mayPublish(terminal, t(TopicKind.AUTH_ANSWER, TERMINAL)))
                .isFalse();
        assertThat(TopicAcl.mayPublish(
                        terminal,
                        MqttTopic.edge(TopicKind.UPLINK_RECORDS, FESTIVAL, EDGE).toString()))
                .isFalse();
    }

    @Test
    void aTerminalSubscribesToItsAnswersAndItsZoneButNotToOthers() {
        assertThat(TopicAcl.maySubscribe(terminal, t(TopicKind.TERMINAL_ACK, TERMINAL)))
                .isTrue();
        assertThat(TopicAcl.maySubscribe(terminal, t(TopicKind.AUTH_ANSWER, TERMINAL)))
                .isTrue();
        assertThat(TopicAcl.maySubscribe(terminal, z(TopicKind.ZONE_DENY))).isTrue();
        assertThat(TopicAcl.maySubscribe(terminal, t(TopicKind.TERMINAL_ACK, OTHER_TERMINAL)))
                .isFalse();
        assertThat(TopicAcl.maySubscribe(terminal, t(TopicKind.AUTH_ANSWER, OTHER_TERMINAL)))
                .isFalse();
        assertThat(TopicAcl.maySubscribe(terminal, t(TopicKind.TERMINAL_RECORDS, OTHER_TERMINAL)))
                .isFalse();
        assertThat(TopicAcl.maySubscribe(
                        terminal,
                        MqttTopic.zone(TopicKind.ZONE_DENY, FESTIVAL, OTHER_ZONE)
                                .toString()))
                .isFalse();
        assertThat(TopicAcl.maySubscribe(terminal, "fcs/v1/" + FESTIVAL + "/" + ZONE + "/t/+/ack"))
                .isFalse();
        assertThat(TopicAcl.maySubscribe(terminal, "fcs/#")).isFalse();
        assertThat(TopicAcl.maySubscribe(terminal, "#")).isFalse();
    }

    @Test
    void everyFilterHandedToARoleIsAllowedForIt() {
        for (DeviceIdentity who : new DeviceIdentity[] {terminal, edge, central}) {
            for (TopicFilter filter : Subscriptions.of(who)) {
                assertThat(TopicAcl.maySubscribe(who, filter.filter()))
                        .as(who + " " + filter)
                        .isTrue();
            }
        }
        for (TopicFilter filter : Subscriptions.central(Optional.of("central"))) {
            assertThat(TopicAcl.maySubscribe(central, filter.filter()))
                    .as(filter.filter())
                    .isTrue();
            assertThat(TopicAcl.maySubscribe(edge, filter.filter()))
                    .as(filter.filter())
                    .isFalse();
        }
    }

    @Test
    void anEdgeServesOnlyItsZoneAndPublishesUplinkOnlyAsItself() {
        assertThat(TopicAcl.mayPublish(edge, z(TopicKind.ZONE_DENY))).isTrue();
        assertThat(TopicAcl.mayPublish(edge, t(TopicKind.TERMINAL_ACK, OTHER_TERMINAL)))
                .isTrue();
        assertThat(TopicAcl.mayPublish(
                        edge,
                        MqttTopic.zone(TopicKind.ZONE_DENY, FESTIVAL, OTHER_ZONE)
                                .toString()))
                .isFalse();
        assertThat(TopicAcl.mayPublish(
                        edge,
                        MqttTopic.edge(TopicKind.UPLINK_RECORDS, FESTIVAL, EDGE).toString()))
                .isTrue();
        assertThat(TopicAcl.mayPublish(
                        edge,
                        MqttTopic.edge(TopicKind.UPLINK_RECORDS, FESTIVAL, OTHER_EDGE)
                                .toString()))
                .isFalse();
        assertThat(TopicAcl.mayPublish(edge, t(TopicKind.TERMINAL_RECORDS, TERMINAL)))
                .isFalse();
        assertThat(TopicAcl.mayPublish(
                        edge,
                        MqttTopic.festival(TopicKind.FESTIVAL_DENY, FESTIVAL).toString()))
                .isFalse();
        assertThat(TopicAcl.mayPublish(
                        edge,
                        MqttTopic.edge(TopicKind.UPLINK_ACK, FESTIVAL, EDGE).toString()))
                .isFalse();
        assertThat(TopicAcl.maySubscribe(
                        edge,
                        MqttTopic.edge(TopicKind.UPLINK_ACK, FESTIVAL, OTHER_EDGE)
                                .toString()))
                .isFalse();
        assertThat(TopicAcl.maySubscribe(
                        edge,
                        MqttTopic.festival(TopicKind.FESTIVAL_DENY, OTHER_FESTIVAL)
                                .toString()))
                .isFalse();
    }

    @Test
    void centralPublishesDownlinksAndCannotSpeakForTerminalsOrEdges() {
        assertThat(TopicAcl.mayPublish(
                        central,
                        MqttTopic.edge(TopicKind.UPLINK_ACK, FESTIVAL, EDGE).toString()))
                .isTrue();
        assertThat(TopicAcl.mayPublish(
                        central,
                        MqttTopic.festival(TopicKind.FESTIVAL_DENY, FESTIVAL).toString()))
                .isTrue();
        assertThat(TopicAcl.mayPublish(
                        central,
                        MqttTopic.edge(TopicKind.UPLINK_RECORDS, FESTIVAL, EDGE).toString()))
                .isFalse();
        assertThat(TopicAcl.mayPublish(central, t(TopicKind.TERMINAL_RECORDS, TERMINAL)))
                .isFalse();
    }

    @Test
    void malformedTopicsAreNeverAllowed() {
        for (DeviceIdentity who : new DeviceIdentity[] {terminal, edge, central}) {
            assertThat(TopicAcl.mayPublish(who, "fcs/v1/x")).isFalse();
            assertThat(TopicAcl.mayPublish(who, "")).isFalse();
            assertThat(TopicAcl.maySubscribe(who, "fcs/v1/+/+/+/+/+")).isFalse();
            assertThat(TopicAcl.maySubscribe(who, "$share/x/#")).isFalse();
        }
    }

    @Test
    void filtersMatchTheTopicsTheyAreMeantFor() {
        TopicFilter records = Subscriptions.edgeOnZoneBroker(FESTIVAL, ZONE).stream()
                .filter(f -> f.kind() == TopicKind.TERMINAL_RECORDS)
                .findFirst()
                .orElseThrow();
        assertThat(records.matches(t(TopicKind.TERMINAL_RECORDS, OTHER_TERMINAL)))
                .isTrue();
        assertThat(records.matches(t(TopicKind.TERMINAL_PRESENCE, OTHER_TERMINAL)))
                .isFalse();
        assertThat(records.matches(MqttTopic.terminal(TopicKind.TERMINAL_RECORDS, FESTIVAL, OTHER_ZONE, TERMINAL)
                        .toString()))
                .isFalse();
        TopicFilter shared = Subscriptions.central(Optional.of("g1")).getFirst();
        assertThat(shared.filter()).startsWith("$share/g1/fcs/v1/+/edge/+/");
        assertThat(shared.matches(MqttTopic.edge(shared.kind(), OTHER_FESTIVAL, OTHER_EDGE)
                        .toString()))
                .isTrue();
    }

    @Test
    void aTerminalSubscribesToEveryZoneBroadcastAndItsOwnAnswers() {
        assertThat(Subscriptions.terminal(FESTIVAL, ZONE, TERMINAL).stream().map(TopicFilter::kind))
                .containsExactlyInAnyOrder(
                        TopicKind.TERMINAL_ACK,
                        TopicKind.AUTH_ANSWER,
                        TopicKind.ADMISSION_ANSWER,
                        TopicKind.ZONE_CHECKINS,
                        TopicKind.ZONE_CONFIG,
                        TopicKind.ZONE_PRICES,
                        TopicKind.ZONE_DENY,
                        TopicKind.ZONE_REVOCATIONS,
                        TopicKind.ZONE_CREDITS,
                        TopicKind.ZONE_EDGE_PRESENCE);
    }
}
