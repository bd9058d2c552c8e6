package io.fcs.system.simulation;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationKind;
import io.fcs.protocol.message.AuthorisationOutcome;
import io.fcs.protocol.message.AuthorisationRequest;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.Message;
import io.fcs.protocol.message.OpaqueBytes;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.reader.Fault;
import io.fcs.protocol.reader.SimulatedReader;
import io.fcs.protocol.reader.WristbandSession;
import io.fcs.protocol.reader.WriteOutcome;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.ChipCounters;
import io.fcs.protocol.record.OperatorId;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.record.RecordHash;
import io.fcs.protocol.record.RecordKind;
import io.fcs.protocol.record.RecordSigner;
import io.fcs.protocol.record.SaleLine;
import io.fcs.protocol.record.ShiftId;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.record.WristbandUid;
import io.fcs.protocol.tag.ChipContent;
import io.fcs.protocol.tag.ChipState;
import io.fcs.protocol.tag.TagReading;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.smartcardio.CardException;

/**
 * A POS, kiosk or gate. The tap is the terminal's money path (terminal-app's {@code WalletTaps})
 * run on the protocol's real {@link WristbandSession} over a {@link SimulatedReader}: read and
 * judge the chip, finish a pending write, ask the edge (800 ms) or decide offline within the
 * allowance, commit the signed chained record before writing the chip, write tear-safe. The
 * store is a durable object that survives crashes; everything else is lost with one.
 */
final class SimTerminal implements Network.Endpoint {

    enum Mode {
        POS,
        KIOSK,
        GATE
    }

    static final long EDGE_TIMEOUT_MILLIS = 800;
    static final long OFFLINE_ALLOWANCE_CENTS = 2_000;
    static final int BATCH = 50;

    private static final List<SaleLine> MENU = List.of(
            SaleLine.of("BEER", 1, Money.eur(550)),
            SaleLine.of("WATER", 1, Money.eur(250)),
            SaleLine.of("FRIES", 1, Money.eur(450)),
            SaleLine.of("COCKTAIL", 1, Money.eur(900)));

    /**
     * A chip write committed but not confirmed: the next tap of that wristband here finishes it.
     * {@code baseGeneration} / {@code baseRecord}: the chip state the write was computed from.
     */
    record PendingWrite(RecordId record, long deltaCents, long baseGeneration, RecordId baseRecord) {}

    /** What the terminal's SQLite file holds: it survives every crash. */
    static final class Store {
        long headSequence;
        RecordHash head = RecordHash.GENESIS;
        final TreeMap<Long, byte[]> outbox = new TreeMap<>();
        long acked;
        final TreeMap<String, PendingWrite> pending = new TreeMap<>();
        final TreeMap<String, Long> offlineSpent = new TreeMap<>();
        final TreeMap<String, String> denied = new TreeMap<>();
    }

    private final class Tap {
        final Attendee attendee;
        final boolean resolveOnly;
        WristbandSession session;
        ChipState state;
        long chipCounter;
        RecordKind kind;
        long amount;
        List<SaleLine> lines = List.of();
        RecordId recordId;
        boolean decided;

        Tap(Attendee attendee, boolean resolveOnly) {
            this.attendee = attendee;
            this.resolveOnly = resolveOnly;
        }
    }

    final String name;
    final TerminalId id;
    final Mode mode;
    final int zone;
    final String edge;
    final Store store = new Store();
    private final FestivalSimulation sim;
    private final Ed25519.SigningKey key;
    private final RecordSigner signer;
    private final SimulatedReader reader;
    private final OperatorId operator;
    private final ShiftId shift;
    private boolean up = true;
    private Tap tap;
    long crashes;

