package io.fcs.protocol.message;

import java.util.Optional;

/** The edge's answer to an authorisation request. Only {@link #APPROVED} lets the terminal go on. */
public enum AuthorisationOutcome {
    APPROVED(0x01),
    /** The wallet's authoritative balance does not cover the amount. */
    INSUFFICIENT_FUNDS(0x02),
    /** The wristband or its wallet is on the deny list (lost, stolen, fraud). */
    BLOCKED(0x03),
    /** The wallet id is not known to the zone's replica. */
    UNKNOWN_WALLET(0x04),
    /** The wristband UID is not bound to any wallet. */
    UNKNOWN_WRISTBAND(0x05),
    /** The chip state contradicts the replica (counter went backwards, fork): the wristband is blocked. */
    CHIP_STATE_CONFLICT(0x06),
    /** A per-sale or per-period limit is exceeded. */
    LIMIT_EXCEEDED(0x07),
    /** The wristband or ticket may not do this here (wrong zone, wrong day, wrong point of sale). */
    NOT_ALLOWED_HERE(0x08),
    /** Check-in refused: already inside (anti-passback). */
    ALREADY_CHECKED_IN(0x09),
    /** The request itself is wrong (currency, amount, kind for this terminal). */
    INVALID_REQUEST(0x0A),
    /** The edge cannot answer now; the terminal may retry or fall back to its offline allowance. */
    TRY_AGAIN(0x0B);

    private final int code;

    AuthorisationOutcome(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public boolean approved() {
        return this == APPROVED;
    }

    public static Optional<AuthorisationOutcome> fromCode(int code) {
        for (AuthorisationOutcome outcome : values()) {
            if (outcome.code == code) {
                return Optional.of(outcome);
            }
        }
        return Optional.empty();
    }
}
