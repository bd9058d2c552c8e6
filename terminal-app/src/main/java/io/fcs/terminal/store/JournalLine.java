package io.fcs.terminal.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The readable side of a record, for the shift history, the kiosk's recent history and the
 * totals: kind (SALE, VOID, TOPUP_CARD, TOPUP_CASH, CHECKIN, BIND...), wristband, signed amount.
 */
public record JournalLine(
        long sequence,
        String recordId,
        String kind,
        String uid,
        long amountMinor,
        Long balanceAfter,
        String shiftId,
        String operator,
        String authority,
        String detail,
        Instant at,
        boolean voided) {

    public JournalLine {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
