package io.fcs.terminal;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.ticket.Ticket;
import io.fcs.protocol.ticket.TicketIssuer;
import io.fcs.protocol.ticket.ValidDays;
import io.fcs.protocol.ticket.Zones;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import io.fcs.protocol.value.ZoneId;
import io.fcs.terminal.device.nfc.SimulatedNfcReader;
import io.fcs.terminal.device.nfc.SmartcardNfcReader;
import io.fcs.terminal.gate.GateOutcome;
import io.fcs.terminal.gate.GateViewModel;
import io.fcs.terminal.gate.Gatekeeper;
import io.fcs.terminal.gate.SignedTicketCheck;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.login.StaffDirectory;
import io.fcs.terminal.pos.PosDesk;
import io.fcs.terminal.pos.PosViewModel;
import io.fcs.terminal.store.Product;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.sync.InMemoryBroker;
import io.fcs.terminal.tap.OfflinePolicy;
import io.fcs.terminal.tap.SignedRecordCodec;
import io.fcs.terminal.tap.StoreRecordBook;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.tap.WalletTaps;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code --headless --simulate N}: N terminals (every third a gate, the others bars) in one JVM,
 * each with its own SQLite store, simulated reader, sync client and view model, on an in-memory
 * broker with a stand-in edge. Wristbands are simulated AES-class tags, tickets are signed with a
 * simulation ticket key. Prints what each terminal did and whether every record was acknowledged.
 */
final class Simulation {

    private static final List<Product> PRODUCTS = List.of(
            new Product("beer", "Beer", 550, "drinks"),
            new Product("water", "Water", 200, "drinks"),
            new Product("fries", "Fries", 450, "food"));

    private Simulation() {}

    private record Node(
            String name, TerminalStore store, SimulatedNfcReader reader, ProtocolAdapters.Sync sync, Object model) {}

    /** What the tap loop needs of the zone: its festival, a stand-in edge or none (a real one). */
    private record Zone(
            List<Node> nodes,
            FestivalId festival,
            SimulatedEdge standIn,
            TicketIssuer issuer,
            TerminalId issuerId,
            Ed25519.SigningKey issuerKey,
            String where) {}

    static int run(TerminalOptions options, PrintWriter out) {
        Zone zone;
        if (options.simulateBundles.length > 0) {
            java.util.Optional<Zone> real = againstEdge(options, out);
            if (real.isEmpty()) {
                return 2;
            }
            zone = real.get();
        } else {
            zone = standIn(options);
        }
        return loop(options, out, zone);
    }

