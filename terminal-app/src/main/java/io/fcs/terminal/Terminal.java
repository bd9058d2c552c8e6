package io.fcs.terminal;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.terminal.device.nfc.NfcReader;
import io.fcs.terminal.device.qr.KeyboardWedgeScanner;
import io.fcs.terminal.device.qr.QrScanner;
import io.fcs.terminal.device.qr.SimulatedQrScanner;
import io.fcs.terminal.gate.Gatekeeper;
import io.fcs.terminal.kiosk.SandboxPaymentProvider;
import io.fcs.terminal.kiosk.TopUpDesk;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.login.StaffDirectory;
import io.fcs.terminal.login.StaffList;
import io.fcs.terminal.pos.PosDesk;
import io.fcs.terminal.status.Health;
import io.fcs.terminal.store.StoreException;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.sync.SyncClient;
import io.fcs.terminal.tap.OfflinePolicy;
import io.fcs.terminal.tap.StoreRecordBook;
import io.fcs.terminal.tap.WalletTaps;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Feedback;
import io.fcs.terminal.ui.Messages;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The composition root of one running terminal: store, devices, sync client, the desks behind
 * the screens. Built by the JavaFX application and by the headless simulation alike.
 */
public final class Terminal implements AutoCloseable {

    private final TerminalStore store;
    private final NfcReader reader;
    private final QrScanner scanner;
    private final ExecutorService worker;
    private final Screens.Wiring wiring;
    private final TerminalIdentity identity;
    private final ProtocolAdapters.Sync sync;

    private Terminal(TerminalOptions options, Executor uiThread, Clock clock) {
        store = TerminalStore.open(options.dataDir);
        identity = TerminalIdentity.resolve(options, store);
        FestivalTime festivalTime = new FestivalTime(ZoneId.of(identity.timeZone()), FestivalTime.DEFAULT_CUTOVER);
        Currency currency = Currency.of(identity.currency());
        reader = ProtocolAdapters.reader(options, identity, store);
        scanner = switch (options.scanner) {
            case WEDGE -> new KeyboardWedgeScanner();
            case SIMULATED -> new SimulatedQrScanner();
            case CAMERA -> ProtocolAdapters.camera(options, clock);
        };
        sync = ProtocolAdapters.sync(options, identity, store, clock);
        StoreRecordBook book = new StoreRecordBook(store, ProtocolAdapters.recordCodec(identity), sync::wake);
        OfflinePolicy offline = new OfflinePolicy(
                Money.of(identity.offlineAllowanceMinor(), currency),
                festivalTime,
                store.setting("config.offlineAllowancePeriodSeconds")
                        .map(Long::parseLong)
                        .filter(seconds -> seconds >= 1)
                        .map(Duration::ofSeconds)
                        .orElse(OfflinePolicy.DAY),
                Money.of(
                        OfflinePolicy.plainChipAllowanceMinor(
                                store.setting(SyncClient.DOWNLINK_PREFIX + OfflinePolicy.PLAIN_CHIP_ALLOWANCE_SETTING)),
                        currency));
        WalletTaps taps = new WalletTaps(reader, store, book, sync.authoriser(), offline, clock, currency);
        taps.clockSkew(sync::clockSkewMillis);
        // a downlinked configuration changes the allowance from the next tap on
        sync.onConfig(config -> taps.offlinePolicy(new OfflinePolicy(
                Money.of(config.offlineAllowanceMinor(), currency),
                festivalTime,
                Duration.ofSeconds(Math.max(1, config.offlineAllowancePeriodSeconds())),
                Money.of(
                        OfflinePolicy.plainChipAllowanceMinor(java.util.Optional.ofNullable(
                                config.settings().get(OfflinePolicy.PLAIN_CHIP_ALLOWANCE_SETTING))),
                        currency))));
        Gatekeeper gate = new Gatekeeper(
                ProtocolAdapters.tickets(identity, store),
                reader,
                store,
                book,
                sync.checkIns(),
                sync::connected,
                festivalTime,
                identity.zoneId(),
                identity.place(),
                identity.terminalId().toString(),
                clock,
                currency,
                sync.zoneAdmission(),
                sync::clockSkewMillis);
        sync.onCheckIn(gate::otherGatePassed);
        worker = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("terminal-worker").factory());
        Messages messages = Messages.of(options.language);
        String role = role(options.mode);
        List<Staff> given = staff(options);
        StaffDirectory directory = new StaffDirectory(
                withDownlinked(given, StaffList.from(store.settings(SyncClient.DOWNLINK_PREFIX), role)));
        // the zone's staff list comes with its configuration and is stored with it: logins work offline
        sync.onConfig(config -> directory.replace(withDownlinked(given, StaffList.from(config.settings(), role))));
        wiring = new Screens.Wiring(
                options.mode,
                messages,
                new Async(worker, uiThread),
                Feedback.systemBeep(),
                festivalTime.zone(),
                directory,
                timeout -> reader.withWristband(timeout, band -> band.uid()),
                () -> health(clock),
                new PosDesk(taps, store, clock),
                gate,
                new TopUpDesk(taps, store, book, new SandboxPaymentProvider(), clock),
                scanner);
        sync.start();
    }

    public static Terminal start(TerminalOptions options, Executor uiThread) {
        return new Terminal(options, uiThread, Clock.systemUTC());
    }

    /** The staff role a terminal in this mode is for (the downlinked list names roles). */
    static String role(TerminalOptions.Mode mode) {
        return switch (mode) {
            case POS -> "bar";
            case GATE -> "gate";
            case KIOSK -> "kiosk";
            case CASHDESK -> "cashier";
        };
    }

    private static List<Staff> withDownlinked(List<Staff> given, StaffList.Parsed downlinked) {
        List<Staff> all = new ArrayList<>(given);
        all.addAll(downlinked.staff());
        return all;
    }

    private static List<Staff> staff(TerminalOptions options) {
        List<Staff> staff = new ArrayList<>(Arrays.stream(options.staff)
                .filter(s -> !s.isBlank())
                .map(Staff::parse)
                .toList());
        if (options.supervisorPin != null && !options.supervisorPin.isBlank()) {
            staff.add(new Staff("supervisor", options.supervisorPin, Optional.empty(), true));
        }
        return staff;
    }

    private Health health(Clock clock) {
        boolean readerPresent = reader.present();
        Optional<Health.Problem> problem = Optional.empty();
        long queue = 0;
        try {
            queue = store.queueDepth();
        } catch (StoreException e) {
            problem = Optional.of(e.full() ? Health.Problem.STORE_FULL : Health.Problem.STORE_FAILED);
        }
        long skew = sync.clockSkewSeconds();
        if (problem.isEmpty() && Math.abs(skew) > OfflinePolicy.MAX_CLOCK_SKEW.toSeconds()) {
            problem = Optional.of(Health.Problem.CLOCK_WRONG);
        }
        if (problem.isEmpty() && !readerPresent) {
            problem = Optional.of(Health.Problem.READER_UNPLUGGED);
        }
        return new Health(sync.connected(), queue, sync.lastSync(), readerPresent, problem, skew);
    }

    public Screens.Wiring wiring() {
        return wiring;
    }

    public TerminalStore store() {
        return store;
    }

    public TerminalId terminalId() {
        return identity.terminalId();
    }

    @Override
    public void close() {
        sync.close();
        scanner.close();
        reader.close();
        worker.shutdownNow();
        store.close();
    }
}
