package io.fcs.protocol.ticket;

import io.fcs.protocol.crypto.Ed25519;
import java.util.Objects;

/** What {@link TicketVerifier} answers. */
public sealed interface TicketVerification {

    /** Authentic ticket of this festival, signed by {@code key} (one of the trusted ticket keys). */
    record Authentic(Ticket ticket, Ed25519.VerificationKey key) implements TicketVerification {
        public Authentic {
            Objects.requireNonNull(ticket, "ticket");
            Objects.requireNonNull(key, "key");
        }
    }

    record Refused(TicketRefusal reason, String detail) implements TicketVerification {
        public Refused {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    default boolean isAuthentic() {
        return this instanceof Authentic;
    }
}
