package io.fcs.system.simulation;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.message.MessageCodec;
import io.fcs.protocol.reader.InitialiseOutcome;
import io.fcs.protocol.reader.SimulatedReader;
import io.fcs.protocol.reader.SimulatedReaders;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.reader.WristbandSession;
import io.fcs.protocol.reader.WriteOutcome;
import io.fcs.protocol.record.RecordVerifier;
import io.fcs.protocol.tag.ChipContent;
import io.fcs.protocol.tag.OfflineAllowance;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WriterKeys;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import javax.smartcardio.CardException;

/**
 * A whole festival in one thread and virtual time: terminals, one edge per zone, central,
 * attendees with AES-class wristbands, a hostile network and crashing devices. Every random
 * choice comes from one {@link Random} seeded by the scenario, in event order, so a seed is a
 * run. {@link #run()} plays the traffic, drains (network healed, everything restarted, pending
 * chip writes finished) and checks the invariants of DESIGN §7 ({@link Invariants}).
 */
public final class FestivalSimulation {

    static final String CENTRAL = "C";
    static final long DRAIN_LIMIT_MILLIS = 10 * 60_000;

    /** What central streams down to the edges (the real downlink is an HTTP poll of the same data). */
    record Downlink(long version, Map<String, Long> balances, Map<String, Long> applied) {}

    /** Counters for the report. */
    static final class Stats {
        final TreeMap<String, Long> outcomes = new TreeMap<>();
        final TreeMap<String, Long> refusals = new TreeMap<>();
        long tears;
        long garbage;
        long refusedRecords;
        long clones;
        long rollbacks;
        long partitions;
        long wristbandsCompared;

        void outcome(String outcome) {
            outcomes.merge(outcome, 1L, Long::sum);
        }

        void refusal(String reason) {
            refusals.merge(reason, 1L, Long::sum);
        }
    }

    /** What one run did and found. */
    public record RunReport(
            Scenario scenario,
            String traceHash,
            long events,
            long virtualMillis,
            long wallMillis,
            List<String> violations,
            String summary) {

        public boolean passed() {
            return violations.isEmpty();
        }
    }

    private final Scenario scenario;
    private final Random random;
    private final Scheduler scheduler = new Scheduler();
    private final Trace trace = new Trace();
    private final Network network;
    private final MessageCodec codec = MessageCodec.standard();
    final Stats stats = new Stats();
    final Oracle oracle = new Oracle();

    private final FestivalId festival;
    private final WristbandKeys wristbandKeys;
    private final WriterKeys writerKeys;
    private final RecordVerifier verifier;
    private final Map<String, TerminalId> terminalIds = new TreeMap<>();
    private final Map<String, WalletId> walletByUid = new TreeMap<>();
    final List<SimTerminal> terminals = new ArrayList<>();
    private final List<SimEdge> edges = new ArrayList<>();
    final SimCentral central;
    final List<Attendee> attendees = new ArrayList<>();
    private final List<List<SimTerminal>> byZone = new ArrayList<>();
    private boolean trafficOn = true;
    private boolean faultsOn = true;
    private boolean finished;

