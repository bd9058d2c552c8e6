package io.fcs.central.ledger;

import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A journal entry as it stands in the books (for history, reconciliation and exports). */
public record PostedEntry(
        UUID id,
        long sequence,
        FestivalId festival,
        String idempotencyKey,
        EntryCategory category,
        String description,
        Instant occurredAt,
        Instant postedAt,
        Optional<UUID> terminal,
        boolean flagged,
        List<Line> lines) {

    public PostedEntry {
        lines = List.copyOf(lines);
    }

    /** A posted line with its signed amount (debits positive). */
    public record Line(AccountKey account, Money amount) {}
}
