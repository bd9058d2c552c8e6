package io.fcs.protocol.ticket;

import java.util.Objects;

/** The answer of the admission rules for an authentic ticket ({@link TicketAdmission}). */
public sealed interface Admission {

    record Admitted(Ticket ticket) implements Admission {
        public Admitted {
            Objects.requireNonNull(ticket, "ticket");
        }
    }

    record Denied(AdmissionRefusal reason, String detail) implements Admission {
        public Denied {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }

    default boolean isAdmitted() {
        return this instanceof Admitted;
    }
}
