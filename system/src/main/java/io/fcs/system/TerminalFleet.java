package io.fcs.system;

import io.fcs.protocol.message.AuthorisationAnswer;
import io.fcs.protocol.message.AuthorisationKind;
import io.fcs.protocol.message.AuthorisationOutcome;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.value.TicketId;
import io.fcs.protocol.value.WalletId;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulated terminals of the demo festival, each a {@link ZoneTerminal} on its zone's edge
 * over TLS with the identity provisioning gave it. Kiosks top up new wristbands (card at the bar,
 * cash at the entrance), bar tills sell to wristbands the edge authorises, the gate admits
 * tickets bought online and binds a wristband to each at first entry. A wristband topped up for
 * the first time is new to the zone until central applied the top-up and the bar's edge polled
 * central's wallets again: the tills sell to it only from then on, as an attendee reaches the bar
 * a while after the kiosk (see {@link #admitArrivals}). Records go to the edge in
 * batches every second; what the edges acknowledged and what they refused is counted. Paced to a
 * few operations a second; seeded so that two runs behave alike.
 */
final class TerminalFleet implements Runnable {

    private static final long PAUSE_MILLIS = 150;
    private static final Duration TAP_WAIT = Duration.ofSeconds(3);
    private static final long[] PRICES = {450, 300, 200, 500};
    private static final String[] PRODUCTS = {"BEER", "SODA", "WATER", "FRIES"};

    /** A wristband the fleet topped up or bound: its UID and the wallet it names. */
    private record Band(String uid, WalletId wallet) {}

    /**
     * A wristband on its way from the kiosk to the bar: {@code seenAt} is the version of central's
     * wallet feed that first listed it (0 until then).
     */
    private static final class Arrival {
        final Band band;
        long seenAt;

        Arrival(Band band) {
            this.band = band;
        }
    }

    private final Map<String, ZoneTerminal> terminals;
    private final CentralApi api;
    private final java.util.function.Supplier<String> adminToken;
    private final DemoFestival.Setup setup;
    private final Random random = new Random(20261125L);
    private final List<Band> bands = new CopyOnWriteArrayList<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private final Optional<CentralApi> barEdge;
    private final Deque<String> tickets = new ArrayDeque<>();
    private final Set<String> admitted = new HashSet<>();
    private final Deque<String> admittedBands = new ArrayDeque<>();
    private final Map<String, AtomicLong> counts = new LinkedHashMap<>();
    private final Map<String, AtomicLong> refusals = new java.util.concurrent.ConcurrentSkipListMap<>();
    private final AtomicLong records = new AtomicLong();
    private volatile boolean running = true;
    private Instant lastFlush = Instant.EPOCH;
    private Instant lastTicketFetch = Instant.EPOCH;
    private Instant lastArrivalCheck = Instant.EPOCH;
    private long walletFeedVersion;

    private TerminalFleet(
            Map<String, ZoneTerminal> terminals,
            CentralApi api,
            java.util.function.Supplier<String> adminToken,
            DemoFestival.Setup setup,
            Map<String, String> edgeHealth) {
        this.terminals = terminals;
        this.barEdge = Optional.ofNullable(edgeHealth.get("edge-" + zoneOf("pos-bar-1")))
                .map(CentralApi::new);
        this.api = api;
        this.adminToken = adminToken;
        this.setup = setup;
        for (String name : List.of("top-ups", "sales", "admissions", "refused taps")) {
            counts.put(name, new AtomicLong());
        }
    }

    /**
     * Connects each enrolled terminal of the fleet to its zone's edge ({@code brokers}: zone name →
     * {@code ssl://host:port}; {@code edgeHealth}: edge name, {@code edge-<zone>} → its
     * {@code http://host:port} of {@code /health}).
     */
    static TerminalFleet connect(
            Map<String, FestivalTrust.Device> devices,
            Map<String, String> brokers,
            Map<String, String> edgeHealth,
            String storePassword,
            CentralApi api,
            java.util.function.Supplier<String> adminToken,
            DemoFestival.Setup setup)
            throws IOException {
        Map<String, ZoneTerminal> connected = new LinkedHashMap<>();
        try {
            for (DemoDevices.Role role : DemoDevices.FLEET) {
                FestivalTrust.Device device = devices.get(role.name());
                connected.put(role.name(), ZoneTerminal.connect(device, brokers.get(role.zone()), storePassword));
            }
        } catch (IOException e) {
            connected.values().forEach(ZoneTerminal::close);
            throw e;
        }
        return new TerminalFleet(connected, api, adminToken, setup, edgeHealth);
    }

    int size() {
        return terminals.size();
    }

    /** Records signed by the fleet so far. */
    long records() {
        return records.get();
    }

    /** Records signed and not yet acknowledged by their edge. */
    long unacknowledged() {
        long total = 0;
        for (ZoneTerminal terminal : terminals.values()) {
            total += terminal.sequence() - Math.max(0, terminal.watermark());
        }
        return total;
    }

    /** Records the edges refused (revoked, forged, out of chain …), from their acks. */
    long refusedByEdges() {
        long total = 0;
        for (ZoneTerminal terminal : terminals.values()) {
            total += terminal.lastAck().map(a -> a.refused().size()).orElse(0);
        }
        return total;
    }

    /** "top-ups 12, sales 30, admissions 4, refused taps 2 (INSUFFICIENT_FUNDS 2)". */
    String counts() {
        StringBuilder text = new StringBuilder();
        counts.forEach((name, count) ->
                text.append(text.isEmpty() ? "" : ", ").append(name).append(' ').append(count.get()));
        if (!refusals.isEmpty()) {
            StringBuilder reasons = new StringBuilder();
            refusals.forEach((reason, count) -> reasons.append(reasons.isEmpty() ? "" : ", ")
                    .append(reason)
                    .append(' ')
                    .append(count.get()));
            text.append(" (").append(reasons).append(')');
        }
        return text.toString();
    }

    private void refused(String reason) {
        counts.get("refused taps").incrementAndGet();
        refusals.computeIfAbsent(reason, r -> new AtomicLong()).incrementAndGet();
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        while (running && !Thread.currentThread().isInterrupted()) {
            try {
                step();
            } catch (RuntimeException e) {
                // a refused or lost tap is part of a festival; the next one goes on
                refused(e.getClass().getSimpleName());
            }
            if (Duration.between(lastFlush, Instant.now()).toMillis() >= 1000) {
                flush();
            }
            try {
                Thread.sleep(PAUSE_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
    }

    private void flush() {
        lastFlush = Instant.now();
        terminals.values().forEach(ZoneTerminal::flush);
    }

    private void step() {
        admitArrivals();
        int pick = random.nextInt(10);
        if (bands.size() + arrivals.size() < 5 || pick == 0) {
            topUp(terminals.get("kiosk-bar"), PaymentMethod.CARD, newUid());
        } else if (pick == 1) {
            admit(terminals.get("gate-a"));
        } else if (pick == 2 && !admittedBands.isEmpty()) {
            topUp(terminals.get("kiosk-entrance"), PaymentMethod.CASH, admittedBands.pollFirst());
        } else {
            sell(terminals.get(random.nextBoolean() ? "pos-bar-1" : "pos-bar-2"));
        }
    }

    private void topUp(ZoneTerminal kiosk, PaymentMethod method, String uid) {
        long cents = 1000L * (2 + random.nextInt(4));
        Optional<AuthorisationAnswer> answer = kiosk.authorise(AuthorisationKind.TOP_UP, uid, cents, TAP_WAIT);
        if (answer.isPresent() && !refusesTopUp(answer.get().outcome())) {
            WalletId wallet = answer.get().walletId().orElseGet(WalletId::random);
            kiosk.topUp(uid, wallet, cents, method);
            records.incrementAndGet();
            counts.get("top-ups").incrementAndGet();
            if (method == PaymentMethod.CARD) {
                Band band = new Band(uid, wallet);
                if (answer.get().outcome() == AuthorisationOutcome.APPROVED) {
                    bands.add(band);
                } else {
                    arrivals.add(new Arrival(band));
                }
            }
        } else {
            refused(answer.map(a -> a.outcome().name()).orElse("NO_ANSWER"));
        }
    }

    private static boolean refusesTopUp(AuthorisationOutcome outcome) {
        return outcome == AuthorisationOutcome.BLOCKED
                || outcome == AuthorisationOutcome.NOT_ALLOWED_HERE
                || outcome == AuthorisationOutcome.INVALID_REQUEST
                || outcome == AuthorisationOutcome.LIMIT_EXCEEDED;
    }

    private void sell(ZoneTerminal till) {
        if (bands.isEmpty()) {
            return;
        }
        Band band = bands.get(random.nextInt(bands.size()));
        int product = random.nextInt(PRODUCTS.length);
        int quantity = 1 + random.nextInt(2);
        long cents = PRICES[product] * quantity;
        Optional<AuthorisationAnswer> answer = till.authorise(AuthorisationKind.SALE, band.uid(), cents, TAP_WAIT);
        if (answer.isPresent() && answer.get().outcome() == AuthorisationOutcome.APPROVED) {
            till.sale(
                    band.uid(),
                    answer.get().walletId().orElse(band.wallet()),
                    PRODUCTS[product],
                    quantity,
                    PRICES[product]);
            records.incrementAndGet();
            counts.get("sales").incrementAndGet();
        } else {
            refused(answer.map(a -> a.outcome().name()).orElse("NO_ANSWER"));
        }
    }

    /**
     * Lets the wristbands topped up for the first time reach the bar once its edge knows them:
     * central's wallet feed (read from where the last read ended) lists the wristband at some
     * version, and the bar's edge holds central's wallets at that version or later ({@code
     * walletVersion} of its {@code /health}). Before that the edge would refuse them as unknown
     * wristbands. At most once a second.
     */
    private void admitArrivals() {
        if (arrivals.isEmpty()
                || Duration.between(lastArrivalCheck, Instant.now()).toMillis() < 1000) {
            return;
        }
        lastArrivalCheck = Instant.now();
        CentralApi.Answer feed =
                api.get("/sync/v1/festivals/" + setup.festivalId() + "/wallets?since=" + walletFeedVersion, null);
        if (feed.ok()) {
            long version = feed.number("version");
            String listed = feed.body().toLowerCase(java.util.Locale.ROOT);
            for (Arrival arrival : arrivals) {
                if (arrival.seenAt == 0 && listed.contains('"' + arrival.band.uid() + '"')) {
                    arrival.seenAt = version;
                }
            }
            walletFeedVersion = Math.max(walletFeedVersion, version);
        }
        long edgeVersion = barEdge.map(edge -> edge.get("/health", null))
                .filter(CentralApi.Answer::ok)
                .map(health -> health.number("walletVersion"))
                .orElse(0L);
        arrivals.removeIf(arrival -> {
            boolean known = arrival.seenAt > 0 && arrival.seenAt <= edgeVersion;
            if (known) {
                bands.add(arrival.band);
            }
            return known;
        });
    }

    private static String zoneOf(String terminal) {
        return DemoDevices.FLEET.stream()
                .filter(role -> role.name().equals(terminal))
                .findFirst()
                .orElseThrow()
                .zone();
    }

    /** A ticket bought online, scanned at the gate: a new wristband bound to it, then the admission. */
    private void admit(ZoneTerminal gate) {
        String ticket = nextTicket();
        if (ticket == null) {
            return;
        }
        String uid = newUid();
        gate.bind(uid, TicketId.parse(ticket));
        gate.checkIn(uid, TicketId.parse(ticket));
        records.addAndGet(2);
        counts.get("admissions").incrementAndGet();
        admittedBands.add(uid);
    }

    private String nextTicket() {
        if (tickets.isEmpty()
                && Duration.between(lastTicketFetch, Instant.now()).toSeconds() >= 5) {
            lastTicketFetch = Instant.now();
            CentralApi.Answer answer =
                    api.get("/admin/festivals/" + setup.festivalId() + "/tickets?status=VALID", adminToken.get());
            if (answer.ok()) {
                Matcher ids =
                        Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"").matcher(answer.body());
                while (ids.find()) {
                    if (admitted.add(ids.group(1))) {
                        tickets.add(ids.group(1));
                    }
                }
            }
        }
        return tickets.pollFirst();
    }

    private String newUid() {
        return "04%012x".formatted(random.nextLong() & 0xffffffffffffL);
    }

    /** Sends what is left and waits (bounded) until every edge acknowledged it; closes the sessions. */
    boolean drain(Duration max) throws InterruptedException {
        Instant deadline = Instant.now().plus(max);
        boolean delivered = false;
        while (Instant.now().isBefore(deadline)) {
            flush();
            if (unacknowledged() - refusedByEdges() <= 0) {
                delivered = true;
                break;
            }
            Thread.sleep(250);
        }
        return delivered;
    }

    void close() {
        terminals.values().forEach(ZoneTerminal::close);
    }

    /** Names of the terminals, for the welcome text. */
    List<String> names() {
        return new ArrayList<>(terminals.keySet());
    }
}
