package io.fcs.protocol.topic;

/**
 * Which ids a topic carries, i.e. the prefix before the kind's own levels. Terminal and zone
 * topics live on a zone's edge broker; edge and festival topics on the central broker.
 */
public enum TopicScope {
    /** {@code fcs/v1/{festivalId}/{zoneId}/t/{terminalId}/…} */
    TERMINAL,
    /** {@code fcs/v1/{festivalId}/{zoneId}/…} */
    ZONE,
    /** {@code fcs/v1/{festivalId}/edge/{edgeId}/…} */
    EDGE,
    /** {@code fcs/v1/{festivalId}/festival/…} */
    FESTIVAL
}
