package io.fcs.system.simulation;

import io.fcs.protocol.message.DecodeResult;
import io.fcs.protocol.message.Message;
import io.fcs.protocol.message.RecordBatch;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.record.ChainStatus;
import io.fcs.protocol.record.RecordCodec;
import io.fcs.protocol.record.RecordHash;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.record.TerminalChain;
import io.fcs.protocol.record.TransactionRecord;
import io.fcs.protocol.value.TerminalId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Central's record ingestion and double-entry ledger: every authentic record is held, records
 * are applied in each terminal's own order from its watermark (decision 0063), a sale the wallet
 * cannot cover posts the rest to the wallet's offline exposure and later credits cover it first
 * (0062), the chip value is measured beside the ledger (0061). One durable transaction per batch,
 * then the ack. Modelled on central's {@code RecordIngestion} and {@code RecordPosting}; see
 * decision 0190.
 */
final class SimCentral implements Network.Endpoint {

    /** One line of a journal entry: debit positive, credit negative. */
    record Line(String account, long cents) {}

    /** A posted journal entry and the record it came from. */
    record Entry(String recordId, String recordHash, String terminal, long sequence, List<Line> lines) {}

    /** One terminal's chain as central stores it. */
    static final class Chain {
        long applied;
        RecordHash head = RecordHash.GENESIS;
        final TreeMap<Long, byte[]> held = new TreeMap<>();
    }

    /** Central's database: it survives every crash. */
    static final class Store {
        final TreeMap<String, Chain> chains = new TreeMap<>();
        final TreeMap<String, Long> accounts = new TreeMap<>();
        final List<Entry> journal = new ArrayList<>();
        final TreeMap<String, Integer> applications = new TreeMap<>();
        final TreeMap<String, String> postedHashes = new TreeMap<>();
        final TreeMap<String, Long> wallets = new TreeMap<>();
        final TreeMap<String, Long> exposure = new TreeMap<>();
        final TreeMap<String, Long> chipValue = new TreeMap<>();
        final TreeMap<String, Long> everExposed = new TreeMap<>();
        final List<String> alerts = new ArrayList<>();
        long topUps;
        long sales;
        long checkIns;
        long version;
    }

    final Store store = new Store();
    private final FestivalSimulation sim;
    private final TreeMap<String, TerminalChain> chains = new TreeMap<>();
    private boolean up = true;
    long crashes;

    SimCentral(FestivalSimulation sim) {
        this.sim = sim;
    }

    @Override
    public String name() {
        return FestivalSimulation.CENTRAL;
    }

    @Override
    public boolean isUp() {
        return up;
    }

    void openWallet(String wallet) {
        store.wallets.put(wallet, 0L);
        store.exposure.put(wallet, 0L);
        store.chipValue.put(wallet, 0L);
    }

    @Override
    public void receive(String from, Object message) {
        if (!(message instanceof byte[] payload)) {
            return;
        }
        DecodeResult<Message> decoded = sim.codec().decode(payload);
        if (decoded instanceof DecodeResult.Decoded<Message> ok && ok.message() instanceof RecordBatch batch) {
            ingest(from, batch);
        } else {
            sim.stats.garbage++;
        }
    }

    private void ingest(String from, RecordBatch batch) {
        TerminalId terminalId = batch.terminalId();
        if (!sim.enrolled(terminalId)) {
            sim.stats.garbage++; // a batch for a terminal nobody enrolled: refused, nothing stored
            return;
        }
        String terminal = terminalId.toString();
        Chain stored = store.chains.computeIfAbsent(terminal, t -> new Chain());
        TerminalChain chain = chains.computeIfAbsent(terminal, t -> TerminalChain.start(terminalId));
        Inboxes.Outcome outcome = Inboxes.take(sim, chain, batch, new Inboxes.Listener() {
            @Override
            public boolean holds(SignedRecord signed) {
                long sequence = signed.record().sequence();
                if (sequence <= stored.applied) {
                    return signed.hash()
                            .toString()
                            .equals(store.postedHashes.get(signed.record().id().toString()));
                }
                byte[] held = stored.held.get(sequence);
                return held != null && java.util.Arrays.equals(held, signed.encoded());
            }

            @Override
            public void accepted(SignedRecord signed, ChainStatus status) {
                stored.held.put(signed.record().sequence(), signed.encoded());
            }

            @Override
            public void absorbed(SignedRecord signed, ChainStatus status) {
                if (sim.scenario().planted() == Scenario.PlantedFault.DOUBLE_APPLY_DUPLICATES
                        && signed.record().sequence() <= stored.applied) {
                    post(signed); // the planted bug: a duplicate delivery posts again
                }
            }
        });
        for (String alert : outcome.alerts()) {
            store.alerts.add(alert);
        }
        boolean applied = false;
        byte[] next;
        while ((next = stored.held.remove(stored.applied + 1)) != null) {
            SignedRecord signed = RecordCodec.decodeSigned(next).orElseThrow();
            post(signed);
            stored.applied++;
            stored.head = signed.hash();
            applied = true;
        }
        if (outcome.changed() || applied) {
            store.version++;
            sim.durable(this, "ingest " + terminal + " applied " + stored.applied);
        }
        WatermarkAck ack = new WatermarkAck(terminalId, stored.applied, outcome.missing(), outcome.refused());
        sim.network().send(name(), from, sim.codec().encode(ack));
    }