    SimTerminal(
            FestivalSimulation sim,
            String name,
            TerminalId id,
            Mode mode,
            int zone,
            Ed25519.SigningKey key,
            SimulatedReader reader) {
        this.sim = sim;
        this.name = name;
        this.id = id;
        this.mode = mode;
        this.zone = zone;
        this.edge = "E" + zone;
        this.key = key;
        this.signer = new RecordSigner(key);
        this.reader = reader;
        this.operator = OperatorId.of(sim.newUuid());
        this.shift = ShiftId.of(sim.newUuid());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    boolean isFree() {
        return up && tap == null;
    }

    // ------------------------------------------------------------------ the tap

    /** The attendee holds the wristband to the reader. {@code resolveOnly}: only finish a pending write. */
    void tap(Attendee attendee, boolean resolveOnly) {
        if (!isFree()) {
            sim.released(attendee, this, "TERMINAL_BUSY", 0);
            return;
        }
        Tap current = new Tap(attendee, resolveOnly);
        tap = current;
        reader.present(attendee.tag);
        try {
            current.session = WristbandSession.open(
                    reader.connect("*").getBasicChannel(), sim.wristbandKeys(), sim.writerKeys(), sim.secureRandom());
        } catch (CardException e) {
            finish("NO_CARD", 0);
            return;
        }
        TagReading reading = current.session.read();
        ChipState state =
                switch (reading) {
                    case TagReading.Valid valid -> valid.state();
                    case TagReading.Torn torn -> torn.recovered().orElse(null);
                    default -> null;
                };
        String uid = attendee.uidHex;
        if (state == null) {
            String reason =
                    switch (reading) {
                        case TagReading.RolledBack r -> "ROLLED_BACK";
                        case TagReading.Forked f -> "CLONED";
                        case TagReading.Forged f -> "FORGED";
                        case TagReading.Blank b -> "BLANK";
                        default -> "UNREADABLE";
                    };
            sim.stats.refusal(reason);
            if (!reason.equals("BLANK") && !reason.equals("UNREADABLE")) {
                sim.oracle.detected(attendee, reason);
                if (!store.denied.containsKey(uid)) {
                    store.denied.put(uid, reason);
                    sim.durable(this, "deny " + uid);
                }
            }
            finish(reason, 0);
            return;
        }
        if (reading instanceof TagReading.Valid valid) {
            current.chipCounter = valid.chipCounter();
        } else {
            current.chipCounter = ((TagReading.Torn) reading).chipCounter();
        }
        if (store.denied.containsKey(uid)) {
            finish("BLOCKED", 0);
            return;
        }
        PendingWrite pending = store.pending.get(uid);
        if (pending != null) {
            switch (resolve(pending, state)) {
                case LANDED -> {
                    store.pending.remove(uid); // the interrupted write had landed after all
                    sim.durable(this, "landed " + pending.record());
                }
                case NOT_LANDED -> {
                    // not on the chip: apply this record's change to what the chip holds now
                    long owed = Math.max(0, state.balance().minor() + pending.deltaCents());
                    WriteOutcome outcome =
                            writeChip(current, state.content().withBalance(Money.eur(owed), pending.record()));
                    if (!(outcome instanceof WriteOutcome.Written written)) {
                        finish("TAP_AGAIN", -1);
                        return;
                    }
                    store.pending.remove(uid);
                    sim.durable(this, "finished " + pending.record());
                    state = written.state();
                    current.chipCounter = state.chipCounter();
                }
                case UNKNOWN -> {
                    // written twice elsewhere since: whether it landed cannot be told from the chip
                    store.pending.remove(uid);
                    sim.oracle.unreconciled(attendee, pending.record());
                    sim.durable(this, "unknown for reconciliation " + pending.record());
                }
            }
        }
        current.state = state;
        if (resolveOnly) {
            finish("RESOLVED", state.balance().minor());
            return;
        }
        switch (mode) {
            case POS -> {
                current.kind = RecordKind.SALE;
                List<SaleLine> lines = new ArrayList<>();
                int count = 1 + sim.nextInt(3);
                for (int i = 0; i < count; i++) {
                    SaleLine item = MENU.get(sim.nextInt(MENU.size()));
                    lines.add(SaleLine.of(item.productCode(), 1 + sim.nextInt(2), item.unitPrice()));
                }
                current.lines = List.copyOf(lines);
                current.amount =
                        lines.stream().mapToLong(l -> l.total().minor()).sum();
                if (state.balance().minor() < current.amount) {
                    finish("INSUFFICIENT_FUNDS", state.balance().minor());
                    return;
                }
            }
            case KIOSK -> {
                current.kind = RecordKind.TOP_UP;
                current.amount = new long[] {1_000, 2_000, 5_000}[sim.nextInt(3)];
            }
            case GATE -> {
                current.kind = RecordKind.CHECK_IN;
                current.amount = 0;
            }
        }
        current.recordId = RecordId.of(sim.newUuid());
        AuthorisationKind kind =
                switch (mode) {
                    case POS -> AuthorisationKind.SALE;
                    case KIOSK -> AuthorisationKind.TOP_UP;
                    case GATE -> AuthorisationKind.CHECK_IN;
                };
        AuthorisationRequest request = new AuthorisationRequest(
                current.recordId.value(),
                id,
                kind,
                OpaqueBytes.of(attendee.tag.uid().bytes()),
                Optional.of(state.wallet()),
                OpaqueBytes.of(new byte[0]),
                Money.eur(current.amount),
                sim.scheduler().instant());
        sim.network().send(name, edge, sim.codec().encode(request));
        sim.scheduler().after(EDGE_TIMEOUT_MILLIS, () -> {
            if (up && tap == current && !current.decided) {
                decide(current, null);
            }
        });
    }

    private void decide(Tap current, AuthorisationOutcome outcome) {
        current.decided = true;
        Authority authority;
        if (outcome == null) {
            if (current.kind == RecordKind.SALE) {
                long spent = store.offlineSpent.getOrDefault(current.attendee.uidHex, 0L);
                if (spent + current.amount > OFFLINE_ALLOWANCE_CENTS) {
                    finish("OFFLINE_LIMIT", current.state.balance().minor());
                    return;
                }
            }
            authority = Authority.OFFLINE;
        } else if (outcome.approved()) {
            authority = Authority.EDGE;
        } else {
            finish(outcome.name(), current.state.balance().minor());
            return;
        }
        commit(current, authority);
    }

    private void commit(Tap current, Authority authority) {
        String uid = current.attendee.uidHex;
        boolean writesChip = current.kind != RecordKind.CHECK_IN;
        long delta =
                switch (current.kind) {
                    case SALE -> -current.amount;
                    case TOP_UP -> current.amount;
                    default -> 0;
                };
        long sequence = store.headSequence + 1;
        TransactionRecord.Builder builder = TransactionRecord.builder(current.kind)
                .id(current.recordId)
                .festival(sim.festival())
                .terminal(id)
                .chain(sequence, store.head)
                .staff(operator, shift)
                .wristband(WristbandUid.of(current.attendee.tag.uid().bytes()))
                .wallet(current.state.wallet())
                .amount(Money.eur(current.amount))
                .time(sim.scheduler().instant())
                .authority(authority);
        if (current.kind == RecordKind.SALE) {
            builder.lines(current.lines);
        }
        if (current.kind == RecordKind.TOP_UP) {
            builder.payment(PaymentMethod.CASH);
        }
        if (writesChip) {
            builder.chip(ChipCounters.of(current.chipCounter, current.chipCounter + 1));
        }
        SignedRecord signed = signer.sign(builder.build());
        store.outbox.put(sequence, signed.encoded());
        store.headSequence = sequence;
        store.head = signed.hash();
        if (writesChip) {
            store.pending.put(
                    uid,
                    new PendingWrite(current.recordId, delta, current.state.generation(), current.state.lastRecord()));
            sim.oracle.pendingWrite(current.attendee);
        }
        if (authority == Authority.OFFLINE && current.kind == RecordKind.SALE) {
            store.offlineSpent.merge(uid, current.amount, Long::sum);
        }
        sim.oracle.committed(this, signed, current.attendee);
        sim.durable(this, "commit " + sequence + " " + signed.hash());
        sync();
        long after = current.state.balance().minor() + delta;
        if (!writesChip) {
            finish("APPROVED_" + authority, after);
            return;
        }
        WriteOutcome outcome =
                writeChip(current, current.state.content().withBalance(Money.eur(after), current.recordId));
        if (outcome instanceof WriteOutcome.Written) {
            store.pending.remove(uid);
            sim.durable(this, "written " + current.recordId);
            finish("APPROVED_" + authority, after);
        } else {
            finish("TAP_AGAIN", after);
        }
    }

    enum Resolution {
        LANDED,
        NOT_LANDED,
        UNKNOWN
    }

    /**
     * Whether a pending write reached the chip, from the chip alone: its last record is the pending
     * one (landed); it still holds the state the write was computed from, or exactly one later
     * state written elsewhere on top of it (not landed); two or more writes later, it cannot tell.
     */
    static Resolution resolve(PendingWrite pending, ChipState chip) {
        if (chip.lastRecord().equals(pending.record())) {
            return Resolution.LANDED;
        }
        if (chip.generation() == pending.baseGeneration() && chip.lastRecord().equals(pending.baseRecord())) {
            return Resolution.NOT_LANDED;
        }
        if (chip.generation() == pending.baseGeneration() + 1) {
            return Resolution.NOT_LANDED;
        }
        return Resolution.UNKNOWN;
    }

    /** Writes the chip, sometimes with the wristband pulled away part way (a torn write). */
    private WriteOutcome writeChip(Tap current, ChipContent content) {
        if (sim.faultsOn() && sim.chance(0.03)) {
            int pick = sim.nextInt(4);
            switch (pick) {
                case 0 -> reader.inject(Fault.TEAR_BEFORE_INCREMENT);
                case 1 -> reader.inject(Fault.TEAR_AFTER_INCREMENT);
                default -> reader.inject(Fault.TEAR_AFTER_PAGE, sim.nextInt(42));
            }
            sim.stats.tears++;
        }
        WriteOutcome outcome = current.session.write(content, id, key);
        sim.trace(name + " chip " + current.attendee.uidHex + " "
                + outcome.getClass().getSimpleName());
        return outcome;
    }

    private void finish(String outcome, long balanceCents) {
        Tap done = tap;
        tap = null;
        reader.clearFaults();
        reader.remove();
        sim.released(done.attendee, this, outcome, balanceCents);
    }

    // ------------------------------------------------------------------ sync with the edge

    /** Sends the oldest unacknowledged run of records to the edge (after a commit and on every tick). */
    void sync() {
        if (!up || store.outbox.isEmpty()) {
            return;
        }
        List<byte[]> run = new ArrayList<>();
        long first = store.outbox.firstKey();
        for (Map.Entry<Long, byte[]> entry : store.outbox.entrySet()) {
            if (run.size() == BATCH) {
                break;
            }
            run.add(entry.getValue());
        }
        RecordBatch batch = RecordBatch.of(id, first, run, store.outbox.size());
        sim.network().send(name, edge, sim.codec().encode(batch));
    }

    @Override
    public void receive(String from, Object message) {
        if (!(message instanceof byte[] payload)) {
            return;
        }
        DecodeResult<Message> decoded = sim.codec().decode(payload);
        if (!(decoded instanceof DecodeResult.Decoded<Message> ok)) {
            sim.stats.garbage++;
            return;
        }
        switch (ok.message()) {
            case AuthorisationAnswer answer -> {
                Tap current = tap;
                if (current != null
                        && !current.decided
                        && current.recordId != null
                        && current.recordId.value().equals(answer.correlationId())) {
                    decide(current, answer.outcome());
                }
            }
            case WatermarkAck ack -> acknowledged(ack);
            default -> sim.stats.garbage++;
        }
    }

    private void acknowledged(WatermarkAck ack) {
        if (!ack.terminalId().equals(id)) {
            sim.stats.garbage++;
            return;
        }
        long watermark = Math.min(ack.watermark(), store.headSequence);
        if (watermark > store.acked) {
            store.outbox.headMap(watermark, true).clear();
            store.acked = watermark;
            sim.durable(this, "acked " + watermark);
        }
        if (asksForHeldRecords(ack)) {
            sync();
        }
    }

    /** Whether the edge asks again for records this terminal still holds (missing or refused in transit). */
    private boolean asksForHeldRecords(WatermarkAck ack) {
        for (io.fcs.protocol.message.SequenceRange range : ack.missing()) {
            Long held = store.outbox.ceilingKey(range.from());
            if (held != null && held <= range.to()) {
                return true;
            }
        }
        for (io.fcs.protocol.message.RefusedRecord refused : ack.refused()) {
            if (store.outbox.containsKey(refused.sequence())) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ crash and restart

    void crash() {
        up = false;
        crashes++;
        if (tap != null) {
            Tap lost = tap;
            tap = null;
            reader.clearFaults();
            reader.remove();
            sim.released(lost.attendee, this, "TERMINAL_CRASHED", -1);
        }
    }

    void restart() {
        up = true;
    }
}
