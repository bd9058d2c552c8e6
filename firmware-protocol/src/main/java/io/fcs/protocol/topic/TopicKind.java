package io.fcs.protocol.topic;

import io.fcs.protocol.message.MessageType;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Every topic of namespace {@code fcs/v1}: where it sits, who publishes and who subscribes, its
 * QoS, whether it is retained, and the one message type its payloads carry. This table is the
 * source of {@code docs/protocol.md}'s topic table and of {@link TopicAcl}.
 */
public enum TopicKind {
    // zone broker: fcs/v1/{festivalId}/{zoneId}/t/{terminalId}/...
    TERMINAL_RECORDS(
            TopicScope.TERMINAL, "records", Role.TERMINAL, EnumSet.of(Role.EDGE), 1, false, MessageType.RECORD_BATCH),
    TERMINAL_ACK(TopicScope.TERMINAL, "ack", Role.EDGE, EnumSet.of(Role.TERMINAL), 1, false, MessageType.WATERMARK_ACK),
    AUTH_REQUEST(
            TopicScope.TERMINAL,
            "auth/req",
            Role.TERMINAL,
            EnumSet.of(Role.EDGE),
            1,
            false,
            MessageType.AUTHORISATION_REQUEST),
    AUTH_ANSWER(
            TopicScope.TERMINAL,
            "auth/res",
            Role.EDGE,
            EnumSet.of(Role.TERMINAL),
            1,
            false,
            MessageType.AUTHORISATION_ANSWER),
    ADMISSION_REQUEST(
            TopicScope.TERMINAL,
            "admission/req",
            Role.TERMINAL,
            EnumSet.of(Role.EDGE),
            1,
            false,
            MessageType.ADMISSION_REQUEST),
    ADMISSION_ANSWER(
            TopicScope.TERMINAL,
            "admission/res",
            Role.EDGE,
            EnumSet.of(Role.TERMINAL),
            1,
            false,
            MessageType.ADMISSION_ANSWER),
    TERMINAL_CHECKINS(
            TopicScope.TERMINAL, "checkins", Role.TERMINAL, EnumSet.of(Role.EDGE), 1, false, MessageType.CHECK_IN),
    TERMINAL_PRESENCE(
            TopicScope.TERMINAL, "presence", Role.TERMINAL, EnumSet.of(Role.EDGE), 1, true, MessageType.PRESENCE),
    // zone broker: fcs/v1/{festivalId}/{zoneId}/...
    ZONE_CHECKINS(
            TopicScope.ZONE, "zone/checkins", Role.EDGE, EnumSet.of(Role.TERMINAL), 1, false, MessageType.CHECK_IN),
    ZONE_CONFIG(
            TopicScope.ZONE, "zone/config", Role.EDGE, EnumSet.of(Role.TERMINAL), 1, true, MessageType.CONFIGURATION),
    ZONE_PRICES(TopicScope.ZONE, "zone/prices", Role.EDGE, EnumSet.of(Role.TERMINAL), 1, true, MessageType.PRICE_LIST),
    ZONE_DENY(TopicScope.ZONE, "zone/deny", Role.EDGE, EnumSet.of(Role.TERMINAL), 1, true, MessageType.DENY_LIST),
    ZONE_REVOCATIONS(
            TopicScope.ZONE,
            "zone/revocations",
            Role.EDGE,
            EnumSet.of(Role.TERMINAL),
            1,
            true,
            MessageType.TICKET_REVOCATIONS),
    ZONE_CREDITS(
            TopicScope.ZONE,
            "zone/credits",
            Role.EDGE,
            EnumSet.of(Role.TERMINAL),
            1,
            true,
            MessageType.PENDING_CREDITS),
    ZONE_EDGE_PRESENCE(
            TopicScope.ZONE, "edge/presence", Role.EDGE, EnumSet.of(Role.TERMINAL), 1, true, MessageType.PRESENCE),
    // central broker: fcs/v1/{festivalId}/edge/{edgeId}/...
    UPLINK_RECORDS(TopicScope.EDGE, "records", Role.EDGE, EnumSet.of(Role.CENTRAL), 1, false, MessageType.RECORD_BATCH),
    UPLINK_ACK(TopicScope.EDGE, "ack", Role.CENTRAL, EnumSet.of(Role.EDGE), 1, false, MessageType.WATERMARK_ACK),
    UPLINK_CHECKINS(TopicScope.EDGE, "checkins", Role.EDGE, EnumSet.of(Role.CENTRAL), 1, false, MessageType.CHECK_IN),
    UPLINK_PRESENCE(TopicScope.EDGE, "presence", Role.EDGE, EnumSet.of(Role.CENTRAL), 1, true, MessageType.PRESENCE),
    EDGE_CONFIG(TopicScope.EDGE, "config", Role.CENTRAL, EnumSet.of(Role.EDGE), 1, true, MessageType.CONFIGURATION),
    EDGE_PRICES(TopicScope.EDGE, "prices", Role.CENTRAL, EnumSet.of(Role.EDGE), 1, true, MessageType.PRICE_LIST),
    // central broker: fcs/v1/{festivalId}/festival/...
    FESTIVAL_CHECKINS(
            TopicScope.FESTIVAL, "checkins", Role.CENTRAL, EnumSet.of(Role.EDGE), 1, false, MessageType.CHECK_IN),
    FESTIVAL_DENY(TopicScope.FESTIVAL, "deny", Role.CENTRAL, EnumSet.of(Role.EDGE), 1, true, MessageType.DENY_LIST),
    FESTIVAL_REVOCATIONS(
            TopicScope.FESTIVAL,
            "revocations",
            Role.CENTRAL,
            EnumSet.of(Role.EDGE),
            1,
            true,
            MessageType.TICKET_REVOCATIONS),
    FESTIVAL_CREDITS(
            TopicScope.FESTIVAL, "credits", Role.CENTRAL, EnumSet.of(Role.EDGE), 1, true, MessageType.PENDING_CREDITS);

    private final TopicScope scope;
    private final String suffix;
    private final Role publisher;
    private final Set<Role> subscribers;
    private final int qos;
    private final boolean retained;
    private final MessageType messageType;

    TopicKind(
            TopicScope scope,
            String suffix,
            Role publisher,
            Set<Role> subscribers,
            int qos,
            boolean retained,
            MessageType messageType) {
        this.scope = scope;
        this.suffix = suffix;
        this.publisher = publisher;
        this.subscribers = subscribers;
        this.qos = qos;
        this.retained = retained;
        this.messageType = messageType;
    }

    public TopicScope scope() {
        return scope;
    }

    /** The levels after the scope's prefix, e.g. {@code auth/req}. */
    public String suffix() {
        return suffix;
    }

    /** The only role allowed to publish on this topic. */
    public Role publisher() {
        return publisher;
    }

    public Set<Role> subscribers() {
        return EnumSet.copyOf(subscribers);
    }

    public boolean subscribedBy(Role role) {
        return subscribers.contains(role);
    }

    /** The MQTT QoS to publish and subscribe with. */
    public int qos() {
        return qos;
    }

    /** Whether publishers set the retain flag (the latest full list or presence stays on the broker). */
    public boolean retained() {
        return retained;
    }

    /** The message type every payload on this topic must have. */
    public MessageType messageType() {
        return messageType;
    }

    static Optional<TopicKind> of(TopicScope scope, String suffix) {
        for (TopicKind kind : values()) {
            if (kind.scope == scope && kind.suffix.equals(suffix)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }
}
