package io.fcs.protocol.record;

import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a terminal records for every operation, before it shows "approved" and before it writes
 * the chip; signed by the terminal key and chained per terminal (see {@link RecordSigner},
 * {@link RecordCodec} for the bytes).
 *
 * <p><b>Amounts are never negative</b>: the kind gives the direction. The rules per kind (checked
 * here, so a decoded record obeys them too):
 *
 * <pre>
 * kind        | wristband | amount              | payment  | lines          | references
 * ------------+-----------+---------------------+----------+----------------+-----------
 * TOP_UP      | required  | > 0                 | required | none           | none
 * SALE        | required  | > 0, = sum of lines | none     | 1..64          | none
 * REFUND      | or wallet | > 0 (= sum if lines)| required | 0..64          | optional (the sale)
 * VOID        | optional  | >= 0                | none     | none           | required
 * BIND        | required  | = 0 (+ ticket or wallet)| none | none           | none
 * REPLACE     | required  | = 0 (+ wallet)      | none     | none           | required (old BIND)
 * CHECK_IN    | or ticket | = 0                 | none     | none           | none
 * SHIFT_OPEN  | none      | >= 0 opening float  | none     | none           | none
 * CASH_DROP   | none      | > 0 cash removed    | none     | none           | none
 * SHIFT_CLOSE | none      | >= 0 cash counted   | none     | none           | none
 * </pre>
 *
 * Every line's unit price has the amount's currency; the sequence starts at 1; the time is kept
 * to the millisecond (finer parts are dropped, as the bytes carry milliseconds).
 */