    private void post(SignedRecord signed) {
        TransactionRecord record = signed.record();
        String id = record.id().toString();
        String terminal = record.terminal().toString();
        String wallet = record.wallet().map(Object::toString).orElse("");
        long amount = record.amount().minor();
        List<Line> lines = new ArrayList<>();
        switch (record.kind()) {
            case TOP_UP -> {
                lines.add(new Line("CASH_DRAWER:" + terminal, amount));
                lines.add(new Line("WALLET:" + wallet, -amount));
                long balance = store.wallets.merge(wallet, amount, Long::sum);
                long cover = Math.min(balance, store.exposure.getOrDefault(wallet, 0L));
                if (cover > 0) {
                    lines.add(new Line("WALLET:" + wallet, cover));
                    lines.add(new Line("OFFLINE_EXPOSURE:" + wallet, -cover));
                    store.wallets.merge(wallet, -cover, Long::sum);
                    store.exposure.merge(wallet, -cover, Long::sum);
                }
                store.chipValue.merge(wallet, amount, Long::sum);
                store.topUps += amount;
            }
            case SALE -> {
                long fromWallet = Math.min(amount, Math.max(0, store.wallets.getOrDefault(wallet, 0L)));
                long shortfall = amount - fromWallet;
                lines.add(new Line("WALLET:" + wallet, fromWallet));
                if (shortfall > 0) {
                    lines.add(new Line("OFFLINE_EXPOSURE:" + wallet, shortfall));
                    store.exposure.merge(wallet, shortfall, Long::sum);
                    store.everExposed.merge(wallet, shortfall, Long::sum);
                }
                lines.add(new Line("REVENUE:" + terminal, -amount));
                store.wallets.merge(wallet, -fromWallet, Long::sum);
                store.chipValue.merge(wallet, -amount, Long::sum);
                store.sales += amount;
            }
            default -> store.checkIns++;
        }
        for (Line line : lines) {
            store.accounts.merge(line.account(), line.cents(), Long::sum);
        }
        store.journal.add(new Entry(id, signed.hash().toString(), terminal, record.sequence(), List.copyOf(lines)));
        store.applications.merge(id, 1, Integer::sum);
        store.postedHashes.put(id, signed.hash().toString());
    }

    /** What central streams down to every edge: balances net of exposure, and what it applied. */
    void downlink() {
        if (!up) {
            return;
        }
        TreeMap<String, Long> balances = new TreeMap<>();
        for (Map.Entry<String, Long> wallet : store.wallets.entrySet()) {
            balances.put(wallet.getKey(), wallet.getValue() - store.exposure.getOrDefault(wallet.getKey(), 0L));
        }
        TreeMap<String, Long> applied = new TreeMap<>();
        for (Map.Entry<String, Chain> chain : store.chains.entrySet()) {
            applied.put(chain.getKey(), chain.getValue().applied);
        }
        FestivalSimulation.Downlink downlink = new FestivalSimulation.Downlink(store.version, balances, applied);
        for (SimEdge edge : sim.edges()) {
            sim.network().send(name(), edge.name(), downlink);
        }
    }

    void crash() {
        up = false;
        crashes++;
        chains.clear();
    }

    /** Resumes every chain from its stored watermark and head plus the held records. */
    void restart() {
        for (Map.Entry<String, Chain> entry : store.chains.entrySet()) {
            Chain stored = entry.getValue();
            TerminalId id = TerminalId.parse(entry.getKey());
            TerminalChain chain = TerminalChain.resume(id, stored.applied, stored.head);
            for (byte[] bytes : stored.held.values()) {
                chain.accept(RecordCodec.decodeSigned(bytes).orElseThrow());
            }
            chains.put(entry.getKey(), chain);
        }
        up = true;
    }

    long applied(String terminal) {
        Chain chain = store.chains.get(terminal);
        return chain == null ? 0 : chain.applied;
    }
}
