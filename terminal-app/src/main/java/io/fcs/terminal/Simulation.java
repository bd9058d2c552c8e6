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

    static int run(TerminalOptions options, PrintWriter out) {
        Random random = new Random(42);
        Clock clock = Clock.systemUTC();
        FestivalId festival = FestivalId.random();
        ZoneId zone = ZoneId.random();
        FestivalTime festivalTime = FestivalTime.of("Europe/Paris");
        LocalDate today = festivalTime.festivalDay(Instant.now());
        InMemoryBroker broker = new InMemoryBroker();
        SimulatedEdge edge = new SimulatedEdge(broker, festival, zone);
        Ed25519.SigningKey ticketKey = Ed25519.generate();
        TicketIssuer issuer = new TicketIssuer(ticketKey);
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
            StoreRecordBook book = new StoreRecordBook(store, new SignedRecordCodec(key, festival, id), sync::wake);
            Object model;
            if (gate) {
                Gatekeeper keeper = new Gatekeeper(
                        new SignedTicketCheck(festival, List.of(ticketKey.verificationKey()), 1),
                        reader,
                        store,
                        book,
                        sync.checkIns(),
                        sync::connected,
                        festivalTime,
                        zone.toString(),
                        identity.place(),
                        id.toString(),
                        clock,
                        Currency.EUR);
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
                        new OfflinePolicy(Money.eur(5000), festivalTime),
                        clock,
                        Currency.EUR);
                PosViewModel vm = new PosViewModel(
                        new PosDesk(taps, store, clock), staff, Async.direct(), messages, Feedback.silent());
                vm.start(staff.all().getFirst());
                model = vm;
            }
            sync.start();
            nodes.add(new Node((gate ? "gate-" : "pos-") + i, store, reader, sync, model));
        }

        List<SimulatedTag> wristbands = new ArrayList<>();
        TerminalId issuerId = TerminalId.random();
        Ed25519.SigningKey issuerKey = Ed25519.generate();
        writers.put(issuerId, issuerKey.verificationKey());
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
                        edge.credit(uid.hex(), balance);
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
                        qr = issuer.issue(Ticket.of(TicketId.random(), festival, 1, ValidDays.of(today), Zones.of(1)));
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
        boolean allAcked = waitForAcks(nodes);
        out.printf(
                "simulated %d terminals x %d taps/scans in %d ms on one in-memory zone%n",
                nodes.size(), options.simulateTaps, elapsedMs);
        for (Node node : nodes) {
            out.printf(
                    "  %-8s %s  records=%d acked-to=%d queue=%d%n",
                    node.name(),
                    outcomes.get(node.name()),
                    node.store().chainHead().map(h -> h.sequence()).orElse(0L),
                    node.store().watermark(),
                    node.store().queueDepth());
        }
        out.printf(
                "edge received %d records, %d authorisations; every record acknowledged: %s%n",
                edge.records.get(), edge.authorisations.get(), allAcked);
        for (Node node : nodes) {
            node.sync().close();
            node.reader().close();
            node.store().close();
        }
        return allAcked ? 0 : 1;
    }

    private static boolean waitForAcks(List<Node> nodes) {
        for (int i = 0; i < 100; i++) {
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
