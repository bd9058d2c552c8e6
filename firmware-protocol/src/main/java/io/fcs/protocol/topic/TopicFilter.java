package io.fcs.protocol.topic;

import java.util.Objects;

/** A subscription: an MQTT topic filter (may hold {@code +}) and the QoS to subscribe with. */
public record TopicFilter(String filter, int qos, TopicKind kind) {

    public TopicFilter {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(kind, "kind");
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS must be 0, 1 or 2, was " + qos);
        }
    }

    /** Whether a concrete topic name matches this filter (MQTT rules for {@code +} and {@code #}). */
    public boolean matches(String topic) {
        String plain = filter.startsWith("$share/") ? filter.substring(filter.indexOf('/', 7) + 1) : filter;
        String[] f = plain.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }
}
