package io.fcs.terminal.tap;

/** What a record on this terminal's chain is about. */
public enum RecordKind {
    SALE,
    VOID,
    TOPUP_CARD,
    TOPUP_CASH,
    CREDIT,
    CHECKIN,
    BIND,
    SHIFT_OPEN,
    SHIFT_CLOSE
}
