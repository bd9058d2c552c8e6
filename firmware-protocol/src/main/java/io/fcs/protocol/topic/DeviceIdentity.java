package io.fcs.protocol.topic;

import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import java.util.Objects;

/**
 * Who an MQTT client is, as established by its TLS client certificate (issued at enrolment, which
 * fixes festival, zone and device id). The ACL decides from this, never from a payload.
 */
public sealed interface DeviceIdentity permits DeviceIdentity.Terminal, DeviceIdentity.Edge, DeviceIdentity.Central {

    Role role();

    /** An enrolled terminal of one zone. */
    record Terminal(FestivalId festival, ZoneId zone, TerminalId terminal) implements DeviceIdentity {
        public Terminal {
            Objects.requireNonNull(festival, "festival");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(terminal, "terminal");
        }

        @Override
        public Role role() {
            return Role.TERMINAL;
        }
    }

    /** An enrolled edge node serving one zone. */
    record Edge(FestivalId festival, ZoneId zone, EdgeId edge) implements DeviceIdentity {
        public Edge {
            Objects.requireNonNull(festival, "festival");
            Objects.requireNonNull(zone, "zone");
            Objects.requireNonNull(edge, "edge");
        }

        @Override
        public Role role() {
            return Role.EDGE;
        }
    }

    /** The central service; it serves every festival. */
    record Central() implements DeviceIdentity {
        @Override
        public Role role() {
            return Role.CENTRAL;
        }
    }
}