    public FestivalSimulation(Scenario scenario) {
        this.scenario = scenario;
        this.random = new Random(scenario.seed());
        this.network = new Network(this);
        this.festival = FestivalId.of(newUuid());
        byte[] master = new byte[16];
        random.nextBytes(master);
        this.wristbandKeys = WristbandKeys.of(master, festival);

        int zones = scenario.zones();
        String[] readerNames = new String[scenario.terminals() + 1];
        readerNames[0] = "P";
        for (int i = 0; i < scenario.terminals(); i++) {
            readerNames[i + 1] = terminalName(i);
        }
        SimulatedReaders readers = SimulatedReaders.of(readerNames);
        Map<TerminalId, Ed25519.VerificationKey> keys =
                new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        TerminalId provisioning = TerminalId.of(newUuid());
        Ed25519.SigningKey provisioningKey = newKey();
        keys.put(provisioning, provisioningKey.verificationKey());
        for (int z = 0; z < zones; z++) {
            byZone.add(new ArrayList<>());
        }
        for (int i = 0; i < scenario.terminals(); i++) {
            int slot = i % 20;
            SimTerminal.Mode mode =
                    slot < 12 ? SimTerminal.Mode.POS : slot < 17 ? SimTerminal.Mode.KIOSK : SimTerminal.Mode.GATE;
            String name = terminalName(i);
            TerminalId id = TerminalId.of(newUuid());
            Ed25519.SigningKey key = newKey();
            keys.put(id, key.verificationKey());
            SimTerminal terminal = new SimTerminal(this, name, id, mode, i % zones, key, readers.reader(name));
            terminals.add(terminal);
            byZone.get(terminal.zone).add(terminal);
            terminalIds.put(name, id);
        }
        Map<TerminalId, Ed25519.VerificationKey> directory = Map.copyOf(keys);
        this.writerKeys = WriterKeys.of(directory);
        this.verifier = new RecordVerifier(id -> Optional.ofNullable(directory.get(id)));
        for (int z = 0; z < zones; z++) {
            edges.add(new SimEdge(this, z));
        }
        this.central = new SimCentral(this);
        for (SimTerminal terminal : terminals) {
            network.attach(terminal);
        }
        for (SimEdge edge : edges) {
            network.attach(edge);
        }
        network.attach(central);
        issueWristbands(readers.reader("P"), provisioning, provisioningKey);
    }

    private static String terminalName(int index) {
        return "T%04d".formatted(index);
    }

    /** Encodes every wristband as the provisioning station does: layout, keys, an empty wallet. */
    private void issueWristbands(SimulatedReader station, TerminalId writer, Ed25519.SigningKey key) {
        for (int i = 0; i < scenario.wristbands(); i++) {
            TagUid uid;
            do {
                uid = SimulatedTag.randomUid(random);
            } while (walletByUid.containsKey(uid.hex()));
            SimulatedTag tag = SimulatedTag.aesClass(uid);
            WalletId wallet = WalletId.of(newUuid());
            station.present(tag);
            try {
                WristbandSession session = WristbandSession.open(
                        station.connect("*").getBasicChannel(), wristbandKeys, writerKeys, secureRandom());
                if (!(session.initialise() instanceof InitialiseOutcome.Initialised)) {
                    throw new IllegalStateException("wristband " + uid + " could not be initialised");
                }
                session.read();
                ChipContent content = new ChipContent(
                        festival,
                        wallet,
                        Money.eur(0),
                        RecordId.of(newUuid()),
                        Set.of(),
                        new OfflineAllowance(1, Money.eur(SimTerminal.OFFLINE_ALLOWANCE_CENTS), Money.eur(0)));
                if (!(session.write(content, writer, key) instanceof WriteOutcome.Written)) {
                    throw new IllegalStateException("wristband " + uid + " could not be written");
                }
            } catch (CardException e) {
                throw new IllegalStateException("provisioning reader failed", e);
            } finally {
                station.remove();
            }
            walletByUid.put(uid.hex(), wallet);
            central.openWallet(wallet.toString());
            attendees.add(new Attendee(i, tag, wallet, i % scenario.zones(), false));
        }
    }

    // ------------------------------------------------------------------ run