    /**
     * Terminals enrolled with provisioning's config bundles (one per simulated terminal) against
     * the real edge at {@code --edge}: their records, authorisations and check-ins go to it, over
     * TLS with each terminal's enrolled certificate for an {@code mqtts://} address.
     */
    private static java.util.Optional<Zone> againstEdge(TerminalOptions options, PrintWriter out) {
        List<java.nio.file.Path> bundles = java.util.Arrays.stream(options.simulateBundles)
                .filter(b -> !b.isBlank())
                .map(b -> java.nio.file.Path.of(b.trim()))
                .toList();
        if (options.simulate > bundles.size()) {
            out.printf(
                    "--simulate %d needs as many enrolled terminals: %d --simulate-bundle given (one terminal id"
                            + " per simulated terminal, or their chains would collide at the edge)%n",
                    options.simulate, bundles.size());
            return java.util.Optional.empty();
        }
        if ("none".equalsIgnoreCase(options.edge.trim())) {
            out.println("--simulate-bundle simulates against a real edge: give its address with --edge");
            return java.util.Optional.empty();
        }
        Clock clock = Clock.systemUTC();
        Ed25519.SigningKey ticketKey = Ed25519.generate();
        TerminalId issuerId = TerminalId.random();
        Ed25519.SigningKey issuerKey = Ed25519.generate();
        Map<TerminalId, Ed25519.VerificationKey> writers = new ConcurrentHashMap<>();
        writers.put(issuerId, issuerKey.verificationKey());
        Messages messages = Messages.of(options.language);
        StaffDirectory staff = new StaffDirectory(List.of(Staff.parse("sim:1234:supervisor")));
        List<Node> nodes = new ArrayList<>();
        FestivalId festival = null;
        for (int i = 0; i < options.simulate; i++) {
            TerminalStore store =
                    TerminalStore.open(options.dataDir.resolve("simulation").resolve("edge-terminal-" + i));
            io.fcs.terminal.enrol.Enrolment.Outcome enrolled = new io.fcs.terminal.enrol.Enrolment(
                            store, clock, url -> {
                                throw new java.io.IOException("simulated terminals enrol from bundle files");
                            })
                    .fromFile(bundles.get(i));
            if (enrolled instanceof io.fcs.terminal.enrol.Enrolment.Refused refused) {
                out.println(bundles.get(i) + ": enrolment refused (" + refused.reason() + "): " + refused.message());
                store.close();
                nodes.forEach(Simulation::close);
                return java.util.Optional.empty();
            }
            if (store.catalogue().isEmpty()) {
                store.replaceCatalogue(PRODUCTS); // until the edge's price list arrives
            }
            TerminalIdentity identity = TerminalIdentity.resolve(new TerminalOptions(), store);
            festival = FestivalId.parse(identity.festivalId());
            writers.put(identity.terminalId(), identity.signingKey().verificationKey());
            boolean gate = store.setting(io.fcs.terminal.enrol.Enrolment.MODE)
                    .map("GATE"::equals)
                    .orElse(false);
            SimulatedNfcReader reader = new SimulatedNfcReader(new SmartcardNfcReader.Keys(
                    WristbandKeys.of(identity.wristbandKey(), festival),
                    writer -> java.util.Optional.ofNullable(writers.get(writer)),
                    identity.terminalId(),
                    identity.signingKey()));
            ProtocolAdapters.Sync sync = ProtocolAdapters.over(
                    new io.fcs.terminal.sync.MqttUplink(
                            java.net.URI.create(options.edge.trim()),
                            "terminal-" + identity.terminalId(),
                            ProtocolAdapters.tls(options, store)),
                    identity,
                    store,
                    clock);
            List<Ed25519.VerificationKey> ticketKeys = new ArrayList<>(identity.ticketKeys());
            ticketKeys.add(ticketKey.verificationKey()); // the simulation's tickets, beside the festival's
            nodes.add(node(
                    i,
                    gate,
                    identity,
                    store,
                    reader,
                    sync,
                    new SignedTicketCheck(festival, ticketKeys, identity.zoneNumber()),
                    FestivalTime.of(identity.timeZone()),
                    Money.of(identity.offlineAllowanceMinor(), Currency.of(identity.currency())),
                    staff,
                    messages,
                    clock));
        }
        return java.util.Optional.of(new Zone(
                nodes,
                festival,
                null,
                new TicketIssuer(ticketKey),
                issuerId,
                issuerKey,
                "the edge at " + options.edge));
    }

    private static void close(Node node) {
        node.sync().close();
        node.reader().close();
        node.store().close();
    }

    /** One simulated terminal's view model over its store, reader and sync client. */
    private static Node node(
            int i,
            boolean gate,
            TerminalIdentity identity,
            TerminalStore store,
            SimulatedNfcReader reader,
            ProtocolAdapters.Sync sync,
            SignedTicketCheck tickets,
            FestivalTime festivalTime,
            Money offlineAllowance,
            StaffDirectory staff,
            Messages messages,
            Clock clock) {
        TerminalId id = identity.terminalId();
        FestivalId festival = FestivalId.parse(identity.festivalId());
        Currency currency = Currency.of(identity.currency());
        StoreRecordBook book =
                new StoreRecordBook(store, new SignedRecordCodec(identity.signingKey(), festival, id), sync::wake);
        Object model;
        if (gate) {
            Gatekeeper keeper = new Gatekeeper(
                    tickets,
                    reader,
                    store,
                    book,
                    sync.checkIns(),
                    sync::connected,
                    festivalTime,
                    identity.zoneId(),
                    identity.place(),
                    id.toString(),
                    clock,
                    currency,
                    sync.zoneAdmission(),
                    sync::clockSkewMillis);
            sync.onCheckIn(keeper::otherGatePassed);
            GateViewModel vm =
                    new GateViewModel(keeper, Async.direct(), messages, Feedback.silent(), festivalTime.zone());
            vm.start();
            model = vm;
        } else {
            WalletTaps taps = new WalletTaps(
                    reader,
                    store,
                    book,
                    sync.authoriser(),
                    new OfflinePolicy(offlineAllowance, festivalTime),
                    clock,
                    currency);
            taps.clockSkew(sync::clockSkewMillis);
            PosViewModel vm = new PosViewModel(
                    new PosDesk(taps, store, clock), staff, Async.direct(), messages, Feedback.silent());
            vm.start(staff.all().getFirst());
            model = vm;
        }
        sync.start();
        return new Node((gate ? "gate-" : "pos-") + i, store, reader, sync, model);
    }

