package io.fcs.central.sync;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.ChipCounters;
import io.fcs.protocol.record.OperatorId;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.RecordHash;
import io.fcs.protocol.record.RecordKind;
import io.fcs.protocol.record.RecordSigner;
import io.fcs.protocol.record.ShiftId;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.record.WristbandUid;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A terminal for tests: its key, its chain, and helpers that sign records and pack batches. */
public final class SimTerminal {

    static final MessageCodec CODEC = MessageCodec.withMaxBytes(8 << 20);

    public final TerminalId id;
    public final FestivalId festival;
    public final Ed25519.SigningKey key;
    public final RecordSigner signer;
    public final ShiftId shift = ShiftId.random();
    public final OperatorId operator = OperatorId.random();
    private long sequence;
    private RecordHash previous = RecordHash.GENESIS;
    private Instant clock = Instant.parse("2026-07-10T18:00:00Z");
    private final Map<String, Long> chipCounters;

    public SimTerminal(FestivalId festival, Random random, Map<String, Long> chipCounters) {
        this.festival = festival;
        this.id = TerminalId.of(new UUID(random.nextLong(), random.nextLong()));
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        this.key = Ed25519.SigningKey.fromSeed(seed);
        this.signer = new RecordSigner(key);
        this.chipCounters = chipCounters;
    }

    public static SimTerminal create(FestivalId festival) {
        return create(festival, new HashMap<>());
    }

    /** Terminals sharing {@code chipCounters} see the same wristband chips. */
    public static SimTerminal create(FestivalId festival, Map<String, Long> chipCounters) {
        return new SimTerminal(festival, new Random(new SecureRandom().nextLong()), chipCounters);
    }

    /** Enrols the terminal in central's device table (as provisioning would through the admin API). */
    public SimTerminal enrol(JdbcClient jdbc) {
        jdbc.sql("""
                        INSERT INTO device (id, festival_id, kind, mode, name, public_key, status, created_at)
                        VALUES (:id, :f, 'TERMINAL', 'POS', :name, :key, 'ACTIVE', :now)
                        """)
                .param("id", id.value())
                .param("f", festival.value())
                .param("name", "till " + id)
                .param(
                        "key",
                        Base64.getEncoder().encodeToString(key.verificationKey().encoded()))
                .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        return this;
    }

    public long sequence() {
        return sequence;
    }

    public SignedRecord next(RecordKind kind, Consumer<TransactionRecord.Builder> parts) {
        clock = clock.plusSeconds(7);
        TransactionRecord.Builder builder = TransactionRecord.builder(kind)
                .id(RecordId.random())
                .festival(festival)
                .terminal(id)
                .chain(sequence + 1, previous)
                .staff(operator, shift)
                .time(clock)
                .authority(kind.isDrawerEvent() ? Authority.LOCAL : Authority.EDGE);
        parts.accept(builder);
        SignedRecord signed = signer.sign(builder.build());
        sequence++;
        previous = signed.hash();
        return signed;
    }

    private ChipCounters chip(String uid) {
        long before = chipCounters.getOrDefault(uid, 0L);
        chipCounters.put(uid, before + 1);
        return ChipCounters.of(before, before + 1);
    }

    public SignedRecord topUp(String uid, WalletId wallet, long cents, PaymentMethod method) {
        return next(RecordKind.TOP_UP, b -> b.wristband(WristbandUid.parse(uid))
                .wallet(wallet)
                .amount(Money.eur(cents))
                .payment(method)
                .chip(chip(uid)));
    }

    public SignedRecord sale(String uid, WalletId wallet, long cents, Authority authority) {
        return next(RecordKind.SALE, b -> b.wristband(WristbandUid.parse(uid))
                .wallet(wallet)
                .amount(Money.eur(cents))
                .line("BEER", 1, Money.eur(cents))
                .chip(chip(uid))
                .authority(authority));
    }

    public SignedRecord voidOf(SignedRecord target) {
        return next(RecordKind.VOID, b -> b.references(target.record().id())
                .amount(target.record().amount()));
    }

    public static byte[] batch(List<SignedRecord> records) {
        List<byte[]> bytes = new ArrayList<>();
        for (SignedRecord record : records) {
            bytes.add(record.encoded());
        }
        TerminalId terminal = records.getFirst().record().terminal();
        return CODEC.encode(RecordBatch.of(terminal, records.getFirst().record().sequence(), bytes, 0));
    }
}