    public RunReport run() {
        long started = System.nanoTime();
        long trafficEnd = scenario.trafficMinutes() * 60_000L;
        for (SimTerminal terminal : terminals) {
            every(nextInt(2_000), 2_000, terminal::sync);
        }
        for (SimEdge edge : edges) {
            every(nextInt(1_000), 1_000, edge::uplink);
            every(nextInt(30_000), 30_000, edge::expireHolds);
        }
        every(0, 2_000, central::downlink);
        every(5_000, 5_000, this::chaos);
        for (Attendee attendee : attendees) {
            scheduler.after(nextInt(20_000), () -> act(attendee));
        }
        scheduler.runUntil(trafficEnd);

        trafficOn = false;
        faultsOn = false;
        network.heal();
        trace("drain");
        restartAll();
        scheduler.after(5_000, this::finishPendingWrites);
        long drainEnd = trafficEnd + DRAIN_LIMIT_MILLIS;
        boolean quiet = false;
        while (!quiet && scheduler.now() < drainEnd) {
            scheduler.runUntil(scheduler.now() + 1_000);
            quiet = scheduler.now() > trafficEnd + 6_000 && quiescent();
        }
        finished = true;
        List<String> violations = new ArrayList<>();
        if (!quiet) {
            violations.add("drain: the festival did not settle within " + DRAIN_LIMIT_MILLIS / 60_000
                    + " virtual minutes after traffic stopped (" + backlog() + ")");
        }
        violations.addAll(new Invariants(this).check());
        trace("checked " + violations.size() + " violations");
        long wall = (System.nanoTime() - started) / 1_000_000;
        return new RunReport(
                scenario,
                trace.hash(),
                scheduler.executed(),
                scheduler.now(),
                wall,
                List.copyOf(violations),
                summary());
    }

    private void every(long first, long period, Runnable action) {
        scheduler.after(first, () -> {
            if (finished) {
                return;
            }
            action.run();
            every(period, period, action);
        });
    }

    /** Partitions opened at random while traffic runs: a terminal cut from its edge, an edge from central. */
    private void chaos() {
        if (!faultsOn) {
            return;
        }
        if (chance(0.4)) {
            SimTerminal terminal = terminals.get(nextInt(terminals.size()));
            partition(terminal.name, terminal.edge, 5_000 + nextInt(55_000));
        }
        if (chance(0.06)) {
            SimEdge edge = edges.get(nextInt(edges.size()));
            partition(edge.name(), CENTRAL, 20_000 + nextInt(100_000));
        }
        if (chance(0.2)) {
            // a client that is not a terminal pushes garbage at an edge
            byte[] garbage = new byte[1 + nextInt(300)];
            random.nextBytes(garbage);
            if (random.nextBoolean() && garbage.length > 4) {
                garbage[0] = 0x46;
                garbage[1] = 0x43;
                garbage[2] = 0x01;
                garbage[3] = (byte) (1 + nextInt(12));
            }
            network.send("X", edges.get(nextInt(edges.size())).name(), garbage);
        }
    }

    private void partition(String a, String b, long millis) {
        stats.partitions++;
        network.cut(a, b);
        trace("cut " + a + " " + b + " for " + millis);
        scheduler.after(millis, () -> {
            network.mend(a, b);
            trace("mend " + a + " " + b);
        });
    }

    private void act(Attendee attendee) {
        if (!trafficOn || attendee.actionsLeft <= 0) {
            return;
        }
        if (attendee.busy) {
            scheduler.after(1_000, () -> act(attendee));
            return;
        }
        attendee.actionsLeft--;
        if (attendee.tapAgainAt != null) {
            SimTerminal terminal = attendee.tapAgainAt;
            attendee.tapAgainAt = null;
            if (terminal.isFree()) {
                attendee.busy = true;
                terminal.tap(attendee, true);
            } else {
                scheduler.after(nextExponential(20_000), () -> act(attendee));
            }
            return;
        }
        if (!attendee.fraudster) {
            attack(attendee);
            if (chance(0.05)) {
                attendee.zone = nextInt(edges.size());
            }
        }
        SimTerminal.Mode mode;
        if (attendee.knownBalance < 1_500 && !attendee.fraudster) {
            mode = SimTerminal.Mode.KIOSK;
        } else {
            double r = random.nextDouble();
            mode = r < 0.72 || attendee.fraudster
                    ? SimTerminal.Mode.POS
                    : r < 0.87 ? SimTerminal.Mode.GATE : SimTerminal.Mode.KIOSK;
        }
        List<SimTerminal> choice = new ArrayList<>();
        for (SimTerminal terminal : byZone.get(attendee.zone)) {
            if (terminal.mode == mode) {
                choice.add(terminal);
            }
        }
        if (choice.isEmpty()) {
            choice = byZone.get(attendee.zone);
        }
        SimTerminal terminal = choice.get(nextInt(choice.size()));
        if (!terminal.isFree()) {
            scheduler.after(1_000 + nextInt(3_000), () -> act(attendee));
            return;
        }
        attendee.busy = true;
        terminal.tap(attendee, false);
    }

