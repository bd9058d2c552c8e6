package io.fcs.central.ledger;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Sha256;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A balanced journal entry to post: the festival, an idempotency key (the same key with the same
 * content posts once; with other content it is refused), what happened, and two or more signed
 * lines that sum to zero in every currency. The factory refuses anything else: an unbalanced
 * entry cannot even be built.
 *
 * @param festival the festival whose books this entry belongs to
 * @param idempotencyKey unique per festival, e.g. {@code rec:<terminal>:<sequence>} or {@code
 *     topup:<user>:<Idempotency-Key>}
 * @param category what kind of movement this is (drives reconciliation)
 * @param description human text for the journal and exports (EcritureLib)
 * @param occurredAt when it happened (record time for terminal records)
 * @param terminal the terminal whose record caused it, if any
 * @param flagged true when the entry needs review (offline shortfall, double spend)
 * @param lines the signed lines, debits positive
 */
public record JournalEntry(
        FestivalId festival,
        String idempotencyKey,
        EntryCategory category,
        String description,
        Instant occurredAt,
        Optional<TerminalId> terminal,
        boolean flagged,
        List<JournalLine> lines) {

    public static final int MAX_KEY_LENGTH = 200;
    public static final int MAX_DESCRIPTION_LENGTH = 500;

    public JournalEntry {
        Objects.requireNonNull(festival, "festival");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(terminal, "terminal");
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("idempotency key must be 1-" + MAX_KEY_LENGTH + " characters");
        }
        if (description == null || description.isBlank()) {
            throw new IllegalArgumentException("a journal entry needs a description");
        }
        if (description.length() > MAX_DESCRIPTION_LENGTH) {
            description = description.substring(0, MAX_DESCRIPTION_LENGTH);
        }
        lines = List.copyOf(Objects.requireNonNull(lines, "lines"));
        if (lines.size() < 2) {
            throw new IllegalArgumentException("a journal entry needs at least two lines, had " + lines.size());
        }
        Map<Currency, Long> imbalance = imbalance(lines);
        if (!imbalance.isEmpty()) {
            throw new UnbalancedEntryException(idempotencyKey, imbalance);
        }
    }

    /** Per currency, the sum of the lines where it is not zero (empty for a balanced entry). */
    static Map<Currency, Long> imbalance(List<JournalLine> lines) {
        Map<Currency, Long> sums = new LinkedHashMap<>();
        for (JournalLine line : lines) {
            sums.merge(line.amount().currency(), line.amount().minor(), Math::addExact);
        }
        sums.values().removeIf(sum -> sum == 0L);
        return sums;
    }

    public static Builder builder(FestivalId festival, String idempotencyKey, EntryCategory category) {
        return new Builder(festival, idempotencyKey, category);
    }

    /**
     * SHA-256 (hex) over what the entry does: category, description, terminal, flag and the lines
     * in a canonical order. Two posts with one key are "the same" when their hashes are equal.
     * The time is left out: a retry a second later is still the same request.
     */
    public String contentHash() {
        StringBuilder canonical = new StringBuilder()
                .append(festival)
                .append('|')
                .append(category)
                .append('|')
                .append(description)
                .append('|')
                .append(terminal.map(TerminalId::toString).orElse(""))
                .append('|')
                .append(flagged);
        lines.stream()
                .sorted(Comparator.comparing(
                                (JournalLine line) -> line.account().name())
                        .thenComparing(line -> line.amount().currency().code())
                        .thenComparingLong(line -> line.amount().minor()))
                .forEach(line -> canonical
                        .append('|')
                        .append(line.account().name())
                        .append('=')
                        .append(line.amount().minor())
                        .append(line.amount().currency()));
        return Bytes.hex(Sha256.hash(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /** Builds an entry line by line; {@link #build()} checks the balance. */
    public static final class Builder {
        private final FestivalId festival;
        private final String idempotencyKey;
        private final EntryCategory category;
        private final List<JournalLine> lines = new ArrayList<>();
        private String description;
        private Instant occurredAt = Instant.now();
        private Optional<TerminalId> terminal = Optional.empty();
        private boolean flagged;

        private Builder(FestivalId festival, String idempotencyKey, EntryCategory category) {
            this.festival = festival;
            this.idempotencyKey = idempotencyKey;
            this.category = category;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder occurredAt(Instant occurredAt) {
            this.occurredAt = occurredAt;
            return this;
        }

        public Builder terminal(TerminalId terminal) {
            this.terminal = Optional.of(terminal);
            return this;
        }

        public Builder flagged(boolean flagged) {
            this.flagged = flagged;
            return this;
        }

        public Builder debit(AccountKey account, Money amount) {
            lines.add(JournalLine.debit(account, amount));
            return this;
        }

        public Builder credit(AccountKey account, Money amount) {
            lines.add(JournalLine.credit(account, amount));
            return this;
        }

        /** Money moves from {@code from} to {@code to}: debit {@code from}, credit {@code to}. */
        public Builder move(AccountKey from, AccountKey to, Money amount) {
            return debit(from, amount).credit(to, amount);
        }

        public Builder line(JournalLine line) {
            lines.add(line);
            return this;
        }

        public JournalEntry build() {
            return new JournalEntry(
                    festival, idempotencyKey, category, description, occurredAt, terminal, flagged, lines);
        }
    }
}
