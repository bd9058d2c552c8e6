package io.fcs.protocol.message;

import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.TerminalId;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A terminal's or an edge's health, published retained on its presence topic. A device publishes
 * {@link State#BIRTH} when it connects, {@link State#ALIVE} periodically, and {@link State#DEATH}
 * when it leaves cleanly; it registers a DEATH with {@code lastWill = true} as its MQTT last will,
 * which the broker publishes if the device vanishes.
 *
 * @param lastSeen when the device composed this message (for a last will: when it registered it)
 * @param queueDepth records not yet acknowledged by the next hop
 * @param readerErrors NFC/QR reader errors since start (terminals; 0 for edges)
 * @param clockSkewMillis the device clock minus the receiver's reference clock, signed
 * @param listVersions the version of each list it holds (absent: none held yet)
 */
public record Presence(
        Device device,
        State state,
        boolean lastWill,
        String appVersion,
        Instant lastSeen,
        int queueDepth,
        int readerErrors,
        long clockSkewMillis,
        Map<ListKind, Long> listVersions)
        implements Message {

    public static final int MAX_APP_VERSION_BYTES = 64;

    public Presence {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(state, "state");
        if (lastWill && state != State.DEATH) {
            throw new IllegalArgumentException("only a DEATH can be a last will");
        }
        Fields.text("appVersion", appVersion, 1, MAX_APP_VERSION_BYTES);
        lastSeen = Fields.millis("lastSeen", lastSeen);
        Fields.atLeast("queueDepth", queueDepth, 0);
        Fields.atLeast("readerErrors", readerErrors, 0);
        Objects.requireNonNull(listVersions, "listVersions");
        EnumMap<ListKind, Long> copy = new EnumMap<>(ListKind.class);
        listVersions.forEach((kind, version) ->
                copy.put(Objects.requireNonNull(kind, "list kind"), Fields.version("list version", version)));
        listVersions = Collections.unmodifiableMap(copy);
    }

    /** Who is present: a terminal or an edge. */
    public sealed interface Device permits Terminal, Edge {}

    public record Terminal(TerminalId terminalId) implements Device {
        public Terminal {
            Objects.requireNonNull(terminalId, "terminalId");
        }
    }

    public record Edge(EdgeId edgeId) implements Device {
        public Edge {
            Objects.requireNonNull(edgeId, "edgeId");
        }
    }

    public enum State {
        BIRTH(0x01),
        ALIVE(0x02),
        DEATH(0x03);

        private final int code;

        State(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Optional<State> fromCode(int code) {
            for (State state : values()) {
                if (state.code == code) {
                    return Optional.of(state);
                }
            }
            return Optional.empty();
        }
    }

    @Override
    public MessageType type() {
        return MessageType.PRESENCE;
    }
}
