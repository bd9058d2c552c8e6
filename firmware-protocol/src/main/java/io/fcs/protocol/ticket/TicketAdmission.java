package io.fcs.protocol.ticket;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The ticket's own admission rules at a gate: the festival day and the gate's zone. Revocation
 * and "already used" are decided by the gate and its edge (deny lists, check-ins), after these.
 */
public final class TicketAdmission {

    private TicketAdmission() {}

    /**
     * @param festivalDay the festival day now ({@code FestivalTime#festivalDay(Instant)}: before
     *     the day cut-over the night still belongs to the previous day)
     * @param zoneNumber the gate's zone number, 0..31
     */
    public static Admission check(Ticket ticket, LocalDate festivalDay, int zoneNumber) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(festivalDay, "festivalDay");
        if (!ticket.days().contains(festivalDay)) {
            return new Admission.Denied(
                    AdmissionRefusal.WRONG_DAY, "valid on " + ticket.days() + ", today is " + festivalDay);
        }
        if (!ticket.zones().contains(zoneNumber)) {
            return new Admission.Denied(
                    AdmissionRefusal.WRONG_ZONE, "opens zones " + ticket.zones() + ", this gate is zone " + zoneNumber);
        }
        return new Admission.Admitted(ticket);
    }
}
