package io.fcs.protocol.topic;

/** Why a topic string is not a topic of the {@code fcs} namespace. */
public enum TopicRefusal {
    /** Null or empty. */
    EMPTY,
    /** Longer than {@link MqttTopic#MAX_LENGTH} characters. */
    TOO_LONG,
    /** Contains {@code +}, {@code #} or NUL: a filter or garbage, not a topic name. */
    WILDCARD,
    /** Does not start with {@code fcs/}. */
    FOREIGN_ROOT,
    /** Starts with {@code fcs/} but not with a version this build knows ({@code v1}). */
    UNKNOWN_VERSION,
    /** An id level is not a lower-case canonical UUID. */
    MALFORMED_ID,
    /** The levels after the ids are not a known topic kind (or empty levels, wrong structure). */
    UNKNOWN_KIND
}
