package io.fcs.terminal;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WriterKeys;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.ZoneId;
import io.fcs.terminal.device.nfc.NfcReader;
import io.fcs.terminal.device.nfc.SimulatedNfcReader;
import io.fcs.terminal.device.nfc.SmartcardNfcReader;
import io.fcs.terminal.device.qr.CameraQrScanner;
import io.fcs.terminal.device.qr.GrabberFrameSource;
import io.fcs.terminal.device.qr.QrScanner;
import io.fcs.terminal.enrol.EnrolledTls;
import io.fcs.terminal.gate.CheckInPublisher;
import io.fcs.terminal.gate.SignedTicketCheck;
import io.fcs.terminal.gate.TicketCheck;
import io.fcs.terminal.store.CheckIn;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.sync.MqttUplink;
import io.fcs.terminal.sync.ProtocolSyncCodec;
import io.fcs.terminal.sync.SyncClient;
import io.fcs.terminal.sync.Uplink;
import io.fcs.terminal.tap.Authoriser;
import io.fcs.terminal.tap.RecordCodec;
import io.fcs.terminal.tap.SignedRecordCodec;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds the adapters that speak the protocol's bytes (records, tickets, chip, MQTT messages). */
final class ProtocolAdapters {

    static final String WRITER_PREFIX = "writer.";

    private ProtocolAdapters() {}

    /** What the terminal needs of its sync client. */
    interface Sync extends AutoCloseable {
        void start();

        void wake();

        boolean connected();

        Optional<Instant> lastSync();

        long clockSkewSeconds();

        /** This terminal's clock minus the edge's in milliseconds, 0 until measured. */
        long clockSkewMillis();

        void onConfig(Consumer<io.fcs.terminal.sync.SyncCodec.Config> listener);

        Authoriser authoriser();

        CheckInPublisher checkIns();

        /** Ticket admission by the zone's edge (decision 0250). */
        io.fcs.terminal.gate.ZoneAdmission zoneAdmission();

        void onCheckIn(Consumer<CheckIn> listener);

        @Override
        void close();
    }

    /**
     * Terminals whose chip writes this one accepts: itself and every terminal key stored from the
     * downlinked configuration ({@code writer.<terminalId>} = base64 public key).
     */
    static WriterKeys writerKeys(TerminalIdentity identity, TerminalStore store) {
        return writer -> writer.equals(identity.terminalId())
                ? Optional.of(identity.signingKey().verificationKey())
                : store.setting(WRITER_PREFIX + writer)
                        .or(() -> store.setting(DOWNLINKED_WRITER_PREFIX + writer))
                        .flatMap(ProtocolAdapters::verificationKey);
    }

    /**
     * A writer key the edge's zone configuration carries as setting {@code writerkey.<terminalId>}
     * (the protocol's setting keys are lower case; decision 0153), stored by the sync client as
     * {@code downlink.writerkey.<terminalId>}.
     */
    static final String DOWNLINKED_WRITER_PREFIX = "downlink.writerkey.";

    private static Optional<Ed25519.VerificationKey> verificationKey(String base64) {
        try {
            return Optional.of(new Ed25519.VerificationKey(Base64.getDecoder().decode(base64.trim())));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // a garbled key trusts nobody
        }
    }

    static SmartcardNfcReader.Keys nfcKeys(TerminalIdentity identity, TerminalStore store) {
        return new SmartcardNfcReader.Keys(
                WristbandKeys.of(identity.wristbandKey(), FestivalId.parse(identity.festivalId())),
                writerKeys(identity, store),
                identity.terminalId(),
                identity.signingKey());
    }

    static NfcReader reader(TerminalOptions options, TerminalIdentity identity, TerminalStore store) {
        SmartcardNfcReader.Keys keys = nfcKeys(identity, store);
        return switch (options.reader) {
            case PCSC -> SmartcardNfcReader.pcsc(options.readerName, keys);
            case SIMULATED -> new SimulatedNfcReader(keys);
        };
    }

