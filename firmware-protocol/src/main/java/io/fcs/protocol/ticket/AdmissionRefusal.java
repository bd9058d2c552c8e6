package io.fcs.protocol.ticket;

/**
 * Every reason a gate refuses someone, shared by all modules so a gate screen, an edge alert and
 * a central review item speak the same words (and codes, on the wire). This package decides only
 * the first seven (ticket bytes, days, zones); REVOKED and ALREADY_USED come from deny lists and
 * check-in history held by gates and edges, BLOCKED from the wristband deny list.
 */
public enum AdmissionRefusal {
    /** The signature does not verify: forged or altered ticket. */
    FORGED(1),
    /** Signed by a key this gate does not trust. */
    UNKNOWN_KEY(2),
    /** Not a ticket at all (unreadable, truncated, wrong scheme). */
    MALFORMED(3),
    /** A newer ticket layout this gate does not read. */
    UNSUPPORTED_VERSION(4),
    /** A ticket of another festival. */
    WRONG_FESTIVAL(5),
    /** Not valid on this festival day. */
    WRONG_DAY(6),
    /** Does not open this zone. */
    WRONG_ZONE(7),
    /** Refunded or cancelled: on the revocation (deny) list. */
    REVOKED(8),
    /** Already checked in (the gate shows where and when). */
    ALREADY_USED(9),
    /** The wristband is blocked (lost, stolen, fraud alert). */
    BLOCKED(10);

    private final int code;

    AdmissionRefusal(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code no reason has */
    public static AdmissionRefusal fromCode(int code) {
        for (AdmissionRefusal refusal : values()) {
            if (refusal.code == code) {
                return refusal;
            }
        }
        throw new IllegalArgumentException("no admission refusal has code " + code);
    }
}
