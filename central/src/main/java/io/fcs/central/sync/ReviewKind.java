package io.fcs.central.sync;

/** Why finance should look at something the record ingestion saw. */
public enum ReviewKind {
    /** A record whose signature does not verify with its terminal's key (tampered or forged). */
    FORGED_RECORD,
    /** Another record with other bytes on a (terminal, sequence) or record id already held. */
    CONFLICTING_RECORD,
    /** Two records claim one chain parent: a cloned or restored terminal. */
    FORK,
    /** A record does not chain onto its predecessor. */
    CHAIN_BREAK,
    /** A revoked terminal signed a record after its revocation: nothing was posted. */
    REVOKED_TERMINAL,
    /** A record of another festival than its terminal's. */
    WRONG_FESTIVAL,
    /** A sale or refund beyond the wallet's balance: the shortfall is on offline exposure. */
    OFFLINE_SHORTFALL,
    /** Two records spent the same chip counter of a wristband: cloned or rolled-back chip. */
    DOUBLE_SPEND,
    /** A void whose record is unknown, not a money record, or voided already: nothing was posted. */
    VOID_REFUSED,
    /** A terminal sequence range that never arrived: later records wait for it. */
    GAP,
    /**
     * An operation whose outcome nobody knows (e.g. a card authorisation the payment provider did
     * not answer): money may have moved outside; finance checks with the provider and acts.
     */
    UNKNOWN_OUTCOME,
    /**
     * A card refund the payment provider refused, or never confirmed after every attempt: its money
     * is still owed in refunds payable; finance retries it, pays it by bank transfer or writes it
     * off (decision 0220).
     */
    CARD_REFUND_FAILED,
    /**
     * The payment provider confirmed a card refund after finance had settled it another way (retry,
     * bank transfer, write-off): the attendee was paid twice and refunds payable is below zero
     * (decision 0220).
     */
    CARD_REFUND_PAID_TWICE,
    /**
     * A gate admitted a ticket that another gate had admitted and not let out (zones partitioned,
     * or a copied QR): the edge reports the admission as {@code CONFLICT}; security checks the
     * ticket's history and acts (decision 0242).
     */
    ADMISSION_CONFLICT
}