    /** Now and then an attendee copies the wristband (a clone) or keeps a dump to restore later. */
    private void attack(Attendee attendee) {
        if (chance(0.002)) {
            long counter = attendee.tag.counter();
            boolean perfect = random.nextBoolean();
            long cloneCounter = perfect ? counter : Math.max(0, counter - 2 - nextInt(3));
            Attendee fraudster = new Attendee(
                    attendee.index,
                    attendee.tag.cloneWithCounter(cloneCounter),
                    attendee.wallet,
                    nextInt(edges.size()),
                    true);
            fraudster.knownBalance = attendee.knownBalance;
            fraudster.actionsLeft = 3;
            oracle.attacked(attendee);
            stats.clones++;
            trace("clone of " + attendee.label() + " counter " + cloneCounter);
            scheduler.after(1_000 + nextInt(10_000), () -> act(fraudster));
        } else if (attendee.dump == null && chance(0.002)) {
            attendee.dump = attendee.tag.dumpPages();
            trace("dump of " + attendee.label());
        } else if (attendee.dump != null && chance(0.2)) {
            attendee.tag.restorePages(attendee.dump);
            attendee.dump = null;
            oracle.attacked(attendee);
            stats.rollbacks++;
            trace("rollback of " + attendee.label());
        }
    }

    /** A terminal is done with an attendee's tap. */
    void released(Attendee attendee, SimTerminal terminal, String outcome, long balanceCents) {
        trace(terminal.name + " " + attendee.label() + " " + outcome);
        stats.outcome(outcome);
        attendee.busy = false;
        if (balanceCents >= 0) {
            attendee.knownBalance = balanceCents;
        }
        if (outcome.equals("TAP_AGAIN") && chance(0.9)) {
            attendee.tapAgainAt = terminal;
            scheduler.after(1_000 + nextInt(2_000), () -> act(attendee));
        } else if (trafficOn) {
            scheduler.after(nextExponential(20_000), () -> act(attendee));
        }
    }

    // ------------------------------------------------------------------ drain

    private void restartAll() {
        for (SimTerminal terminal : terminals) {
            if (!terminal.isUp()) {
                restart(terminal);
            }
        }
        for (SimEdge edge : edges) {
            if (!edge.isUp()) {
                restart(edge);
            }
        }
        if (!central.isUp()) {
            restart(central);
        }
    }

    /** Attendees come back to the terminals that owe their wristband a write ("tap again"). */
    private void finishPendingWrites() {
        Map<String, Attendee> byUid = new TreeMap<>();
        for (Attendee attendee : attendees) {
            byUid.put(attendee.uidHex, attendee);
        }
        for (SimTerminal terminal : terminals) {
            for (String uid : List.copyOf(terminal.store.pending.keySet())) {
                Attendee attendee = byUid.get(uid);
                if (attendee != null && !attendee.busy && terminal.isFree()) {
                    attendee.busy = true;
                    terminal.tap(attendee, true);
                }
            }
        }
    }

    private boolean quiescent() {
        if (!central.isUp()) {
            return false;
        }
        for (SimTerminal terminal : terminals) {
            if (!terminal.isUp() || !terminal.store.outbox.isEmpty()) {
                return false;
            }
            if (central.applied(terminal.id.toString()) != terminal.store.headSequence) {
                return false;
            }
        }
        for (SimEdge edge : edges) {
            if (!edge.isUp() || edge.store.replicaVersion != central.store.version) {
                return false;
            }
        }
        return true;
    }

    private String backlog() {
        long outbox = 0;
        long behind = 0;
        for (SimTerminal terminal : terminals) {
            outbox += terminal.store.outbox.size();
            behind += terminal.store.headSequence - central.applied(terminal.id.toString());
        }
        return outbox + " records in terminal outboxes, " + behind + " not applied centrally";
    }

    // ------------------------------------------------------------------ crashes

