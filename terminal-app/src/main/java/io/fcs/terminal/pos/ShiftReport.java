package io.fcs.terminal.pos;

import io.fcs.protocol.value.Money;
import io.fcs.terminal.store.JournalLine;
import java.util.List;

/** A bar shift so far, or at its close: every line and the totals staff hand over. */
public record ShiftReport(
        String shiftId,
        String staff,
        List<JournalLine> lines,
        int sales,
        Money salesTotal,
        int voids,
        Money voidsTotal,
        Money offlineTotal) {

    public ShiftReport {
        lines = List.copyOf(lines);
    }

    public Money net() {
        return salesTotal.minus(voidsTotal);
    }
}
