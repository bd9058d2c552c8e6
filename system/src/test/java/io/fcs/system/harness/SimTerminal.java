package io.fcs.system.harness;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.ZoneId;
import io.fcs.terminal.device.nfc.SimulatedNfcReader;
import io.fcs.terminal.device.nfc.SmartcardNfcReader;
import io.fcs.terminal.gate.GateOutcome;
import io.fcs.terminal.gate.Gatekeeper;
import io.fcs.terminal.gate.SignedTicketCheck;
import io.fcs.terminal.kiosk.SandboxPaymentProvider;
import io.fcs.terminal.kiosk.TopUpDesk;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.pos.CartLine;
import io.fcs.terminal.pos.PosDesk;
import io.fcs.terminal.pos.SaleRequest;
import io.fcs.terminal.store.Product;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.sync.MqttUplink;
import io.fcs.terminal.sync.ProtocolSyncCodec;
import io.fcs.terminal.sync.SyncClient;
import io.fcs.terminal.tap.OfflinePolicy;
import io.fcs.terminal.tap.SignedRecordCodec;
import io.fcs.terminal.tap.StoreRecordBook;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.tap.WalletTaps;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One terminal (POS, top-up kiosk or gate) built from terminal-app's own classes in the test JVM:
 * its SQLite store, the simulated NFC reader, the signed record book, the desks behind the screens
 * and the sync client over real MQTT to the zone's edge process. The headless {@code --simulate}
 * mode of the terminal jar runs on an in-memory stand-in edge and cannot be scripted tap by tap,
 * so this is the smallest real code path from a tap to the edge.
 */
public final class SimTerminal implements AutoCloseable {

    public enum Kind {
        POS,
        KIOSK,
        GATE
    }

    public static final Product BEER = new Product("beer", "Beer 25cl", FestivalSetUp.BEER_CENTS, "drinks");
    public static final Product WATER = new Product("water", "Water", FestivalSetUp.WATER_CENTS, "drinks");
    private static final Duration TAP = Duration.ofSeconds(3);
    private static final Staff STAFF = new Staff("bar-staff", "1234", Optional.empty(), false);

    private final Kind kind;
    private final TerminalId id;
    private final String place;
    private final TerminalStore store;
    private final SimulatedNfcReader reader;
    private final SyncClient sync;
    private final PosDesk pos;
    private final TopUpDesk kiosk;
    private final Gatekeeper gate;

    private SimTerminal(Builder b) {
        this.kind = b.kind;
        this.id = b.id;
        this.place = b.place;
        Clock clock = Clock.systemUTC();
        FestivalId festival = FestivalId.parse(b.festivalId);
        FestivalTime time = FestivalTime.of("Europe/Paris");
        store = TerminalStore.open(b.dataDir);
        store.replaceCatalogue(List.of(BEER, WATER));
        reader = new SimulatedNfcReader(
                new SmartcardNfcReader.Keys(b.wristbands.keys(), b.wristbands.writerKeys(), b.id, b.key));
        MqttUplink uplink = new MqttUplink(
                URI.create(b.edgeUrl),
                "terminal-" + b.id,
                new MqttUplink.Tls(Optional.empty(), new char[0], Optional.empty()));
        sync = new SyncClient(
                uplink,
                new ProtocolSyncCodec(festival, ZoneId.parse(b.zone.id()), b.id, b.place, "terminal-app 0.1.0", clock),
                store,
                clock);
        StoreRecordBook book = new StoreRecordBook(store, new SignedRecordCodec(b.key, festival, b.id), sync::wake);
        WalletTaps taps = new WalletTaps(
                reader,
                store,
                book,
                sync,
                new OfflinePolicy(Money.eur(FestivalSetUp.OFFLINE_ALLOWANCE_CENTS), time),
                clock,
                Currency.EUR);
        pos = new PosDesk(taps, store, clock);
        kiosk = new TopUpDesk(taps, store, book, new SandboxPaymentProvider(), clock);
        gate = new Gatekeeper(
                new SignedTicketCheck(festival, b.ticketKeys, b.zone.number()),
                reader,
                store,
                book,
                sync::publishCheckIn,
                sync::connected,
                time,
                b.zone.id(),
                b.place,
                b.id.toString(),
                clock,
                Currency.EUR,
                sync.zoneAdmission(),
                () -> sync.clockSkewMillis().orElse(0));
        sync.onCheckIn(gate::otherGatePassed);
        if (kind == Kind.POS) {
            pos.openShift(STAFF);
        }
        sync.start();
    }