public record TransactionRecord(
        RecordId id,
        FestivalId festival,
        TerminalId terminal,
        long sequence,
        RecordHash previousHash,
        OperatorId operator,
        ShiftId shift,
        RecordKind kind,
        Optional<WristbandUid> wristband,
        Optional<WalletId> wallet,
        Optional<TicketId> ticket,
        Optional<RecordId> references,
        Money amount,
        Optional<PaymentMethod> payment,
        List<SaleLine> lines,
        Instant time,
        Optional<ChipCounters> chip,
        Authority authority) {

    public static final int MAX_LINES = 64;

    public TransactionRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(festival, "festival");
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(previousHash, "previousHash");
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(shift, "shift");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(wristband, "wristband");
        Objects.requireNonNull(wallet, "wallet");
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(references, "references");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(payment, "payment");
        Objects.requireNonNull(lines, "lines");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(chip, "chip");
        Objects.requireNonNull(authority, "authority");
        lines = List.copyOf(lines);
        time = Instant.ofEpochMilli(time.toEpochMilli());
        if (sequence < 1) {
            throw new IllegalArgumentException("sequence starts at 1, was " + sequence);
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException(
                    "amounts are never negative (the kind gives the direction), was " + amount);
        }
        if (lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("at most " + MAX_LINES + " lines, was " + lines.size());
        }
        for (SaleLine line : lines) {
            if (!line.unitPrice().currency().equals(amount.currency())) {
                throw new IllegalArgumentException("line " + line.productCode() + " is priced in "
                        + line.unitPrice().currency() + ", the record in " + amount.currency());
            }
        }
        if (references.isPresent() && references.get().equals(id)) {
            throw new IllegalArgumentException("a record cannot reference itself: " + id);
        }
        checkKindRules(kind, wristband, wallet, ticket, references, amount, payment, lines);
    }

    private static void checkKindRules(
            RecordKind kind,
            Optional<WristbandUid> wristband,
            Optional<WalletId> wallet,
            Optional<TicketId> ticket,
            Optional<RecordId> references,
            Money amount,
            Optional<PaymentMethod> payment,
            List<SaleLine> lines) {
        switch (kind) {
            case TOP_UP -> {
                require(kind, wristband.isPresent(), "a wristband");
                require(kind, amount.isPositive(), "a positive amount");
                require(kind, payment.isPresent(), "a payment method");
                require(kind, lines.isEmpty(), "no lines");
                require(kind, references.isEmpty(), "no referenced record");
            }
            case SALE -> {
                require(kind, wristband.isPresent(), "a wristband");
                require(kind, amount.isPositive(), "a positive amount");
                require(kind, payment.isEmpty(), "no payment method (sales are paid from the wallet)");
                require(kind, !lines.isEmpty(), "at least one line");
                require(kind, references.isEmpty(), "no referenced record");
                requireSumOfLines(kind, amount, lines);
            }
            case REFUND -> {
                require(kind, wristband.isPresent() || wallet.isPresent(), "a wristband or a wallet");
                require(kind, amount.isPositive(), "a positive amount");
                require(kind, payment.isPresent(), "a payment method");
                if (!lines.isEmpty()) {
                    requireSumOfLines(kind, amount, lines);
                }
            }
            case VOID -> {
                require(kind, references.isPresent(), "the referenced record it cancels");
                require(kind, payment.isEmpty(), "no payment method");
                require(kind, lines.isEmpty(), "no lines");
            }
            case BIND -> {
                require(kind, wristband.isPresent(), "a wristband");
                require(kind, ticket.isPresent() || wallet.isPresent(), "a ticket or a wallet");
                requireNoMoney(kind, amount, payment, lines);
                require(kind, references.isEmpty(), "no referenced record");
            }
            case REPLACE -> {
                require(kind, wristband.isPresent(), "the new wristband");
                require(kind, wallet.isPresent(), "the wallet taken over");
                require(kind, references.isPresent(), "the referenced binding of the old wristband");
                requireNoMoney(kind, amount, payment, lines);
            }
            case CHECK_IN -> {
                require(kind, wristband.isPresent() || ticket.isPresent(), "a wristband or a ticket");
                requireNoMoney(kind, amount, payment, lines);
                require(kind, references.isEmpty(), "no referenced record");
            }
            case SHIFT_OPEN, CASH_DROP, SHIFT_CLOSE -> {
                require(kind, wristband.isEmpty(), "no wristband");
                require(kind, wallet.isEmpty() && ticket.isEmpty(), "no wallet and no ticket");
                require(kind, payment.isEmpty(), "no payment method");
                require(kind, lines.isEmpty(), "no lines");
                require(kind, references.isEmpty(), "no referenced record");
                if (kind == RecordKind.CASH_DROP) {
                    require(kind, amount.isPositive(), "a positive amount");
                }
            }
        }
    }

    private static void requireNoMoney(
            RecordKind kind, Money amount, Optional<PaymentMethod> payment, List<SaleLine> lines) {
        require(kind, amount.isZero(), "a zero amount");
        require(kind, payment.isEmpty(), "no payment method");
        require(kind, lines.isEmpty(), "no lines");
    }

    private static void requireSumOfLines(RecordKind kind, Money amount, List<SaleLine> lines) {
        Money sum = Money.zero(amount.currency());
        try {
            for (SaleLine line : lines) {
                sum = sum.plus(line.total());
            }
        } catch (ArithmeticException overflow) {
            throw new IllegalArgumentException(kind + " lines overflow a 64-bit amount", overflow);
        }
        if (!sum.equals(amount)) {
            throw new IllegalArgumentException(kind + " amount " + amount + " is not the sum of its lines " + sum);
        }
    }

    private static void require(RecordKind kind, boolean condition, String what) {
        if (!condition) {
            throw new IllegalArgumentException(kind + " needs " + what);
        }
    }

    /** A builder with no optional part set; {@link Builder#build()} validates. */
    public static Builder builder(RecordKind kind) {
        return new Builder(kind);
    }

    /** A builder prefilled with this record, to derive a variant (tests, corrections). */
    public Builder toBuilder() {
        Builder b = new Builder(kind);
        b.id = id;
        b.festival = festival;
        b.terminal = terminal;
        b.sequence = sequence;
        b.previousHash = previousHash;
        b.operator = operator;
        b.shift = shift;
        b.wristband = wristband.orElse(null);
        b.wallet = wallet.orElse(null);
        b.ticket = ticket.orElse(null);
        b.references = references.orElse(null);
        b.amount = amount;
        b.payment = payment.orElse(null);
        b.lines = new ArrayList<>(lines);
        b.time = time;
        b.chip = chip.orElse(null);
        b.authority = authority;
        return b;
    }

    /** Builds a {@link TransactionRecord}; unset optional parts are absent, lines empty. */
    public static final class Builder {
        private RecordKind kind;
        private RecordId id;
        private FestivalId festival;
        private TerminalId terminal;
        private long sequence;
        private RecordHash previousHash;
        private OperatorId operator;
        private ShiftId shift;
        private WristbandUid wristband;
        private WalletId wallet;
        private TicketId ticket;
        private RecordId references;
        private Money amount;
        private PaymentMethod payment;
        private List<SaleLine> lines = new ArrayList<>();
        private Instant time;
        private ChipCounters chip;
        private Authority authority;

        private Builder(RecordKind kind) {
            this.kind = kind;
        }

        public Builder kind(RecordKind value) {
            this.kind = value;
            return this;
        }

        public Builder id(RecordId value) {
            this.id = value;
            return this;
        }

        public Builder festival(FestivalId value) {
            this.festival = value;
            return this;
        }

        public Builder terminal(TerminalId value) {
            this.terminal = value;
            return this;
        }

        /** Where this record sits in its terminal's chain: sequence and the predecessor's hash. */
        public Builder chain(long sequenceNumber, RecordHash previous) {
            this.sequence = sequenceNumber;
            this.previousHash = previous;
            return this;
        }

        public Builder staff(OperatorId operatorId, ShiftId shiftId) {
            this.operator = operatorId;
            this.shift = shiftId;
            return this;
        }

        public Builder wristband(WristbandUid value) {
            this.wristband = value;
            return this;
        }

        public Builder wallet(WalletId value) {
            this.wallet = value;
            return this;
        }

        public Builder ticket(TicketId value) {
            this.ticket = value;
            return this;
        }

        public Builder references(RecordId value) {
            this.references = value;
            return this;
        }

        public Builder amount(Money value) {
            this.amount = value;
            return this;
        }

        public Builder payment(PaymentMethod value) {
            this.payment = value;
            return this;
        }

        public Builder line(String productCode, int quantity, Money unitPrice) {
            this.lines.add(SaleLine.of(productCode, quantity, unitPrice));
            return this;
        }

        public Builder lines(List<SaleLine> value) {
            this.lines = new ArrayList<>(value);
            return this;
        }

        public Builder time(Instant value) {
            this.time = value;
            return this;
        }

        public Builder chip(ChipCounters value) {
            this.chip = value;
            return this;
        }

        public Builder authority(Authority value) {
            this.authority = value;
            return this;
        }

        /**
         * @throws NullPointerException when a required part is missing
         * @throws IllegalArgumentException when the parts break a rule of the kind
         */
        public TransactionRecord build() {
            return new TransactionRecord(
                    id,
                    festival,
                    terminal,
                    sequence,
                    previousHash,
                    operator,
                    shift,
                    kind,
                    Optional.ofNullable(wristband),
                    Optional.ofNullable(wallet),
                    Optional.ofNullable(ticket),
                    Optional.ofNullable(references),
                    amount,
                    Optional.ofNullable(payment),
                    lines,
                    time,
                    Optional.ofNullable(chip),
                    authority);
        }
    }
}
