package io.fcs.central.ledger;

/**
 * What a journal entry is, for reconciliation: each figure of the conservation invariant (DESIGN
 * §7.1) is a sum of postings grouped by category, never a number stored beside the ledger.
 */
public enum EntryCategory {
    /** Money loaded into a wallet (card, cash, online). */
    TOP_UP,
    /** A purchase paid from a wallet (online or at a point of sale; offline shortfall included). */
    SALE,
    /** A sale given back at a point of sale (refund or void on the terminal): reverses a sale. */
    SALE_REVERSAL,
    /** Balance moved between two wallets of one attendee (lost wristband). */
    TRANSFER,
    /** Unused balance paid back or donated after the event, or cashed out at a desk. */
    PAYOUT,
    /** Settlement of refunds payable to card or bank, and other movements outside the wallets. */
    SETTLEMENT,
    /** An audited correction with a reason. */
    ADJUSTMENT,
    /** An audited write-off of offline exposure. */
    WRITE_OFF,
    /** Ticket sales and their refunds. */
    TICKETING
}
