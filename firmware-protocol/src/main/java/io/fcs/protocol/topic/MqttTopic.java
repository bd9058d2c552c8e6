package io.fcs.protocol.topic;

import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A concrete topic of the versioned {@code fcs/v1} namespace: a {@link TopicKind} and the ids its
 * scope needs. Build it with the typed factories, print it with {@link #toString()}, and read a
 * received topic back with {@link #parse(String)}, which refuses anything not built here.
 *
 * <pre>
 *  fcs/v1/{festivalId}/{zoneId}/t/{terminalId}/{records|ack|auth/req|auth/res|admission/req|admission/res|checkins|presence}
 *  fcs/v1/{festivalId}/{zoneId}/{zone/checkins|zone/config|zone/prices|zone/deny|zone/revocations|zone/credits|edge/presence}
 *  fcs/v1/{festivalId}/edge/{edgeId}/{records|ack|checkins|presence|config|prices}
 *  fcs/v1/{festivalId}/festival/{checkins|deny|revocations|credits}
 * </pre>
 *
 * Ids are lower-case canonical UUIDs, so that one topic has exactly one spelling (broker ACLs
 * compare strings).
 */
public final class MqttTopic {

    public static final String ROOT = "fcs";
    public static final String VERSION = "v1";
    /** Level after the zone id that introduces a terminal. */
    static final String TERMINAL_LEVEL = "t";
    /** Level after the festival id that introduces an edge. */
    static final String EDGE_LEVEL = "edge";
    /** Level after the festival id that introduces festival-wide topics. */
    static final String FESTIVAL_LEVEL = "festival";
    /** No topic of this namespace is longer; longer strings are refused before any parsing. */
    public static final int MAX_LENGTH = 256;

    private static final Pattern LOWER_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final TopicKind kind;
    private final FestivalId festival;
    private final ZoneId zone;
    private final TerminalId terminal;
    private final EdgeId edge;
    private final String text;

    private MqttTopic(TopicKind kind, FestivalId festival, ZoneId zone, TerminalId terminal, EdgeId edge) {
        this.kind = kind;
        this.festival = festival;
        this.zone = zone;
        this.terminal = terminal;
        this.edge = edge;
        this.text = render();
    }

    /** A terminal topic: {@code fcs/v1/{festivalId}/{zoneId}/t/{terminalId}/…}. */
    public static MqttTopic terminal(TopicKind kind, FestivalId festival, ZoneId zone, TerminalId terminal) {
        requireScope(kind, TopicScope.TERMINAL);
        return new MqttTopic(
                kind,
                Objects.requireNonNull(festival, "festival"),
                Objects.requireNonNull(zone, "zone"),
                Objects.requireNonNull(terminal, "terminal"),
                null);
    }

    /** A zone topic: {@code fcs/v1/{festivalId}/{zoneId}/…}. */
    public static MqttTopic zone(TopicKind kind, FestivalId festival, ZoneId zone) {
        requireScope(kind, TopicScope.ZONE);
        return new MqttTopic(
                kind, Objects.requireNonNull(festival, "festival"), Objects.requireNonNull(zone, "zone"), null, null);
    }

    /** An edge uplink topic: {@code fcs/v1/{festivalId}/edge/{edgeId}/…}. */
    public static MqttTopic edge(TopicKind kind, FestivalId festival, EdgeId edge) {
        requireScope(kind, TopicScope.EDGE);
        return new MqttTopic(
                kind, Objects.requireNonNull(festival, "festival"), null, null, Objects.requireNonNull(edge, "edge"));
    }

    /** A festival-wide topic: {@code fcs/v1/{festivalId}/festival/…}. */
    public static MqttTopic festival(TopicKind kind, FestivalId festival) {
        requireScope(kind, TopicScope.FESTIVAL);
        return new MqttTopic(kind, Objects.requireNonNull(festival, "festival"), null, null, null);
    }

    private static void requireScope(TopicKind kind, TopicScope scope) {
        Objects.requireNonNull(kind, "kind");
        if (kind.scope() != scope) {
            throw new IllegalArgumentException(kind + " is a " + kind.scope() + " topic, not a " + scope + " topic");
        }
    }

    /** Reads a topic string back into its kind and ids; refuses anything this namespace does not define. */
    public static TopicParse parse(String topic) {
        if (topic == null || topic.isEmpty()) {
            return refused(TopicRefusal.EMPTY, "empty topic");
        }
        if (topic.length() > MAX_LENGTH) {
            return refused(TopicRefusal.TOO_LONG, topic.length() + " characters, at most " + MAX_LENGTH);
        }
        if (topic.indexOf('+') >= 0 || topic.indexOf('#') >= 0 || topic.indexOf('\0') >= 0) {
            return refused(TopicRefusal.WILDCARD, "wildcards or NUL in a topic name: " + topic);
        }
        String[] levels = topic.split("/", -1);
        if (!levels[0].equals(ROOT)) {
            return refused(TopicRefusal.FOREIGN_ROOT, "not under " + ROOT + "/: " + topic);
        }
        if (levels.length < 2 || !levels[1].equals(VERSION)) {
            return refused(
                    TopicRefusal.UNKNOWN_VERSION, "namespace version " + (levels.length < 2 ? "missing" : levels[1]));
        }
        if (levels.length < 5) {
            return refused(TopicRefusal.UNKNOWN_KIND, "too few levels: " + topic);
        }
        Optional<UUID> festivalUuid = uuid(levels[2]);
        if (festivalUuid.isEmpty()) {
            return refused(TopicRefusal.MALFORMED_ID, "festival id " + levels[2]);
        }
        FestivalId festival = FestivalId.of(festivalUuid.get());
        String third = levels[3];
        if (third.equals(EDGE_LEVEL)) {
            Optional<UUID> edgeUuid = uuid(levels[4]);
            if (edgeUuid.isEmpty()) {
                return refused(TopicRefusal.MALFORMED_ID, "edge id " + levels[4]);
            }
            return kind(TopicScope.EDGE, levels, 5, topic)
                    .map(kind -> parsed(new MqttTopic(kind, festival, null, null, EdgeId.of(edgeUuid.get()))))
                    .orElseGet(() -> unknownKind(topic));
        }
        if (third.equals(FESTIVAL_LEVEL)) {
            return kind(TopicScope.FESTIVAL, levels, 4, topic)
                    .map(kind -> parsed(new MqttTopic(kind, festival, null, null, null)))
                    .orElseGet(() -> unknownKind(topic));
        }
        Optional<UUID> zoneUuid = uuid(third);
        if (zoneUuid.isEmpty()) {
            return refused(TopicRefusal.MALFORMED_ID, "zone id " + third);
        }
        ZoneId zone = ZoneId.of(zoneUuid.get());
        if (levels[4].equals(TERMINAL_LEVEL)) {
            if (levels.length < 7) {
                return unknownKind(topic);
            }
            Optional<UUID> terminalUuid = uuid(levels[5]);
            if (terminalUuid.isEmpty()) {
                return refused(TopicRefusal.MALFORMED_ID, "terminal id " + levels[5]);
            }
            return kind(TopicScope.TERMINAL, levels, 6, topic)
                    .map(kind -> parsed(new MqttTopic(kind, festival, zone, TerminalId.of(terminalUuid.get()), null)))
                    .orElseGet(() -> unknownKind(topic));
        }
        return kind(TopicScope.ZONE, levels, 4, topic)
                .map(kind -> parsed(new MqttTopic(kind, festival, zone, null, null)))
                .orElseGet(() -> unknownKind(topic));
    }

    private static Optional<TopicKind> kind(TopicScope scope, String[] levels, int from, String topic) {
        if (from >= levels.length) {
            return Optional.empty();
        }
        return TopicKind.of(scope, String.join("/", java.util.Arrays.copyOfRange(levels, from, levels.length)));
    }

    private static Optional<UUID> uuid(String level) {
        return LOWER_UUID.matcher(level).matches() ? Optional.of(UUID.fromString(level)) : Optional.empty();
    }

    private static TopicParse parsed(MqttTopic topic) {
        return new TopicParse.Parsed(topic);
    }

    private static TopicParse unknownKind(String topic) {
        return refused(TopicRefusal.UNKNOWN_KIND, "no topic kind matches " + topic);
    }

    private static TopicParse refused(TopicRefusal reason, String detail) {
        return new TopicParse.Refused(reason, detail);
    }

    private String render() {
        String prefix = ROOT + "/" + VERSION + "/" + festival + "/";
        return switch (kind.scope()) {
            case TERMINAL -> prefix + zone + "/" + TERMINAL_LEVEL + "/" + terminal + "/" + kind.suffix();
            case ZONE -> prefix + zone + "/" + kind.suffix();
            case EDGE -> prefix + EDGE_LEVEL + "/" + edge + "/" + kind.suffix();
            case FESTIVAL -> prefix + FESTIVAL_LEVEL + "/" + kind.suffix();
        };
    }

    public TopicKind kind() {
        return kind;
    }

    public FestivalId festival() {
        return festival;
    }

    /** Present for terminal and zone topics. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    /** Present for terminal topics. */
    public Optional<TerminalId> terminal() {
        return Optional.ofNullable(terminal);
    }

    /** Present for edge uplink topics. */
    public Optional<EdgeId> edge() {
        return Optional.ofNullable(edge);
    }

    public int qos() {
        return kind.qos();
    }

    public boolean retained() {
        return kind.retained();
    }

    /** The topic string to publish to. */
    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MqttTopic that && text.equals(that.text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