    /** N terminals on an in-memory broker with a stand-in edge (every third a gate). */
    private static Zone standIn(TerminalOptions options) {
        Clock clock = Clock.systemUTC();
        FestivalId festival = FestivalId.random();
        ZoneId zone = ZoneId.random();
        FestivalTime festivalTime = FestivalTime.of("Europe/Paris");
        InMemoryBroker broker = new InMemoryBroker();
        SimulatedEdge edge = new SimulatedEdge(broker, festival, zone);
        Ed25519.SigningKey ticketKey = Ed25519.generate();
        WristbandKeys wristbandKeys = WristbandKeys.of(new byte[16], festival);
        Map<TerminalId, Ed25519.VerificationKey> writers = new ConcurrentHashMap<>();
        Messages messages = Messages.of(options.language);
        StaffDirectory staff = new StaffDirectory(List.of(Staff.parse("sim:1234:supervisor")));
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < options.simulate; i++) {
            boolean gate = i % 3 == 2;
            TerminalId id = TerminalId.random();
            Ed25519.SigningKey key = Ed25519.generate();
            writers.put(id, key.verificationKey());
            TerminalStore store =
                    TerminalStore.open(options.dataDir.resolve("simulation").resolve("terminal-" + i));
            store.replaceCatalogue(PRODUCTS);
            TerminalIdentity identity = new TerminalIdentity(
                    id,
                    festival.toString(),
                    zone.toString(),
                    (gate ? "Gate " : "Bar ") + i,
                    key,
                    "EUR",
                    "Europe/Paris",
                    5000,
                    1,
                    new byte[16],
                    List.of(ticketKey.verificationKey()));
            SimulatedNfcReader reader = new SimulatedNfcReader(new SmartcardNfcReader.Keys(
                    wristbandKeys, writer -> java.util.Optional.ofNullable(writers.get(writer)), id, key));
            ProtocolAdapters.Sync sync = ProtocolAdapters.over(broker.uplink(), identity, store, clock);
            nodes.add(node(
                    i,
                    gate,
                    identity,
                    store,
                    reader,
                    sync,
                    new SignedTicketCheck(festival, List.of(ticketKey.verificationKey()), 1),
                    festivalTime,
                    Money.eur(5000),
                    staff,
                    messages,
                    clock));
        }
        TerminalId issuerId = TerminalId.random();
        Ed25519.SigningKey issuerKey = Ed25519.generate();
        writers.put(issuerId, issuerKey.verificationKey());
        return new Zone(nodes, festival, edge, new TicketIssuer(ticketKey), issuerId, issuerKey, "one in-memory zone");
    }

    private static int loop(TerminalOptions options, PrintWriter out, Zone zone) {
        Random random = new Random(42);
        FestivalTime festivalTime = FestivalTime.of("Europe/Paris");
        LocalDate today = festivalTime.festivalDay(Instant.now());
        List<Node> nodes = zone.nodes();
        FestivalId festival = zone.festival();
        SimulatedEdge edge = zone.standIn();
        TicketIssuer issuer = zone.issuer();
        TerminalId issuerId = zone.issuerId();
        Ed25519.SigningKey issuerKey = zone.issuerKey();
        List<SimulatedTag> wristbands = new ArrayList<>();
        Map<String, Map<String, Integer>> outcomes = new java.util.LinkedHashMap<>();
        List<String> usedTickets = new ArrayList<>();
        long started = System.nanoTime();
        for (int round = 0; round < options.simulateTaps; round++) {
            for (Node node : nodes) {
                Map<String, Integer> counts = outcomes.computeIfAbsent(node.name(), n -> new java.util.TreeMap<>());
                if (node.model() instanceof PosViewModel pos) {
                    SimulatedTag band;
                    if (wristbands.size() < 20 || random.nextInt(4) == 0) {
                        TagUid uid = TagUid.fromHex("04%012x".formatted(random.nextLong() & 0xffffffffffffL));
                        long balance = 500 + random.nextInt(4000);
                        band = node.reader().issue(uid, WalletId.random(), Money.eur(balance), issuerId, issuerKey);
                        if (edge != null) {
                            edge.credit(uid.hex(), balance); // a real edge does not know these wallets: offline sales
                        }
                        wristbands.add(band);
                    } else {
                        band = wristbands.get(random.nextInt(wristbands.size()));
                        node.reader().device().present(band);
                    }
                    pos.add(PRODUCTS.get(random.nextInt(PRODUCTS.size())));
                    pos.charge();
                    TapOutcome outcome = pos.lastOutcomeProperty().get();
                    String key = outcome instanceof TapOutcome.Refused r
                            ? r.reason().name()
                            : outcome instanceof TapOutcome.Approved a
                                    ? a.authority().name()
                                    : "NOT_CHARGED";
                    if (System.getenv("FCS_SIMULATE_DEBUG") != null) {
                        out.println(node.name() + " " + outcome + " "
                                + pos.headlineProperty().get() + " "
                                + pos.detailProperty().get());
                    }
                    counts.merge(key, 1, Integer::sum);
                    pos.clearCart();
                    node.reader().device().remove();
                } else if (node.model() instanceof GateViewModel gateVm) {
                    String qr;
                    int pick = random.nextInt(10);
                    if (pick == 0 && !usedTickets.isEmpty()) {
                        qr = usedTickets.get(random.nextInt(usedTickets.size()));
                    } else if (pick == 1) {
                        qr = new TicketIssuer(Ed25519.generate())
                                .issue(Ticket.of(TicketId.random(), festival, 1, ValidDays.of(today), Zones.of(1)));
                    } else {
                        qr = issuer.issue(Ticket.of(TicketId.random(), festival, 1, ValidDays.of(today), Zones.ALL));
                        usedTickets.add(qr);
                    }
                    // the attendee holds a new wristband out for binding at first entry
                    TagUid uid = TagUid.fromHex("05%012x".formatted(random.nextLong() & 0xffffffffffffL));
                    node.reader().issue(uid, WalletId.random(), Money.eur(0), issuerId, issuerKey);
                    gateVm.scanned(qr);
                    node.reader().device().remove();
                    GateOutcome outcome = gateVm.lastOutcomeProperty().get();
                    String key =
                            switch (outcome) {
                                case GateOutcome.Refused r -> r.reason().name();
                                case GateOutcome.Bound b -> "ADMITTED_AND_BOUND";
                                case GateOutcome.Admitted a -> "ADMITTED";
                            };
                    counts.merge(key, 1, Integer::sum);
                }
            }
        }
        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        boolean allAcked = waitForAcks(nodes, edge == null ? 600 : 100);
        out.printf(
                "simulated %d terminals x %d taps/scans in %d ms on %s%n",
                nodes.size(), options.simulateTaps, elapsedMs, zone.where());
        for (Node node : nodes) {
            out.printf(
                    "  %-8s %s  records=%d acked-to=%d queue=%d%n",
                    node.name(),
                    outcomes.get(node.name()),
                    node.store().chainHead().map(h -> h.sequence()).orElse(0L),
                    node.store().watermark(),
                    node.store().queueDepth());
        }
        if (edge != null) {
            out.printf(
                    "edge received %d records, %d authorisations; every record acknowledged: %s%n",
                    edge.records.get(), edge.authorisations.get(), allAcked);
        } else {
            out.printf("every record acknowledged by the edge: %s%n", allAcked);
        }
        nodes.forEach(Simulation::close);
        return allAcked ? 0 : 1;
    }

    private static boolean waitForAcks(List<Node> nodes, int rounds) {
        for (int i = 0; i < rounds; i++) {
            if (nodes.stream().allMatch(n -> n.store().queueDepth() == 0)) {
                return true;
            }
            nodes.forEach(n -> n.sync().wake());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
