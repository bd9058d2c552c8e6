package io.fcs.protocol.message;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/** Seeded generators of valid messages, including edge values (empty lists, extremes, non-ASCII text). */
final class RandomMessages {

    private final Random random;

    RandomMessages(long seed) {
        this.random = new Random(seed);
    }

    /** One generator per message type. */
    List<Function<RandomMessages, Message>> generators() {
        return List.of(
                RandomMessages::recordBatch,
                RandomMessages::watermarkAck,
                RandomMessages::authorisationRequest,
                RandomMessages::authorisationAnswer,
                RandomMessages::admissionRequest,
                RandomMessages::admissionAnswer,
                RandomMessages::configuration,
                RandomMessages::priceList,
                RandomMessages::denyList,
                RandomMessages::ticketRevocations,
                RandomMessages::pendingCredits,
                RandomMessages::checkIn,
                RandomMessages::presence);
    }

    Message any() {
        List<Function<RandomMessages, Message>> generators = generators();
        return generators.get(random.nextInt(generators.size())).apply(this);
    }

    UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    TerminalId terminal() {
        return TerminalId.of(uuid());
    }

    WalletId wallet() {
        return WalletId.of(uuid());
    }

    long nonNegativeLong() {
        return switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> Long.MAX_VALUE - random.nextInt(1000);
            default -> random.nextLong() & Long.MAX_VALUE;
        };
    }

    int nonNegativeInt() {
        return random.nextBoolean() ? random.nextInt(100) : random.nextInt() & Integer.MAX_VALUE;
    }

    byte[] bytes(int min, int max) {
        byte[] bytes = new byte[min + random.nextInt(max - min + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    OpaqueBytes opaque(int min, int max) {
        return OpaqueBytes.of(bytes(min, max));
    }

    Currency currency() {
        return random.nextInt(4) == 0
                ? Currency.of("" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
                        + (char) ('A' + random.nextInt(26)))
                : Currency.EUR;
    }

    Money money() {
        long minor =
                switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
                    default -> random.nextLong() % 10_000_000;
                };
        return Money.of(minor, currency());
    }

    Money nonNegativeMoney() {
        return Money.of(random.nextBoolean() ? random.nextInt(1_000_000) : nonNegativeLong(), currency());
    }

    Money positiveMoney() {
        return Money.of(1 + (nonNegativeLong() % (Long.MAX_VALUE - 1)), currency());
    }

    Instant instant() {
        return random.nextInt(5) == 0
                ? Instant.ofEpochMilli(random.nextLong())
                : Instant.ofEpochMilli(1_780_000_000_000L + random.nextInt(1_000_000_000));
    }

    int small(int max) {
        return random.nextInt(max + 1);
    }

    boolean chance() {
        return random.nextBoolean();
    }

    <T> Optional<T> maybe(T value) {
        return random.nextBoolean() ? Optional.of(value) : Optional.empty();
    }

    /** Text from a mix of ASCII, accented letters, CJK and emoji (surrogate pairs). */
    String text(int maxChars) {
        String[] pieces = {"a", "Z", "7", " ", "-", "é", "ß", "€", "漢", "🍺", "🎫"};
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxChars + 1);
        for (int i = 0; i < length; i++) {
            text.append(pieces[random.nextInt(pieces.length)]);
        }
        return text.toString();
    }

    static Message recordBatch(RandomMessages r) {
        int count = 1 + r.small(r.chance() ? 3 : 40);
        List<OpaqueBytes> records = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            records.add(r.opaque(1, r.chance() ? 8 : 300));
        }
        long first = r.chance() ? r.small(1_000_000) : Long.MAX_VALUE - count;
        return new RecordBatch(r.terminal(), first, records, r.nonNegativeInt());
    }

    static Message watermarkAck(RandomMessages r) {
        long watermark = r.chance() ? WatermarkAck.NOTHING : r.small(1_000_000);
        List<SequenceRange> missing = new ArrayList<>();
        long next = watermark + 1;
        for (int i = r.small(5); i > 0; i--) {
            long from = next + r.small(10);
            long to = from + r.small(10);
            missing.add(SequenceRange.of(from, to));
            next = to + 1;
        }
        List<RefusedRecord> refused = new ArrayList<>();
        long sequence = r.small(100);
        RefusedRecord.Reason[] reasons = RefusedRecord.Reason.values();
        for (int i = r.small(5); i > 0; i--) {
            refused.add(new RefusedRecord(sequence, reasons[r.small(reasons.length - 1)]));
            sequence += 1 + r.small(10);
        }
        return new WatermarkAck(r.terminal(), watermark, missing, refused);
    }

    static Message authorisationRequest(RandomMessages r) {
        AuthorisationKind[] kinds = AuthorisationKind.values();
        return new AuthorisationRequest(
                r.uuid(),
                r.terminal(),
                kinds[r.small(kinds.length - 1)],
                r.opaque(AuthorisationRequest.MIN_UID_BYTES, AuthorisationRequest.MAX_UID_BYTES),
                r.maybe(r.wallet()),
                r.opaque(0, r.chance() ? 0 : AuthorisationRequest.MAX_CHIP_STATE_BYTES),
                r.nonNegativeMoney(),
                r.instant());
    }

    static Message authorisationAnswer(RandomMessages r) {
        AuthorisationOutcome[] outcomes = AuthorisationOutcome.values();
        List<UUID> creditIds = new ArrayList<>();
        for (int i = 1 + r.small(r.chance() ? 2 : AuthorisationAnswer.MAX_CREDIT_IDS - 1); i > 0; i--) {
            creditIds.add(r.uuid());
        }
        return new AuthorisationAnswer(
                r.uuid(),
                outcomes[r.small(outcomes.length - 1)],
                r.maybe(r.wallet()),
                r.maybe(r.money()),
                r.maybe(new AuthorisationAnswer.PendingCredit(r.positiveMoney(), creditIds)),
                r.maybe(r.nonNegativeMoney()));
    }

    String key() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789._-";
        StringBuilder key = new StringBuilder();
        for (int n = 1 + random.nextInt(random.nextBoolean() ? 12 : 64); n > 0; n--) {
            key.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return key.toString();
    }

    String nonEmptyText(int maxChars) {
        String text = text(maxChars);
        return text.isEmpty() ? "x" : text;
    }

    long version() {
        return 1 + (nonNegativeLong() % (Long.MAX_VALUE - 1));
    }

    static final String[] ZONES = {"UTC", "Europe/Brussels", "Europe/London", "America/Sao_Paulo", "Asia/Tokyo"};

    static Message configuration(RandomMessages r) {
        java.util.Map<String, String> settings = new java.util.TreeMap<>();
        for (int i = r.small(r.chance() ? 3 : 30); i > 0; i--) {
            settings.put(r.key(), r.text(r.chance() ? 10 : 200));
        }
        return Configuration.of(
                r.version(),
                new io.fcs.protocol.value.FestivalTime(
                        java.time.ZoneId.of(ZONES[r.small(ZONES.length - 1)]),
                        java.time.LocalTime.of(r.small(23), r.small(59))),
                r.nonNegativeMoney(),
                java.time.Duration.ofSeconds(1 + r.small(r.chance() ? 86_400 : Integer.MAX_VALUE - 1)),
                settings);
    }

    static Message priceList(RandomMessages r) {
        List<PriceList.PointOfSale> points = new ArrayList<>();
        for (int i = r.small(4); i > 0; i--) {
            List<PriceList.Product> products = new ArrayList<>();
            for (int j = r.small(12); j > 0; j--) {
                products.add(new PriceList.Product(
                        "p" + j + "-" + r.small(9), r.nonEmptyText(30), r.nonNegativeMoney(), r.text(20)));
            }
            String key = r.key();
            points.add(new PriceList.PointOfSale(
                    "pos" + i + "." + key.substring(0, Math.min(key.length(), 50)), r.nonEmptyText(30), products));
        }
        return new PriceList(r.version(), points);
    }

    static DenyList.Reason denyReason(RandomMessages r) {
        DenyList.Reason[] reasons = DenyList.Reason.values();
        return reasons[r.small(reasons.length - 1)];
    }

    static Message denyList(RandomMessages r) {
        boolean full = r.chance();
        List<DenyList.Entry> entries = new ArrayList<>();
        for (int i = r.small(r.chance() ? 3 : 100); i > 0; i--) {
            DenyList.Subject subject =
                    switch (r.small(2)) {
                        case 0 -> new DenyList.Wristband(r.opaque(4, 10));
                        case 1 -> new DenyList.Wallet(r.wallet());
                        default -> new DenyList.Terminal(r.terminal());
                    };
            ListAction action = full || r.chance() ? ListAction.ADD : ListAction.REMOVE;
            entries.add(new DenyList.Entry(subject, action, denyReason(r)));
        }
        long version = 2 + r.small(1_000_000);
        return full
                ? DenyList.full(version, entries)
                : DenyList.delta(1 + r.small((int) version - 2), version, entries);
    }

    static Message ticketRevocations(RandomMessages r) {
        boolean full = r.chance();
        TicketRevocations.Reason[] reasons = TicketRevocations.Reason.values();
        List<TicketRevocations.Entry> entries = new ArrayList<>();
        for (int i = r.small(r.chance() ? 3 : 100); i > 0; i--) {
            ListAction action = full || r.chance() ? ListAction.ADD : ListAction.REMOVE;
            entries.add(new TicketRevocations.Entry(
                    io.fcs.protocol.value.TicketId.of(r.uuid()), action, reasons[r.small(reasons.length - 1)]));
        }
        long version = 2 + r.small(1_000_000);
        return full ? TicketRevocations.full(version, entries) : TicketRevocations.delta(version - 1, version, entries);
    }

    static Message pendingCredits(RandomMessages r) {
        List<PendingCredits.Credit> credits = new ArrayList<>();
        for (int i = r.small(r.chance() ? 3 : 100); i > 0; i--) {
            credits.add(new PendingCredits.Credit(r.uuid(), r.wallet(), r.positiveMoney()));
        }
        return new PendingCredits(r.version(), credits);
    }

    static Message admissionRequest(RandomMessages r) {
        return new AdmissionRequest(
                r.uuid(),
                r.terminal(),
                io.fcs.protocol.value.TicketId.of(r.uuid()),
                r.chance() ? Optional.of(r.opaque(4, 10)) : Optional.empty(),
                r.text(20),
                r.instant());
    }

    static Message admissionAnswer(RandomMessages r) {
        Optional<AdmissionAnswer.PreviousAdmission> previous = r.chance()
                ? Optional.of(new AdmissionAnswer.PreviousAdmission(r.terminal(), r.text(20), r.instant()))
                : Optional.empty();
        io.fcs.protocol.ticket.AdmissionRefusal[] refusals = io.fcs.protocol.ticket.AdmissionRefusal.values();
        return switch (r.small(2)) {
            case 0 -> AdmissionAnswer.admitted(r.uuid(), previous.isPresent() && r.chance(), previous, r.instant());
            case 1 ->
                AdmissionAnswer.alreadyUsed(
                        r.uuid(),
                        new AdmissionAnswer.PreviousAdmission(r.terminal(), r.text(20), r.instant()),
                        ReentryRefusal.values()[r.small(ReentryRefusal.values().length - 1)],
                        r.instant());
            default -> {
                io.fcs.protocol.ticket.AdmissionRefusal refusal = refusals[r.small(refusals.length - 1)];
                yield refusal == io.fcs.protocol.ticket.AdmissionRefusal.ALREADY_USED
                        ? new AdmissionAnswer(
                                r.uuid(),
                                Optional.of(refusal),
                                false,
                                Optional.empty(),
                                Optional.of(new AdmissionAnswer.PreviousAdmission(r.terminal(), "", r.instant())),
                                r.instant())
                        : AdmissionAnswer.refused(r.uuid(), refusal, r.instant());
            }
        };
    }

    static Message checkIn(RandomMessages r) {
        int which = r.small(2);
        return new CheckIn(
                io.fcs.protocol.value.RecordId.of(r.uuid()),
                r.terminal(),
                io.fcs.protocol.value.ZoneId.of(r.uuid()),
                r.text(20),
                which != 1 ? Optional.of(io.fcs.protocol.value.TicketId.of(r.uuid())) : Optional.empty(),
                which != 0 ? Optional.of(r.opaque(4, 10)) : Optional.empty(),
                r.chance() ? Direction.IN : Direction.OUT,
                r.instant());
    }

    static Message presence(RandomMessages r) {
        java.util.Map<ListKind, Long> versions = new java.util.EnumMap<>(ListKind.class);
        for (ListKind kind : ListKind.values()) {
            if (r.chance()) {
                versions.put(kind, r.version());
            }
        }
        Presence.State[] states = Presence.State.values();
        Presence.State state = states[r.small(states.length - 1)];
        return new Presence(
                r.chance()
                        ? new Presence.Terminal(r.terminal())
                        : new Presence.Edge(io.fcs.protocol.value.EdgeId.of(r.uuid())),
                state,
                state == Presence.State.DEATH && r.chance(),
                r.nonEmptyText(16),
                r.instant(),
                r.nonNegativeInt(),
                r.nonNegativeInt(),
                r.random.nextLong(),
                versions);
    }
}
