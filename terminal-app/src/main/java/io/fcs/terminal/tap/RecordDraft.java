package io.fcs.terminal.tap;

import io.fcs.protocol.value.Money;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything a record says before it gets its place in the chain (sequence, previous hash) and
 * its signature. {@code amount} is positive; the kind tells the direction.
 */
public record RecordDraft(
        String recordId,
        RecordKind kind,
        String uid,
        String walletId,
        Money amount,
        Money balanceAfter,
        List<Line> lines,
        long counterBefore,
        long counterAfter,
        TapOutcome.Authority authority,
        String operator,
        String shiftId,
        String reference,
        Instant at) {

    /** A product line of a sale. */
    public record Line(String code, int quantity, long unitPriceMinor) {}

    public RecordDraft {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(at, "at");
        lines = List.copyOf(lines);
        if (amount.isNegative()) {
            throw new IllegalArgumentException("record amount is negative: " + amount);
        }
        uid = uid == null ? "" : uid;
        walletId = walletId == null ? "" : walletId;
        operator = operator == null ? "" : operator;
        shiftId = shiftId == null ? "" : shiftId;
        reference = reference == null ? "" : reference;
    }
}