    /**
     * The camera adapter over a frame-grabber program: ffmpeg reading the V4L2 camera unless
     * {@code --camera-command} names another; restarted 2 s after it ends (camera unplugged).
     */
    static QrScanner camera(TerminalOptions options, Clock clock) {
        GrabberFrameSource.Format format = GrabberFrameSource.Format.parse(options.cameraSize);
        List<String> command = options.cameraCommand == null || options.cameraCommand.isBlank()
                ? GrabberFrameSource.ffmpegV4l2(options.cameraDevice, format, 15)
                : List.of(options.cameraCommand.trim().split("\\s+"));
        return new CameraQrScanner(new GrabberFrameSource(command, format, Duration.ofSeconds(2), clock), clock);
    }

    static Sync sync(TerminalOptions options, TerminalIdentity identity, TerminalStore store, Clock clock) {
        Uplink uplink = "none".equalsIgnoreCase(options.edge.trim())
                ? new io.fcs.terminal.sync.InMemoryBroker().uplink()
                : new MqttUplink(
                        URI.create(options.edge.trim()), "terminal-" + identity.terminalId(), tls(options, store));
        return over(uplink, identity, store, clock);
    }

    /**
     * The edge connection's TLS material: the files given, else the key and certificate chain the
     * terminal was enrolled with (built in memory, never written out).
     */
    static MqttUplink.Tls tls(TerminalOptions options, TerminalStore store) {
        char[] password = options.tlsKeystorePassword.toCharArray();
        return new MqttUplink.Tls(
                Optional.ofNullable(options.tlsKeystore),
                password,
                Optional.ofNullable(options.tlsTruststore),
                options.tlsKeystore == null ? EnrolledTls.keyStore(store, password) : Optional.empty(),
                options.tlsTruststore == null ? EnrolledTls.trustStore(store) : Optional.empty());
    }

    static Sync over(Uplink uplink, TerminalIdentity identity, TerminalStore store, Clock clock) {
        SyncClient client = new SyncClient(
                uplink,
                new ProtocolSyncCodec(
                        FestivalId.parse(identity.festivalId()),
                        ZoneId.parse(identity.zoneId()),
                        identity.terminalId(),
                        identity.place(),
                        "terminal-app 0.1.0",
                        clock),
                store,
                clock);
        return new Sync() {
            @Override
            public void start() {
                client.start();
            }

            @Override
            public void wake() {
                client.wake();
            }

            @Override
            public boolean connected() {
                return client.connected();
            }

            @Override
            public Optional<Instant> lastSync() {
                return client.lastSync();
            }

            @Override
            public long clockSkewSeconds() {
                return clockSkewMillis() / 1000;
            }

            @Override
            public long clockSkewMillis() {
                return client.clockSkewMillis().orElse(0);
            }

            @Override
            public void onConfig(Consumer<io.fcs.terminal.sync.SyncCodec.Config> listener) {
                client.onConfig(listener);
            }

            @Override
            public Authoriser authoriser() {
                return client;
            }

            @Override
            public CheckInPublisher checkIns() {
                return client::publishCheckIn;
            }

            @Override
            public io.fcs.terminal.gate.ZoneAdmission zoneAdmission() {
                return client.zoneAdmission();
            }

            @Override
            public void onCheckIn(Consumer<CheckIn> listener) {
                client.onCheckIn(listener);
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    static RecordCodec recordCodec(TerminalIdentity identity) {
        return new SignedRecordCodec(
                identity.signingKey(), FestivalId.parse(identity.festivalId()), identity.terminalId());
    }

    static TicketCheck tickets(TerminalIdentity identity, TerminalStore store) {
        return new SignedTicketCheck(
                FestivalId.parse(identity.festivalId()), identity.ticketKeys(), identity.zoneNumber());
    }
}
