package io.fcs.protocol.topic;

import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What each role subscribes to, derived from {@link TopicKind}. A terminal subscribes to its own
 * answers and its zone's broadcasts; an edge to its terminals' topics on its zone broker and to its
 * own and festival-wide topics on the central broker; central to every edge's uplink topics.
 */
public final class Subscriptions {

    private static final Pattern SHARE_GROUP = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private Subscriptions() {}

    /** A terminal, on its zone's edge broker: its ack and auth answers, and every zone broadcast. */
    public static List<TopicFilter> terminal(FestivalId festival, ZoneId zone, TerminalId terminal) {
        List<TopicFilter> filters = new ArrayList<>();
        for (TopicKind kind : TopicKind.values()) {
            if (!kind.subscribedBy(Role.TERMINAL)) {
                continue;
            }
            MqttTopic topic =
                    switch (kind.scope()) {
                        case TERMINAL -> MqttTopic.terminal(kind, festival, zone, terminal);
                        case ZONE -> MqttTopic.zone(kind, festival, zone);
                        case EDGE, FESTIVAL -> throw new IllegalStateException(kind + " is not on a zone broker");
                    };
            filters.add(new TopicFilter(topic.toString(), kind.qos(), kind));
        }
        return List.copyOf(filters);
    }

    /** An edge, on its own zone broker: every terminal's records, auth requests, check-ins, presence. */
    public static List<TopicFilter> edgeOnZoneBroker(FestivalId festival, ZoneId zone) {
        Objects.requireNonNull(festival, "festival");
        Objects.requireNonNull(zone, "zone");
        List<TopicFilter> filters = new ArrayList<>();
        for (TopicKind kind : TopicKind.values()) {
            if (kind.subscribedBy(Role.EDGE) && kind.scope() == TopicScope.TERMINAL) {
                String filter = MqttTopic.ROOT + "/" + MqttTopic.VERSION + "/" + festival + "/" + zone + "/"
                        + MqttTopic.TERMINAL_LEVEL + "/+/" + kind.suffix();
                filters.add(new TopicFilter(filter, kind.qos(), kind));
            }
        }
        return List.copyOf(filters);
    }

    /** An edge, on the central broker: its ack, config and prices, and the festival-wide lists and check-ins. */
    public static List<TopicFilter> edgeOnCentralBroker(FestivalId festival, EdgeId edge) {
        List<TopicFilter> filters = new ArrayList<>();
        for (TopicKind kind : TopicKind.values()) {
            if (!kind.subscribedBy(Role.EDGE)) {
                continue;
            }
            MqttTopic topic =
                    switch (kind.scope()) {
                        case EDGE -> MqttTopic.edge(kind, festival, edge);
                        case FESTIVAL -> MqttTopic.festival(kind, festival);
                        case TERMINAL, ZONE -> null;
                    };
            if (topic != null) {
                filters.add(new TopicFilter(topic.toString(), kind.qos(), kind));
            }
        }
        return List.copyOf(filters);
    }

    /**
     * Central, on the central broker: every edge's uplink topics of every festival. With a share
     * group, the filters are MQTT 5 shared subscriptions ({@code $share/{group}/…}) so several
     * central instances split the load.
     */
    public static List<TopicFilter> central(Optional<String> shareGroup) {
        Objects.requireNonNull(shareGroup, "shareGroup");
        shareGroup.ifPresent(group -> {
            if (!SHARE_GROUP.matcher(group).matches()) {
                throw new IllegalArgumentException("share group must be 1..64 of [A-Za-z0-9_-], was " + group);
            }
        });
        String prefix = shareGroup.map(group -> "$share/" + group + "/").orElse("");
        List<TopicFilter> filters = new ArrayList<>();
        for (TopicKind kind : TopicKind.values()) {
            if (kind.subscribedBy(Role.CENTRAL) && kind.scope() == TopicScope.EDGE) {
                String filter = prefix + MqttTopic.ROOT + "/" + MqttTopic.VERSION + "/+/" + MqttTopic.EDGE_LEVEL + "/+/"
                        + kind.suffix();
                filters.add(new TopicFilter(filter, kind.qos(), kind));
            }
        }
        return List.copyOf(filters);
    }

    /** The filters an identity subscribes to, on every broker it uses. */
    public static List<TopicFilter> of(DeviceIdentity identity) {
        return switch (identity) {
            case DeviceIdentity.Terminal t -> terminal(t.festival(), t.zone(), t.terminal());
            case DeviceIdentity.Edge e -> {
                List<TopicFilter> all = new ArrayList<>(edgeOnZoneBroker(e.festival(), e.zone()));
                all.addAll(edgeOnCentralBroker(e.festival(), e.edge()));
                yield List.copyOf(all);
            }
            case DeviceIdentity.Central c -> central(Optional.empty());
        };
    }
}
