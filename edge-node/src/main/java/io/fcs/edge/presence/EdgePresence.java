package io.fcs.edge.presence;

import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.Presence;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.ZoneId;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The edge's own presence towards its terminals, on the zone's retained {@code edge/presence}
 * topic (decision 0251): {@code BIRTH} when its session is up, {@code ALIVE} every {@link
 * #INTERVAL}, {@code DEATH} when it stops cleanly, and a {@code DEATH} with the last-will flag
 * registered as its MQTT will. Each carries the edge's clock (what terminals measure their skew
 * against), its version and its uplink backlog (records central has not confirmed).
 */
public final class EdgePresence {

    /** How often the edge tells its terminals it is alive (and what time it is). */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private final EdgeId edge;
    private final String topic;
    private final String version;
    private final Clock clock;
    private final LongSupplier backlog;
    private final MessageCodec codec = MessageCodec.standard();

    public EdgePresence(
            FestivalId festival, ZoneId zone, EdgeId edge, String version, Clock clock, LongSupplier backlog) {
        this.edge = edge;
        this.topic =
                MqttTopic.zone(TopicKind.ZONE_EDGE_PRESENCE, festival, zone).toString();
        this.version = version;
        this.clock = clock;
        this.backlog = backlog;
    }

    /** The version an edge reports: the jar's implementation version, else {@code dev}. */
    public static String runningVersion() {
        String v = EdgePresence.class.getPackage().getImplementationVersion();
        return "edge-node " + (v == null || v.isBlank() ? "dev" : v);
    }

    public String topic() {
        return topic;
    }

    public byte[] birth() {
        return message(Presence.State.BIRTH, false);
    }

    public byte[] alive() {
        return message(Presence.State.ALIVE, false);
    }

    /** A clean stop. */
    public byte[] death() {
        return message(Presence.State.DEATH, false);
    }

    /** The last will the broker publishes when the edge vanishes (its clock is when it was registered). */
    public byte[] will() {
        return message(Presence.State.DEATH, true);
    }

    private byte[] message(Presence.State state, boolean lastWill) {
        long held = Math.max(0, Math.min(Integer.MAX_VALUE, backlog.getAsLong()));
        return codec.encode(new Presence(
                new Presence.Edge(edge), state, lastWill, version, clock.instant(), (int) held, 0, 0, Map.of()));
    }
}
