package io.fcs.protocol.bench;

import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.ChipCounters;
import io.fcs.protocol.record.OperatorId;
import io.fcs.protocol.record.RecordHash;
import io.fcs.protocol.record.RecordKind;
import io.fcs.protocol.record.ShiftId;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.record.WristbandUid;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;

/** Deterministic inputs for benchmarks: fixed seeds, a typical two-line bar sale. */
final class Fixtures {

    static final TerminalId TERMINAL = TerminalId.of(new UUID(1, 1));

    private Fixtures() {}

    static byte[] seed(int n) {
        return bytes(32, n);
    }

    static byte[] bytes(int length, long seed) {
        byte[] out = new byte[length];
        new Random(seed).nextBytes(out);
        return out;
    }

    static TransactionRecord sale(long sequence, RecordHash previous) {
        return TransactionRecord.builder(RecordKind.SALE)
                .id(RecordId.of(new UUID(7, sequence)))
                .festival(FestivalId.of(new UUID(2, 2)))
                .terminal(TERMINAL)
                .chain(sequence, previous)
                .staff(OperatorId.of(new UUID(3, 3)), ShiftId.of(new UUID(4, 4)))
                .wristband(WristbandUid.parse("04782E21801D80"))
                .wallet(WalletId.of(new UUID(5, 5)))
                .amount(Money.eur(1350))
                .line("BEER-50", 2, Money.eur(500))
                .line("WATER", 1, Money.eur(350))
                .time(Instant.parse("2026-07-17T21:04:05.123Z"))
                .chip(ChipCounters.of(41, 42))
                .authority(Authority.EDGE)
                .build();
    }
}
