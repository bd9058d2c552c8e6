package io.fcs.protocol.topic;

/** Who is on the other end of an MQTT connection. */
public enum Role {
    /** A POS, gate or kiosk terminal, connected to its zone's edge broker. */
    TERMINAL,
    /** A zone's edge node: broker for its terminals, client of the central broker. */
    EDGE,
    /** The central service (possibly several instances sharing subscriptions). */
    CENTRAL
}
