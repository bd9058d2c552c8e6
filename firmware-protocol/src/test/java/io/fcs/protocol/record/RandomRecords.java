package io.fcs.protocol.record;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/** A seeded generator of valid records of every kind, covering every optional part and range. */
final class RandomRecords {

    private static final String CODE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";
    private static final Currency[] CURRENCIES = {Currency.EUR, Currency.of("CHF"), Currency.of("GBP")};

    private final Random random;

    RandomRecords(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    TransactionRecord next() {
        RecordKind kind = RecordKind.values()[random.nextInt(RecordKind.values().length)];
        return next(kind, 1 + (random.nextBoolean() ? random.nextInt(1000) : random.nextLong(Long.MAX_VALUE)), hash());
    }

    TransactionRecord next(RecordKind kind, long sequence, RecordHash previous) {
        Currency currency = CURRENCIES[random.nextInt(CURRENCIES.length)];
        TransactionRecord.Builder b = TransactionRecord.builder(kind)
                .id(RecordId.of(uuid()))
                .festival(FestivalId.of(uuid()))
                .terminal(TerminalId.of(uuid()))
                .chain(sequence, previous)
                .staff(OperatorId.of(uuid()), ShiftId.of(uuid()))
                .time(Instant.ofEpochMilli(random.nextLong(4_102_444_800_000L)))
                .authority(Authority.values()[random.nextInt(Authority.values().length)]);
        if (random.nextInt(3) == 0) {
            long before = random.nextLong(ChipCounters.MAX + 1);
            b.chip(ChipCounters.of(before, before + random.nextLong(ChipCounters.MAX - before + 1)));
        }
        boolean uid = random.nextBoolean();
        boolean wallet = random.nextBoolean();
        boolean ticket = random.nextBoolean();
        Money amount = Money.of(1 + random.nextLong(1_000_000), currency);
        switch (kind) {
            case TOP_UP -> {
                uid = true;
                b.amount(amount).payment(payment());
            }
            case SALE -> {
                uid = true;
                b.amount(lines(b, currency, 1 + random.nextInt(random.nextInt(8) == 0 ? 64 : 6)));
            }
            case REFUND -> {
                wallet |= !uid;
                b.payment(payment());
                if (random.nextBoolean()) {
                    b.amount(lines(b, currency, 1 + random.nextInt(4)));
                } else {
                    b.amount(amount);
                }
                if (random.nextBoolean()) {
                    b.references(RecordId.of(uuid()));
                }
            }
            case VOID ->
                b.amount(random.nextBoolean() ? amount : Money.zero(currency)).references(RecordId.of(uuid()));
            case BIND -> {
                uid = true;
                ticket |= !wallet;
                b.amount(Money.zero(currency));
            }
            case REPLACE -> {
                uid = true;
                wallet = true;
                b.amount(Money.zero(currency)).references(RecordId.of(uuid()));
            }
            case CHECK_IN -> {
                ticket |= !uid;
                b.amount(Money.zero(currency));
            }
            case SHIFT_OPEN, SHIFT_CLOSE, CASH_DROP -> {
                uid = false;
                wallet = false;
                ticket = false;
                b.amount(kind == RecordKind.CASH_DROP || random.nextBoolean() ? amount : Money.zero(currency));
            }
        }
        if (uid) {
            byte[] bytes = new byte[WristbandUid.MIN_LENGTH + random.nextInt(7)];
            random.nextBytes(bytes);
            b.wristband(WristbandUid.of(bytes));
        }
        if (wallet) {
            b.wallet(WalletId.of(uuid()));
        }
        if (ticket) {
            b.ticket(TicketId.of(uuid()));
        }
        return b.build();
    }

    private Money lines(TransactionRecord.Builder b, Currency currency, int count) {
        Money total = Money.zero(currency);
        for (int i = 0; i < count; i++) {
            StringBuilder code = new StringBuilder();
            int length = 1 + random.nextInt(SaleLine.MAX_CODE_LENGTH);
            for (int c = 0; c < length; c++) {
                code.append(CODE_CHARS.charAt(random.nextInt(CODE_CHARS.length())));
            }
            int quantity = 1 + random.nextInt(SaleLine.MAX_QUANTITY);
            Money price = Money.of(random.nextInt(100_000), currency);
            b.line(code.toString(), quantity, price);
            total = total.plus(price.times(quantity));
        }
        return total.isZero() ? lines(b.lines(java.util.List.of()), currency, count) : total;
    }

    private PaymentMethod payment() {
        return PaymentMethod.values()[random.nextInt(PaymentMethod.values().length)];
    }

    RecordHash hash() {
        if (random.nextInt(4) == 0) {
            return RecordHash.GENESIS;
        }
        byte[] bytes = new byte[RecordHash.LENGTH];
        random.nextBytes(bytes);
        return RecordHash.of(bytes);
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }
}