    /** Enrols a new terminal with central and builds it, connected to its zone's edge. */
    public static SimTerminal enrolled(
            Kind kind,
            String place,
            FestivalSetUp festival,
            FestivalSetUp.Zone zone,
            String edgeUrl,
            Wristbands wristbands,
            Path dataDir) {
        Builder b = new Builder();
        b.kind = kind;
        b.id = TerminalId.random();
        b.key = Ed25519.generate();
        b.place = place;
        b.festivalId = festival.festivalId;
        b.zone = zone;
        b.edgeUrl = edgeUrl;
        b.wristbands = wristbands;
        b.dataDir = dataDir;
        b.ticketKeys = kind == Kind.GATE ? festival.ticketKeys() : List.of();
        festival.enrol(b.id, b.key.verificationKey(), kind.name(), zone, place);
        wristbands.trust(b.id, b.key.verificationKey());
        return new SimTerminal(b);
    }

    private static final class Builder {
        Kind kind;
        TerminalId id;
        Ed25519.SigningKey key;
        String place;
        String festivalId;
        FestivalSetUp.Zone zone;
        String edgeUrl;
        Wristbands wristbands;
        Path dataDir;
        List<Ed25519.VerificationKey> ticketKeys;
    }

    /** A bar sale: the cart, then the attendee taps the wristband. */
    public synchronized TapOutcome sell(SimulatedTag band, Product product, int quantity) {
        requireKind(Kind.POS);
        reader.device().present(band);
        try {
            CartLine line = new CartLine(product, quantity);
            return pos.charge(new SaleRequest(List.of(line), line.total(Currency.EUR), STAFF), TAP);
        } finally {
            reader.device().remove();
        }
    }

    /** A card top-up at the kiosk, paid on its payment terminal, loaded onto the wristband. */
    public synchronized TapOutcome topUpByCard(SimulatedTag band, long cents) {
        requireKind(Kind.KIOSK);
        reader.device().present(band);
        try {
            return kiosk.topUpByCard(Money.eur(cents), TAP);
        } finally {
            reader.device().remove();
        }
    }

    /** A balance check at the kiosk (a connected kiosk loads the wallet's pending online credits first). */
    public synchronized io.fcs.terminal.kiosk.BalanceOutcome balance(SimulatedTag band) {
        requireKind(Kind.KIOSK);
        reader.device().present(band);
        try {
            return kiosk.balance(TAP);
        } finally {
            reader.device().remove();
        }
    }

    /** A QR ticket held to the gate's scanner (entry). */
    public synchronized GateOutcome scan(String qr) {
        requireKind(Kind.GATE);
        return gate.scan(qr, false);
    }

    /** First entry: the wristband is bound to the ticket just admitted. */
    public synchronized GateOutcome bind(SimulatedTag band, String ticketId) {
        requireKind(Kind.GATE);
        reader.device().present(band);
        try {
            return gate.bind(ticketId, TAP);
        } finally {
            reader.device().remove();
        }
    }

    /** Entry by wristband. */
    public synchronized GateOutcome tap(SimulatedTag band) {
        requireKind(Kind.GATE);
        reader.device().present(band);
        try {
            return gate.tapWristband(false, TAP);
        } finally {
            reader.device().remove();
        }
    }

    private void requireKind(Kind wanted) {
        if (kind != wanted) {
            throw new IllegalStateException(place + " is a " + kind + ", not a " + wanted);
        }
    }

    public TerminalId id() {
        return id;
    }

    public String place() {
        return place;
    }

    public TerminalStore store() {
        return store;
    }

    /** Records signed and committed here (the chain's head sequence). */
    public long committed() {
        return store.chainHead().map(h -> h.sequence()).orElse(0L);
    }

    /** Highest sequence the edge acknowledged. */
    public long acknowledged() {
        return store.watermark();
    }

    public boolean connected() {
        return sync.connected();
    }

    /** The gate knows of a passage of this ticket (its own or broadcast by another gate). */
    public boolean knowsPassageOf(String ticketId) {
        return store.lastPassage(ticketId).isPresent();
    }

    public boolean denies(SimulatedTag band) {
        return store.wristbandDenied(Wristbands.uid(band)).isPresent()
                || store.wristbandDenied(band.uid().hex()).isPresent();
    }

    @Override
    public void close() {
        sync.close();
        reader.close();
        store.close();
    }
}
