package io.fcs.protocol.topic;

import java.util.Optional;

/**
 * Topic access rules for the brokers' authorisation hooks. A client's identity comes from its
 * certificate; a topic's publisher role and ids come from {@link TopicKind} and the topic itself.
 *
 * <ul>
 *   <li>A terminal publishes only on its own terminal topics (its festival, zone and terminal id)
 *       and subscribes only to its own answers and its own zone's broadcasts.
 *   <li>An edge publishes its zone's broadcasts, answers to its zone's terminals, and its own
 *       uplink topics; it subscribes to its zone's terminal topics, its own downlink and the
 *       festival-wide lists of its festival.
 *   <li>Central publishes downlinks (acks, config, prices, festival-wide lists) and subscribes to
 *       uplinks, for every festival.
 * </ul>
 *
 * Anything that does not parse as a topic of this namespace is denied.
 */
public final class TopicAcl {

    private TopicAcl() {}

    /** May {@code who} publish on {@code topic}? */
    public static boolean mayPublish(DeviceIdentity who, String topic) {
        return parsed(topic)
                .filter(t -> t.kind().publisher() == who.role())
                .filter(t -> inReach(who, t))
                .isPresent();
    }

    /**
     * May {@code who} subscribe with {@code filter}? A concrete topic is allowed when the role
     * subscribes to its kind and the ids are within reach; a wildcard filter only when it is one of
     * the filters {@link Subscriptions#of(DeviceIdentity)} hands that identity (central may prefix
     * them with any {@code $share/{group}/}).
     */
    public static boolean maySubscribe(DeviceIdentity who, String filter) {
        if (filter == null || filter.isEmpty() || filter.length() > MqttTopic.MAX_LENGTH + 80) {
            return false;
        }
        if (filter.indexOf('+') >= 0 || filter.indexOf('#') >= 0 || filter.startsWith("$share/")) {
            String plain = filter;
            if (filter.startsWith("$share/")) {
                if (who.role() != Role.CENTRAL) {
                    return false;
                }
                int groupEnd = filter.indexOf('/', "$share/".length());
                if (groupEnd < 0) {
                    return false;
                }
                plain = filter.substring(groupEnd + 1);
            }
            String candidate = plain;
            return Subscriptions.of(who).stream()
                    .anyMatch(allowed -> allowed.filter().equals(candidate));
        }
        return parsed(filter)
                .filter(t -> t.kind().subscribedBy(who.role()))
                .filter(t -> inReach(who, t))
                .isPresent();
    }

    private static Optional<MqttTopic> parsed(String topic) {
        return MqttTopic.parse(topic) instanceof TopicParse.Parsed parsed
                ? Optional.of(parsed.topic())
                : Optional.empty();
    }

    /** Whether the ids in the topic belong to the identity (its festival, zone, terminal or edge). */
    private static boolean inReach(DeviceIdentity who, MqttTopic topic) {
        return switch (who) {
            case DeviceIdentity.Terminal t ->
                topic.festival().equals(t.festival())
                        && topic.zone().equals(Optional.of(t.zone()))
                        && (topic.kind().scope() != TopicScope.TERMINAL
                                || topic.terminal().equals(Optional.of(t.terminal())));
            case DeviceIdentity.Edge e ->
                topic.festival().equals(e.festival())
                        && switch (topic.kind().scope()) {
                            case TERMINAL, ZONE -> topic.zone().equals(Optional.of(e.zone()));
                            case EDGE -> topic.edge().equals(Optional.of(e.edge()));
                            case FESTIVAL -> true;
                        };
            case DeviceIdentity.Central c -> true;
        };
    }
}
