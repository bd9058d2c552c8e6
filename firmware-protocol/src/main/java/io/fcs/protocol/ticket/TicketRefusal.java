package io.fcs.protocol.ticket;

/** Why a scanned ticket is not an authentic ticket of this festival ({@link TicketVerifier}). */
public enum TicketRefusal {
    /** Not a ticket: unknown scheme tag, bad Base45, truncated, trailing bytes, bad field. */
    MALFORMED(1, AdmissionRefusal.MALFORMED),
    /** A ticket layout version this code does not read. */
    UNSUPPORTED_VERSION(2, AdmissionRefusal.UNSUPPORTED_VERSION),
    /** Signed with a key id no trusted ticket key has (retired, or of another festival). */
    UNKNOWN_KEY(3, AdmissionRefusal.UNKNOWN_KEY),
    /** The signature does not verify with the trusted key: forged or altered. */
    FORGED(4, AdmissionRefusal.FORGED),
    /** Authentic, but for another festival. */
    WRONG_FESTIVAL(5, AdmissionRefusal.WRONG_FESTIVAL);

    private final int code;
    private final AdmissionRefusal admission;

    TicketRefusal(int code, AdmissionRefusal admission) {
        this.code = code;
        this.admission = admission;
    }

    public int code() {
        return code;
    }

    /** The same reason in the vocabulary every gate, edge and central screen shares. */
    public AdmissionRefusal admission() {
        return admission;
    }

    /** @throws IllegalArgumentException for a code no refusal has */
    public static TicketRefusal fromCode(int code) {
        for (TicketRefusal refusal : values()) {
            if (refusal.code == code) {
                return refusal;
            }
        }
        throw new IllegalArgumentException("no ticket refusal has code " + code);
    }
}