    /** A component wrote durably; it may now crash before doing anything else (then it restarts). */
    void durable(Network.Endpoint component, String what) {
        trace(component.name() + " durable " + what);
        double p = component instanceof SimTerminal ? 0.002 : component instanceof SimEdge ? 0.003 : 0.002;
        if (!faultsOn || !chance(p)) {
            return;
        }
        trace(component.name() + " crash");
        switch (component) {
            case SimTerminal terminal -> terminal.crash();
            case SimEdge edge -> edge.crash();
            case SimCentral c -> c.crash();
            default -> throw new IllegalStateException("unknown component " + component.name());
        }
        scheduler.after(2_000 + nextInt(15_000), () -> {
            if (!component.isUp()) {
                restart(component);
            }
        });
        throw new Scheduler.Crash(component.name());
    }

    private void restart(Network.Endpoint component) {
        trace(component.name() + " restart");
        switch (component) {
            case SimTerminal terminal -> terminal.restart();
            case SimEdge edge -> edge.restart();
            case SimCentral c -> c.restart();
            default -> throw new IllegalStateException("unknown component " + component.name());
        }
    }

    // ------------------------------------------------------------------ shared services

    Scenario scenario() {
        return scenario;
    }

    Scheduler scheduler() {
        return scheduler;
    }

    Network network() {
        return network;
    }

    MessageCodec codec() {
        return codec;
    }

    RecordVerifier verifier() {
        return verifier;
    }

    FestivalId festival() {
        return festival;
    }

    WristbandKeys wristbandKeys() {
        return wristbandKeys;
    }

    WriterKeys writerKeys() {
        return writerKeys;
    }

    List<SimEdge> edges() {
        return edges;
    }

    boolean faultsOn() {
        return faultsOn;
    }

    TerminalId terminalIdOf(String name) {
        return terminalIds.get(name);
    }

    boolean enrolled(TerminalId terminal) {
        return terminalIds.containsValue(terminal);
    }

    Optional<WalletId> walletOfUid(String uidHex) {
        return Optional.ofNullable(walletByUid.get(uidHex));
    }

    void trace(String line) {
        trace.event(scheduler.now(), line);
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private long nextExponential(long mean) {
        return 500 + (long) (-Math.log(1 - random.nextDouble()) * mean);
    }

    UUID newUuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(most, least);
    }

    private Ed25519.SigningKey newKey() {
        byte[] seed = new byte[Ed25519.SEED_LENGTH];
        random.nextBytes(seed);
        return Ed25519.SigningKey.fromSeed(seed);
    }

    /** The nonces of one wristband session, from the run's seed. */
    SecureRandom secureRandom() {
        try {
            SecureRandom nonces = SecureRandom.getInstance("SHA1PRNG");
            nonces.setSeed(random.nextLong());
            return nonces;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG is part of every JDK", e);
        }
    }

    private String summary() {
        long crashes = central.crashes;
        for (SimTerminal t : terminals) {
            crashes += t.crashes;
        }
        for (SimEdge e : edges) {
            crashes += e.crashes;
        }
        Network.Counts n = network.counts;
        return "seed=" + scenario.seed() + " terminals=" + scenario.terminals() + " zones=" + edges.size()
                + " wristbands=" + attendees.size() + " records=" + oracle.committed.size() + " taps="
                + stats.outcomes + " refusals=" + stats.refusals + " tears=" + stats.tears + " clones="
                + stats.clones + " rollbacks=" + stats.rollbacks + " crashes=" + crashes + " partitions="
                + stats.partitions + " net[sent=" + n.sent + " dropped=" + n.dropped + " duplicated="
                + n.duplicated + " replayed=" + n.replayed + " tampered=" + n.tampered + " cut="
                + n.lostToPartition + " toDown=" + n.lostToCrash + "] refusedRecords=" + stats.refusedRecords
                + " garbage=" + stats.garbage + " wristbandsCompared=" + stats.wristbandsCompared + " unreconciled="
                + oracle.unreconciledWallets.size() + " events=" + scheduler.executed() + " virtual="
                + scheduler.now() / 1000 + "s";
    }
}
