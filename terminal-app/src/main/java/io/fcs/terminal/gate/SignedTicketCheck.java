package io.fcs.terminal.gate;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.ticket.Admission;
import io.fcs.protocol.ticket.TicketAdmission;
import io.fcs.protocol.ticket.TicketVerification;
import io.fcs.protocol.ticket.TicketVerifier;
import io.fcs.protocol.value.FestivalId;
import java.time.LocalDate;
import java.util.Collection;

/**
 * Tickets through the protocol's verifier (signature with the festival's trusted ticket keys)
 * and admission rules (festival day, the gate's zone number).
 */
public final class SignedTicketCheck implements TicketCheck {

    private volatile TicketVerifier verifier;
    private final int zoneNumber;

    public SignedTicketCheck(FestivalId festival, Collection<Ed25519.VerificationKey> trustedKeys, int zoneNumber) {
        this.verifier = new TicketVerifier(festival, trustedKeys);
        this.zoneNumber = zoneNumber;
    }

    /** New trusted keys (downlinked rotation). */
    public void trust(Collection<Ed25519.VerificationKey> trustedKeys) {
        this.verifier = new TicketVerifier(verifier.festival(), trustedKeys);
    }

    @Override
    public Result verify(String qrText, LocalDate festivalDay, String zoneId) {
        return switch (verifier.verify(qrText.trim())) {
            case TicketVerification.Refused refused ->
                new Invalid(reason(refused.reason().admission()));
            case TicketVerification.Authentic authentic ->
                switch (TicketAdmission.check(authentic.ticket(), festivalDay, zoneNumber)) {
                    case Admission.Denied denied -> new Invalid(reason(denied.reason()));
                    case Admission.Admitted admitted ->
                        new Valid(
                                admitted.ticket().id().toString(),
                                "#" + admitted.ticket().typeCode()
                                        + admitted.ticket()
                                                .initials()
                                                .map(i -> " · " + i)
                                                .orElse(""));
                };
        };
    }

    private static GateOutcome.Reason reason(io.fcs.protocol.ticket.AdmissionRefusal refusal) {
        return switch (refusal) {
            case FORGED -> GateOutcome.Reason.FORGED;
            case UNKNOWN_KEY, WRONG_FESTIVAL -> GateOutcome.Reason.UNKNOWN_KEY;
            case MALFORMED, UNSUPPORTED_VERSION -> GateOutcome.Reason.MALFORMED;
            case WRONG_DAY -> GateOutcome.Reason.WRONG_DAY;
            case WRONG_ZONE -> GateOutcome.Reason.WRONG_ZONE;
            case REVOKED -> GateOutcome.Reason.REVOKED;
            case ALREADY_USED -> GateOutcome.Reason.ALREADY_USED;
            case BLOCKED -> GateOutcome.Reason.BLOCKED;
        };
    }
}
