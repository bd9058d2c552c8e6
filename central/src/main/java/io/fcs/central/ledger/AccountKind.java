package io.fcs.central.ledger;

/**
 * The kinds of account in a festival's chart of accounts. Each kind has a normal side (the side
 * its balance usually sits on) and the plan comptable général account it maps to in the FEC
 * export (see docs/architecture.md, "Chart of accounts").
 *
 * <p>Amounts on journal lines are signed: a debit is positive, a credit negative. The
 * {@linkplain #natural(long) natural balance} of an account is its raw sum turned so that its
 * normal side is positive: a wallet holding 12.00 EUR has a raw balance of -1200 and a natural
 * balance of 1200.
 */
public enum AccountKind {
    /** What the festival owes an attendee: one per wallet. Liability; never below zero. */
    WALLET("WAL", Side.CREDIT, true, "419100", "Clients - avances recues (porte-monnaie)"),
    /** Income of one point of sale (bar, vendor). */
    POS_REVENUE("POS", Side.CREDIT, true, "707000", "Ventes de marchandises"),
    /** Cash in one cashier's drawer during one shift. */
    CASH_DRAWER("CSH", Side.DEBIT, true, "532000", "Caisses des points de vente"),
    /** The festival's cash office: opening floats come from it, cash drops and closings go to it. */
    CASH_SAFE("SAF", Side.DEBIT, false, "531000", "Caisse centrale"),
    /** Card money the payment service provider owes the festival until it settles. */
    PSP_CLEARING("PSP", Side.DEBIT, false, "511500", "Cartes bancaires a l'encaissement"),
    /** Top-ups whose payment is accepted but not yet confirmed: not spendable yet. */
    PENDING_CREDITS("PND", Side.CREDIT, false, "471000", "Comptes d'attente - credits en cours"),
    /** Post-event refunds owed to attendees, until paid to their card or bank account. */
    REFUNDS_PAYABLE("RFP", Side.CREDIT, false, "467100", "Remboursements a payer"),
    /** Fees (payment provider, refund handling). */
    FEES("FEE", Side.DEBIT, false, "627000", "Services bancaires et assimiles"),
    /**
     * Sales beyond a wallet's balance (offline, or crossing a top-up still on its way): receivable
     * from the attendee, one per wallet, flagged for review; later credits to the wallet cover it
     * first.
     */
    OFFLINE_EXPOSURE("OFX", Side.DEBIT, true, "467200", "Debiteurs - ventes hors ligne a decouvert"),
    /** Ticket sales. */
    TICKET_REVENUE("TKT", Side.CREDIT, false, "706000", "Prestations de services - billetterie"),
    /** Unused balances attendees chose to donate. */
    DONATIONS("DON", Side.CREDIT, false, "758000", "Produits divers - dons"),
    /** Counterpart of audited corrections and write-offs. */
    ADJUSTMENTS("ADJ", Side.DEBIT, false, "658000", "Charges diverses - ajustements"),
    /** The festival's bank account: bank transfers of unused balances are paid from it (decision 0147). */
    BANK("BNK", Side.DEBIT, false, "512000", "Banque");

    /** The side of an account's normal balance. */
    public enum Side {
        DEBIT,
        CREDIT
    }

    private final String code;
    private final Side normalSide;
    private final boolean perSubject;
    private final String pcgNumber;
    private final String pcgLabel;

    AccountKind(String code, Side normalSide, boolean perSubject, String pcgNumber, String pcgLabel) {
        this.code = code;
        this.normalSide = normalSide;
        this.perSubject = perSubject;
        this.pcgNumber = pcgNumber;
        this.pcgLabel = pcgLabel;
    }

    /** Three-letter code used in account names and exports. */
    public String code() {
        return code;
    }

    public Side normalSide() {
        return normalSide;
    }

    /** Whether there is one account per subject (wallet, point of sale, shift) or one per festival. */
    public boolean perSubject() {
        return perSubject;
    }

    /** Plan comptable général account number used in the FEC export. */
    public String pcgNumber() {
        return pcgNumber;
    }

    public String pcgLabel() {
        return pcgLabel;
    }

    /** The raw signed sum (debits positive) turned so that the normal side is positive. */
    public long natural(long raw) {
        return normalSide == Side.DEBIT ? raw : Math.negateExact(raw);
    }

    public static AccountKind fromCode(String code) {
        for (AccountKind kind : values()) {
            if (kind.code.equals(code)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown account kind code " + code);
    }
}
