package io.fcs.protocol.record;

/**
 * What a signed transaction record says happened. Amounts are always zero or positive; the kind
 * gives the direction of the money (see {@link TransactionRecord} for the rules of each kind).
 */
public enum RecordKind {
    /** Money onto a wallet (cash or card at a kiosk / cash desk). */
    TOP_UP(1),
    /** Products paid from a wallet at a bar. */
    SALE(2),
    /** Money from a wallet back to the attendee (cash or card). */
    REFUND(3),
    /** Cancels an earlier record of the same terminal, named by {@code references}. */
    VOID(4),
    /** First binding of a wristband to a ticket and/or a wallet. */
    BIND(5),
    /** A new wristband takes over the wallet of a lost one; {@code references} names the old binding. */
    REPLACE(6),
    /** Admission at a gate (ticket or wristband). */
    CHECK_IN(7),
    /** A cashier opens a drawer shift; the amount is the opening float counted into the drawer. */
    SHIFT_OPEN(8),
    /** Cash taken out of a drawer during a shift (to the safe); the amount leaves the drawer. */
    CASH_DROP(9),
    /** A cashier closes the shift; the amount is the cash counted in the drawer at close. */
    SHIFT_CLOSE(10);

    private final int code;

    RecordKind(int code) {
        this.code = code;
    }

    /** The byte this kind is written as. */
    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code no kind has */
    public static RecordKind fromCode(int code) {
        for (RecordKind kind : values()) {
            if (kind.code == code) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no record kind has code " + code);
    }

    /** Whether the record moves money of a wallet (and so needs a positive amount). */
    public boolean movesWalletMoney() {
        return this == TOP_UP || this == SALE || this == REFUND;
    }

    /** Whether the record is a cash-drawer event of a cashier shift. */
    public boolean isDrawerEvent() {
        return this == SHIFT_OPEN || this == CASH_DROP || this == SHIFT_CLOSE;
    }
}
