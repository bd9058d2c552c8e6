package io.fcs.protocol.record;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Fixed keys, ids and times for record tests and golden vectors (never random). */
final class RecordExamples {

    static final Ed25519.SigningKey TERMINAL_KEY = Ed25519.SigningKey.fromSeed(
            Bytes.fromHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
    static final Ed25519.SigningKey OTHER_KEY = Ed25519.SigningKey.fromSeed(
            Bytes.fromHex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"));

    static final FestivalId FESTIVAL = FestivalId.parse("f0000000-0000-4000-8000-000000000001");
    static final TerminalId TERMINAL = TerminalId.parse("7e000000-0000-4000-8000-000000000001");
    static final TerminalId OTHER_TERMINAL = TerminalId.parse("7e000000-0000-4000-8000-000000000002");
    static final OperatorId OPERATOR = OperatorId.parse("0b000000-0000-4000-8000-000000000001");
    static final ShiftId SHIFT = ShiftId.parse("5f000000-0000-4000-8000-000000000001");
    static final WalletId WALLET = WalletId.parse("3a000000-0000-4000-8000-000000000001");
    static final TicketId TICKET = TicketId.parse("71000000-0000-4000-8000-000000000001");
    static final WristbandUid UID = WristbandUid.parse("04782E21801D80");
    static final Instant TIME = Instant.parse("2026-07-17T21:04:05.123Z");

    private RecordExamples() {}

    static RecordId recordId(long n) {
        return RecordId.of(new UUID(0x1d00000000004000L, 0x8000000000000000L | n));
    }

    /** A builder with the common parts set for a record at {@code sequence} of {@link #TERMINAL}. */
    static TransactionRecord.Builder base(RecordKind kind, long sequence, RecordHash previous) {
        return TransactionRecord.builder(kind)
                .id(recordId(sequence))
                .festival(FESTIVAL)
                .terminal(TERMINAL)
                .chain(sequence, previous)
                .staff(OPERATOR, SHIFT)
                .time(TIME.plusSeconds(sequence))
                .authority(Authority.EDGE);
    }

    static TransactionRecord sale(long sequence, RecordHash previous) {
        return base(RecordKind.SALE, sequence, previous)
                .wristband(UID)
                .wallet(WALLET)
                .amount(Money.eur(1350))
                .line("BEER-50", 2, Money.eur(500))
                .line("WATER", 1, Money.eur(350))
                .chip(ChipCounters.of(41, 42))
                .build();
    }

    static TransactionRecord topUp(long sequence, RecordHash previous) {
        return base(RecordKind.TOP_UP, sequence, previous)
                .wristband(UID)
                .wallet(WALLET)
                .amount(Money.eur(5000))
                .payment(PaymentMethod.CASH)
                .chip(ChipCounters.of(40, 41))
                .build();
    }

    static TransactionRecord shiftOpen(long sequence, RecordHash previous) {
        return base(RecordKind.SHIFT_OPEN, sequence, previous)
                .amount(Money.eur(20000))
                .authority(Authority.LOCAL)
                .build();
    }

    /** One example of every kind, chained from sequence 1. */
    static List<SignedRecord> everyKind(RecordSigner signer) {
        List<SignedRecord> out = new ArrayList<>();
        RecordHash previous = RecordHash.GENESIS;
        for (RecordKind kind : RecordKind.values()) {
            long sequence = out.size() + 1;
            SignedRecord signed = signer.sign(example(kind, sequence, previous));
            out.add(signed);
            previous = signed.hash();
        }
        return out;
    }

    static TransactionRecord example(RecordKind kind, long sequence, RecordHash previous) {
        return switch (kind) {
            case TOP_UP -> topUp(sequence, previous);
            case SALE -> sale(sequence, previous);
            case REFUND ->
                base(kind, sequence, previous)
                        .wristband(UID)
                        .wallet(WALLET)
                        .amount(Money.eur(500))
                        .payment(PaymentMethod.CARD)
                        .line("BEER-50", 1, Money.eur(500))
                        .references(recordId(2))
                        .build();
            case VOID ->
                base(kind, sequence, previous)
                        .amount(Money.eur(1350))
                        .references(recordId(2))
                        .build();
            case BIND ->
                base(kind, sequence, previous)
                        .wristband(UID)
                        .ticket(TICKET)
                        .wallet(WALLET)
                        .amount(Money.eur(0))
                        .chip(ChipCounters.of(0, 1))
                        .build();
            case REPLACE ->
                base(kind, sequence, previous)
                        .wristband(WristbandUid.parse("0411223344556677"))
                        .wallet(WALLET)
                        .references(recordId(5))
                        .amount(Money.eur(0))
                        .build();
            case CHECK_IN ->
                base(kind, sequence, previous)
                        .ticket(TICKET)
                        .amount(Money.eur(0))
                        .authority(Authority.OFFLINE)
                        .build();
            case SHIFT_OPEN -> shiftOpen(sequence, previous);
            case CASH_DROP ->
                base(kind, sequence, previous)
                        .amount(Money.eur(50000))
                        .authority(Authority.LOCAL)
                        .build();
            case SHIFT_CLOSE ->
                base(kind, sequence, previous)
                        .amount(Money.eur(12345))
                        .authority(Authority.LOCAL)
                        .build();
        };
    }

    /** A valid chain of {@code length} sales of {@link #TERMINAL}, sequences 1..length. */
    static List<SignedRecord> chain(RecordSigner signer, int length) {
        List<SignedRecord> out = new ArrayList<>(length);
        RecordHash previous = RecordHash.GENESIS;
        for (int i = 1; i <= length; i++) {
            SignedRecord signed = signer.sign(sale(i, previous));
            out.add(signed);
            previous = signed.hash();
        }
        return out;
    }
}
