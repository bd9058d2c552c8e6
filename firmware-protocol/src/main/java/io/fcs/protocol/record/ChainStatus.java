package io.fcs.protocol.record;

/** How a record fits its terminal's chain, as {@link TerminalChain} classifies it. */
public enum ChainStatus {
    /** Next after the watermark and linked: the watermark moved (perhaps over records held before). */
    CONTINUES(1, true, false),
    /** Accepted and linked to what is known, but sequences before it are missing (see gaps). */
    GAP(2, true, false),
    /** The same signed bytes were accepted before: absorb, acknowledge again, change nothing. */
    DUPLICATE(3, false, false),
    /** Same sequence or same record id as an accepted record, other bytes: refuse and alert. */
    CONFLICT(4, false, true),
    /** Claims a parent hash another accepted record already claims: a cloned or restored terminal. */
    FORK(5, false, true),
    /** Its previous hash is not its accepted predecessor's hash, or its accepted successor does not name it. */
    BROKEN_LINK(6, false, true),
    /** At or below the watermark the chain was resumed from: the caller's store decides. */
    STALE(7, false, false),
    /** The record belongs to another terminal's chain. */
    WRONG_TERMINAL(8, false, true);

    private final int code;
    private final boolean accepted;
    private final boolean alert;

    ChainStatus(int code, boolean accepted, boolean alert) {
        this.code = code;
        this.accepted = accepted;
        this.alert = alert;
    }

    public int code() {
        return code;
    }

    /** Whether the chain took the record in (only CONTINUES and GAP). */
    public boolean accepted() {
        return accepted;
    }

    /** Whether the record is a fraud or integrity alert (CONFLICT, FORK, BROKEN_LINK, WRONG_TERMINAL). */
    public boolean alert() {
        return alert;
    }

    /** @throws IllegalArgumentException for a code no status has */
    public static ChainStatus fromCode(int code) {
        for (ChainStatus status : values()) {
            if (status.code == code) {
                return status;
            }
        }
        throw new IllegalArgumentException("no chain status has code " + code);
    }
}
