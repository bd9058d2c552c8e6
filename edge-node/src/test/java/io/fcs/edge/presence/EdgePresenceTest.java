package io.fcs.edge.presence;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.Presence;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.topic.TopicParse;
import io.fcs.protocol.topic.TopicPayloads;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.ZoneId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EdgePresenceTest {

    static final Instant NOW = Instant.parse("2026-07-10T21:04:05.123Z");

    final FestivalId festival = FestivalId.random();
    final ZoneId zone = ZoneId.random();
    final EdgeId edge = EdgeId.random();
    final AtomicLong backlog = new AtomicLong(42);
    final EdgePresence presence =
            new EdgePresence(festival, zone, edge, "edge-node 1.2.3", Clock.fixed(NOW, ZoneOffset.UTC), backlog::get);

    private Presence read(byte[] payload) {
        MqttTopic topic = ((TopicParse.Parsed) MqttTopic.parse(presence.topic())).topic();
        return (Presence)
                TopicPayloads.decode(MessageCodec.standard(), topic, payload).orElseThrow();
    }

    @Test
    void theEdgeTellsItsTerminalsItsClockVersionAndBacklogOnTheZonesEdgePresenceTopic() {
        assertThat(presence.topic())
                .isEqualTo(MqttTopic.zone(TopicKind.ZONE_EDGE_PRESENCE, festival, zone)
                        .toString());
        Presence alive = read(presence.alive());
        assertThat(alive.device()).isEqualTo(new Presence.Edge(edge));
        assertThat(alive.state()).isEqualTo(Presence.State.ALIVE);
        assertThat(alive.lastSeen()).isEqualTo(NOW);
        assertThat(alive.appVersion()).isEqualTo("edge-node 1.2.3");
        assertThat(alive.queueDepth()).isEqualTo(42);
        backlog.set(7);
        assertThat(read(presence.birth()).queueDepth()).isEqualTo(7);
        assertThat(read(presence.birth()).state()).isEqualTo(Presence.State.BIRTH);
    }

    @Test
    void onlyTheLastWillIsADeathWithTheWillFlag() {
        Presence will = read(presence.will());
        assertThat(will.state()).isEqualTo(Presence.State.DEATH);
        assertThat(will.lastWill()).isTrue();
        Presence clean = read(presence.death());
        assertThat(clean.state()).isEqualTo(Presence.State.DEATH);
        assertThat(clean.lastWill()).isFalse();
    }

    @Test
    void aBacklogBeyondTheFieldIsReportedAsItsMaximum() {
        backlog.set(Long.MAX_VALUE);
        assertThat(read(presence.alive()).queueDepth()).isEqualTo(Integer.MAX_VALUE);
    }
}
