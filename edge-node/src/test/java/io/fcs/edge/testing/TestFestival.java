package io.fcs.edge.testing;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.OperatorId;
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
import io.fcs.protocol.value.ZoneId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small festival for tests: ids, enrolled terminals with keys, wallets with wristbands. */
public final class TestFestival {

    public final FestivalId festival = FestivalId.random();
    public final ZoneId zone = ZoneId.random();
    public final Map<TerminalId, Ed25519.SigningKey> terminals = new LinkedHashMap<>();
    public final Map<String, WalletId> wristbands = new LinkedHashMap<>();
    public final Map<WalletId, Long> balances = new LinkedHashMap<>();
    /** Credits waiting per wallet, answered as {@code pendingCents}. */
    public final Map<WalletId, Long> pending = new java.util.concurrent.ConcurrentHashMap<>();
    /** Central's points of sale, each a JSON object of the config answer. */
    public final List<String> pointsOfSale = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Added to the config version, to make central's config change. */
    public volatile long configChanges;
    /** Extra JSON members of the zone's entry in the config, e.g. {@code "reentry": "ALLOWED"} (or empty). */
    public volatile String zoneRules = "";

    public TerminalId enrol() {
        TerminalId id = TerminalId.random();
        terminals.put(id, Ed25519.generate());
        return id;
    }

    public String wallet(long balanceCents) {
        WalletId wallet = WalletId.random();
        String uid = "04" + String.format("%012x", wristbands.size() + 1);
        wristbands.put(uid, wallet);
        balances.put(wallet, balanceCents);
        return uid;
    }

    /** Central's {@code GET .../config} answer listing the enrolled terminals. */
    public String configJson() {
        StringBuilder terminalsJson = new StringBuilder();
        for (var e : terminals.entrySet()) {
            if (!terminalsJson.isEmpty()) {
                terminalsJson.append(',');
            }
            terminalsJson.append("""
                    {"terminalId":"%s","zoneId":"%s","mode":"POS","publicKey":"%s","status":"ACTIVE"}""".formatted(
                    e.getKey(),
                    zone,
                    Base64.getEncoder()
                            .encodeToString(e.getValue().verificationKey().encoded())));
        }
        return """
                {"version": %d, "festivalId": "%s", "currency": "EUR", "timeZone": "Europe/Paris", "dayCutover": "06:00",
                 "zones": [{"id": "%s"%s}], "pointsOfSale": [%s], "offlineAllowanceCents": 2000, "ticketKeys": [],
                 "terminals": [%s]}""".formatted(
                        configVersion(),
                        festival,
                        zone,
                        zoneRules.isBlank() ? "" : ", " + zoneRules,
                        String.join(",", pointsOfSale),
                        terminalsJson);
    }

    public long configVersion() {
        return terminals.size() + configChanges;
    }

    /** Central's {@code GET .../wallets?since=0} answer. */
    public String walletsJson(long version) {
        StringBuilder list = new StringBuilder();
        for (var e : wristbands.entrySet()) {
            if (!list.isEmpty()) {
                list.append(',');
            }
            list.append("""
                    {"walletId":"%s","balanceCents":%d,"pendingCents":%d,"currency":"EUR","blocked":false,
                     "offlineAllowanceCents":2000,"wristbands":["%s"]}""".formatted(
                    e.getValue(), balances.get(e.getValue()), pending.getOrDefault(e.getValue(), 0L), e.getKey()));
        }
        return "{\"version\": %d, \"complete\": true, \"wallets\": [%s]}".formatted(version, list);
    }

    /** A terminal's chain of signed records, made one after the other. */
    public final class Chain {
        public final TerminalId terminal;
        private final RecordSigner signer;
        private RecordHash head = RecordHash.GENESIS;
        private long sequence;
        private final OperatorId operator = OperatorId.random();
        private final ShiftId shift = ShiftId.random();

        public Chain(TerminalId terminal) {
            this.terminal = terminal;
            this.signer = new RecordSigner(terminals.get(terminal));
        }

        public SignedRecord sale(String uid, long cents) {
            TransactionRecord record = TransactionRecord.builder(RecordKind.SALE)
                    .id(RecordId.random())
                    .festival(festival)
                    .terminal(terminal)
                    .chain(sequence + 1, head)
                    .staff(operator, shift)
                    .wristband(WristbandUid.parse(uid))
                    .wallet(wristbands.getOrDefault(uid, WalletId.random()))
                    .amount(Money.eur(cents))
                    .line("BEER", 1, Money.eur(cents))
                    .time(Instant.now())
                    .authority(Authority.EDGE)
                    .build();
            SignedRecord signed = signer.sign(record);
            sequence++;
            head = signed.hash();
            return signed;
        }

        /** A top-up of {@code cents} onto the wristband, paid with {@code payment}. */
        public SignedRecord topUp(String uid, long cents, io.fcs.protocol.record.PaymentMethod payment) {
            TransactionRecord record = TransactionRecord.builder(RecordKind.TOP_UP)
                    .id(RecordId.random())
                    .festival(festival)
                    .terminal(terminal)
                    .chain(sequence + 1, head)
                    .staff(operator, shift)
                    .wristband(WristbandUid.parse(uid))
                    .wallet(wristbands.getOrDefault(uid, WalletId.random()))
                    .amount(Money.eur(cents))
                    .payment(payment)
                    .time(Instant.now())
                    .authority(Authority.EDGE)
                    .build();
            SignedRecord signed = signer.sign(record);
            sequence++;
            head = signed.hash();
            return signed;
        }

        public SignedRecord checkIn(String uid) {
            TransactionRecord record = TransactionRecord.builder(RecordKind.CHECK_IN)
                    .id(RecordId.random())
                    .festival(festival)
                    .terminal(terminal)
                    .chain(sequence + 1, head)
                    .staff(operator, shift)
                    .wristband(WristbandUid.parse(uid))
                    .amount(Money.eur(0))
                    .time(Instant.now())
                    .authority(Authority.EDGE)
                    .build();
            SignedRecord signed = signer.sign(record);
            sequence++;
            head = signed.hash();
            return signed;
        }

        public List<SignedRecord> sales(String uid, int count, long cents) {
            List<SignedRecord> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                out.add(sale(uid, cents));
            }
            return out;
        }

        public long sequence() {
            return sequence;
        }
    }

    public Chain chain(TerminalId terminal) {
        return new Chain(terminal);
    }

    public static List<byte[]> encoded(List<SignedRecord> records) {
        return records.stream().map(SignedRecord::encoded).toList();
    }
}
