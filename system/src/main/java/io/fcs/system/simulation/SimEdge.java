package io.fcs.system.simulation;

import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationOutcome;
import io.fcs.protocol.message.AuthorisationRequest;
import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.Message;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.ChainStatus;
import io.fcs.protocol.record.RecordCodec;
import io.fcs.protocol.record.RecordKind;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TerminalChain;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A zone's edge node: the record inbox (real verification and {@link TerminalChain} per terminal,
 * durable before the ack, duplicates absorbed, gaps asked for, forks alerted), the live wallet
 * authority (central's replica plus durable holds, one decision per request id), the
 * store-and-forward uplink to central and the downlink of central's balances. Modelled on
 * edge-node's {@code Inbox}, {@code WalletReplica} and {@code Uplink}; see decision 0190.
 */
final class SimEdge implements Network.Endpoint {

    static final int UPLINK_BATCH = 200;
    static final long HOLD_EXPIRY_MILLIS = 10 * 60_000;

    /** A debit or credit the edge knows of and central's balances do not include yet. */
    static final class Hold {
        final String wallet;
        final long cents;
        final long createdAt;
        String terminal;
        long sequence;

        Hold(String wallet, long cents, long createdAt) {
            this.wallet = wallet;
            this.cents = cents;
            this.createdAt = createdAt;
        }
    }

    /** What the edge's SQLite file holds: it survives every crash. */
    static final class Store {
        final TreeMap<String, TreeMap<Long, byte[]>> records = new TreeMap<>();
        final TreeMap<String, Long> centralAck = new TreeMap<>();
        final TreeMap<UUID, Hold> holds = new TreeMap<>();
        TreeMap<String, Long> replica = new TreeMap<>();
        TreeMap<String, Long> centralApplied = new TreeMap<>();
        long replicaVersion = -1;
        final List<String> alerts = new ArrayList<>();
    }

    final String name;
    final int zone;
    final Store store = new Store();
    private final FestivalSimulation sim;
    private final TreeMap<String, TerminalChain> chains = new TreeMap<>();
    private final TreeMap<String, Long> heldByWallet = new TreeMap<>();
    private boolean up = true;
    long crashes;

    SimEdge(FestivalSimulation sim, int zone) {
        this.sim = sim;
        this.zone = zone;
        this.name = "E" + zone;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    @Override
    public void receive(String from, Object message) {
        if (message instanceof FestivalSimulation.Downlink downlink) {
            downlink(downlink);
            return;
        }
        if (!(message instanceof byte[] payload)) {
            return;
        }
        DecodeResult<Message> decoded = sim.codec().decode(payload);
        if (!(decoded instanceof DecodeResult.Decoded<Message> ok)) {
            sim.stats.garbage++;
            sim.trace(name + " refused garbage from " + from);
            return;
        }
        switch (ok.message()) {
            case AuthorisationRequest request -> authorise(from, request);
            case RecordBatch batch -> inbox(from, batch);
            case WatermarkAck ack -> {
                if (from.equals(FestivalSimulation.CENTRAL)) {
                    centralAcknowledged(ack);
                }
            }
            default -> sim.stats.garbage++;
        }
    }

    // ------------------------------------------------------------------ inbox

    private void inbox(String from, RecordBatch batch) {
        TerminalId sender = sim.terminalIdOf(from);
        if (sender == null || !sender.equals(batch.terminalId())) {
            sim.stats.garbage++;
            return;
        }
        String terminal = sender.toString();
        TerminalChain chain = chain(terminal, sender);
        TreeMap<Long, byte[]> held = store.records.computeIfAbsent(terminal, t -> new TreeMap<>());
        Inboxes.Outcome outcome = Inboxes.take(sim, chain, batch, new Inboxes.Listener() {
            @Override
            public boolean holds(SignedRecord signed) {
                byte[] stored = held.get(signed.record().sequence());
                return stored != null && Arrays.equals(stored, signed.encoded());
            }

            @Override
            public void accepted(SignedRecord signed, ChainStatus status) {
                held.put(signed.record().sequence(), signed.encoded());
                arrived(terminal, signed);
            }
        });
        for (String alert : outcome.alerts()) {
            store.alerts.add(name + " " + alert);
        }
        if (outcome.changed()) {
            sim.durable(this, "inbox " + terminal + " wm " + chain.watermark());
        }
        WatermarkAck ack = new WatermarkAck(sender, chain.watermark(), outcome.missing(), outcome.refused());
        sim.network().send(name, from, sim.codec().encode(ack));
    }

    private TerminalChain chain(String terminal, TerminalId id) {
        return chains.computeIfAbsent(terminal, t -> TerminalChain.start(id));
    }

    /** A record reached the zone: its money counts in the replica until central's balances include it. */
    private void arrived(String terminal, SignedRecord signed) {
        TransactionRecord record = signed.record();
        long cents =
                switch (record.kind()) {
                    case SALE -> -record.amount().minor();
                    case TOP_UP -> record.amount().minor();
                    default -> 0;
                };
        if (cents == 0 || record.wallet().isEmpty()) {
            return;
        }
        Hold hold = store.holds.get(record.id().value());
        if (hold == null) {
            hold = new Hold(
                    record.wallet().get().toString(), cents, sim.scheduler().now());
            store.holds.put(record.id().value(), hold);
            heldByWallet.merge(hold.wallet, cents, Long::sum);
        }
        hold.terminal = terminal;
        hold.sequence = record.sequence();
        settleIfApplied(record.id().value(), hold);
    }

    private void settleIfApplied(UUID key, Hold hold) {
        if (hold.terminal != null && hold.sequence <= store.centralApplied.getOrDefault(hold.terminal, 0L)) {
            store.holds.remove(key);
            heldByWallet.merge(hold.wallet, -hold.cents, Long::sum);
        }
    }

    // ------------------------------------------------------------------ authority

    private void authorise(String from, AuthorisationRequest request) {
        TerminalId sender = sim.terminalIdOf(from);
        AuthorisationAnswer answer;
        if (sender == null || !sender.equals(request.terminalId())) {
            answer = AuthorisationAnswer.refused(request.correlationId(), AuthorisationOutcome.INVALID_REQUEST);
        } else {
            answer = switch (request.kind()) {
                case SALE -> sale(request);
                case TOP_UP, CHECK_IN ->
                    new AuthorisationAnswer(
                            request.correlationId(),
                            AuthorisationOutcome.APPROVED,
                            request.walletId(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty());
            };
        }
        sim.trace(name + " auth " + request.correlationId() + " " + answer.outcome());
        sim.network().send(name, from, sim.codec().encode(answer));
    }

    private AuthorisationAnswer sale(AuthorisationRequest request) {
        UUID correlation = request.correlationId();
        Optional<WalletId> bound = sim.walletOfUid(request.wristbandUid().hex());
        if (bound.isEmpty()) {
            return AuthorisationAnswer.refused(correlation, AuthorisationOutcome.UNKNOWN_WRISTBAND);
        }
        String wallet = bound.get().toString();
        long amount = request.amount().minor();
        if (!store.holds.containsKey(correlation)) {
            if (available(wallet) < amount) {
                return AuthorisationAnswer.refused(correlation, AuthorisationOutcome.INSUFFICIENT_FUNDS);
            }
            Hold hold = new Hold(wallet, -amount, sim.scheduler().now());
            store.holds.put(correlation, hold);
            heldByWallet.merge(wallet, -amount, Long::sum);
            sim.durable(this, "hold " + correlation);
        }
        return new AuthorisationAnswer(
                correlation,
                AuthorisationOutcome.APPROVED,
                bound,
                Optional.of(Money.eur(Math.max(0, available(wallet)))),
                Optional.empty(),
                Optional.of(Money.eur(SimTerminal.OFFLINE_ALLOWANCE_CENTS)));
    }

    long available(String wallet) {
        return store.replica.getOrDefault(wallet, 0L) + heldByWallet.getOrDefault(wallet, 0L);
    }

    private void downlink(FestivalSimulation.Downlink downlink) {
        if (downlink.version() <= store.replicaVersion) {
            return;
        }
        store.replica = new TreeMap<>(downlink.balances());
        store.centralApplied = new TreeMap<>(downlink.applied());
        store.replicaVersion = downlink.version();
        Iterator<Map.Entry<UUID, Hold>> it = store.holds.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<UUID, Hold> entry = it.next();
            Hold hold = entry.getValue();
            if (hold.terminal != null && hold.sequence <= store.centralApplied.getOrDefault(hold.terminal, 0L)) {
                it.remove();
                heldByWallet.merge(hold.wallet, -hold.cents, Long::sum);
            }
        }
        sim.durable(this, "downlink " + downlink.version());
    }

    // ------------------------------------------------------------------ uplink

    /** Forwards each terminal's records above central's watermark, oldest first. */
    void uplink() {
        if (!up) {
            return;
        }
        for (Map.Entry<String, TerminalChain> entry : chains.entrySet()) {
            String terminal = entry.getKey();
            long watermark = entry.getValue().watermark();
            long acked = store.centralAck.getOrDefault(terminal, 0L);
            if (watermark <= acked) {
                continue;
            }
            TreeMap<Long, byte[]> held = store.records.get(terminal);
            List<byte[]> run = new ArrayList<>();
            for (long sequence = acked + 1; sequence <= watermark && run.size() < UPLINK_BATCH; sequence++) {
                run.add(held.get(sequence));
            }
            RecordBatch batch = RecordBatch.of(entry.getValue().terminal(), acked + 1, run, (int) (watermark - acked));
            sim.network().send(name, FestivalSimulation.CENTRAL, sim.codec().encode(batch));
        }
    }

    private void centralAcknowledged(WatermarkAck ack) {
        String terminal = ack.terminalId().toString();
        TerminalChain chain = chains.get(terminal);
        long watermark = chain == null ? ack.watermark() : Math.min(ack.watermark(), chain.watermark());
        if (watermark > store.centralAck.getOrDefault(terminal, 0L)) {
            store.centralAck.put(terminal, watermark);
            sim.durable(this, "central acked " + terminal + " " + watermark);
        }
    }

    /** Drops holds of approvals whose record never came (the terminal crashed before committing). */
    void expireHolds() {
        if (!up) {
            return;
        }
        long now = sim.scheduler().now();
        boolean changed = false;
        Iterator<Map.Entry<UUID, Hold>> it = store.holds.entrySet().iterator();
        while (it.hasNext()) {
            Hold hold = it.next().getValue();
            if (hold.terminal == null && now - hold.createdAt > HOLD_EXPIRY_MILLIS) {
                it.remove();
                heldByWallet.merge(hold.wallet, -hold.cents, Long::sum);
                changed = true;
            }
        }
        if (changed) {
            sim.durable(this, "holds expired");
        }
    }

    /** Holds whose record arrived but central has not applied yet (zero once the zone is in sync). */
    long recordedHolds() {
        return store.holds.values().stream().filter(h -> h.terminal != null).count();
    }

    long watermarkOf(String terminal) {
        TerminalChain chain = chains.get(terminal);
        return chain == null ? 0 : chain.watermark();
    }

    // ------------------------------------------------------------------ crash and restart

    void crash() {
        up = false;
        crashes++;
        chains.clear();
        heldByWallet.clear();
    }

    /** Rebuilds the chains and the hold sums from the durable store only. */
    void restart() {
        if (sim.scenario().planted() == Scenario.PlantedFault.EDGE_LOSES_RECORDS_ON_RESTART
                && !store.records.isEmpty()) {
            for (Map.Entry<String, TreeMap<Long, byte[]>> entry : store.records.entrySet()) {
                long acked = store.centralAck.getOrDefault(entry.getKey(), 0L);
                entry.getValue().tailMap(acked, false).clear();
            }
        }
        for (Map.Entry<String, TreeMap<Long, byte[]>> entry : store.records.entrySet()) {
            TerminalChain chain = null;
            for (byte[] bytes : entry.getValue().values()) {
                SignedRecord signed = RecordCodec.decodeSigned(bytes).orElseThrow();
                if (chain == null) {
                    chain = TerminalChain.start(signed.record().terminal());
                }
                chain.accept(signed);
            }
            if (chain != null) {
                chains.put(entry.getKey(), chain);
            }
        }
        for (Hold hold : store.holds.values()) {
            heldByWallet.merge(hold.wallet, hold.cents, Long::sum);
        }
        up = true;
    }

    static boolean movesMoney(RecordKind kind) {
        return kind == RecordKind.SALE || kind == RecordKind.TOP_UP;
    }
}
