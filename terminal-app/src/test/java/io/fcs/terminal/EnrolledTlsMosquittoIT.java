package io.fcs.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.protocol.enrol.DeviceMode;
import io.fcs.protocol.testing.SystemPackages;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.ZoneId;
import io.fcs.terminal.enrol.EnrolledTls;
import io.fcs.terminal.enrol.Enrolment;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.sync.FakeEdge;
import io.fcs.terminal.sync.MqttUplink;
import io.fcs.terminal.tap.Authoriser;
import io.fcs.terminal.tap.RecordDraft;
import io.fcs.terminal.tap.RecordKind;
import io.fcs.terminal.tap.StoreRecordBook;
import io.fcs.terminal.tap.TapOutcome;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal's own sync client over Debian Mosquitto with TLS 1.3 and client certificates,
 * everything Ed25519 (decision 0168): the festival CA, the broker's certificate, and the
 * terminal's certificate for the device key it was enrolled with. Signed records go through the
 * production path (enrolment, {@code ProtocolAdapters.sync}, {@code EnrolledTls}); a terminal with
 * a certificate of an unknown CA, or with none, is refused by the broker and keeps its records.
 */
class EnrolledTlsMosquittoIT {

    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final ZoneId ZONE = ZoneId.random();
    private static final String EDGE_NAME = "edge-" + ZONE;

    @TempDir
    Path dir;

    private final TestFestivalCa ca = new TestFestivalCa("Festival root CA " + FESTIVAL);
    private final List<AutoCloseable> open = new ArrayList<>();
    private Process broker;
    private Path brokerLog;
    private int port;
    private FakeEdge edge;

    @BeforeEach
    void startBrokerAndEdge() throws Exception {
        Path mosquitto = SystemPackages.require("mosquitto", "/usr/sbin/mosquitto");
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        KeyPair brokerKey = TestFestivalCa.ed25519();
        Path caPem = TestFestivalCa.writeCertificatePem(dir.resolve("ca.pem"), List.of(ca.certificate));
        Path certPem = TestFestivalCa.writeCertificatePem(
                dir.resolve("broker.pem"), List.of(ca.device("edge broker", brokerKey, true)));
        Path keyPem = TestFestivalCa.writeKeyPem(dir.resolve("broker.key"), brokerKey.getPrivate());
        // the user is the certificate's CN: the edge reads and writes the zone, a terminal reads
        // the zone and writes only under its own id
        Path acl = Files.writeString(
                dir.resolve("acl"),
                String.join(
                        "\n",
                        "user " + EDGE_NAME,
                        "topic readwrite fcs/v1/#",
                        "",
                        "pattern read fcs/v1/#",
                        "pattern write fcs/v1/+/+/t/%u/#",
                        ""));
        Files.writeString(
                dir.resolve("mosquitto.conf"),
                String.join(
                        "\n",
                        "listener " + port + " 127.0.0.1",
                        "persistence false",
                        // stays root when started as root, so it can read the key in the test's folder
                        "user root",
                        "cafile " + caPem,
                        "certfile " + certPem,
                        "keyfile " + keyPem,
                        "tls_version tlsv1.3",
                        "require_certificate true",
                        "use_identity_as_username true",
                        "allow_anonymous false",
                        "acl_file " + acl,
                        ""));
        brokerLog = dir.resolve("mosquitto.log");
        broker = new ProcessBuilder(
                        mosquitto.toString(),
                        "-v",
                        "-c",
                        dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(brokerLog.toFile())
                .start();
        await(() -> log().contains("running") || !broker.isAlive(), "broker started");
        assertThat(broker.isAlive()).as("mosquitto runs: %s", log()).isTrue();

        MqttUplink edgeSide = edgeConnection("edge-" + ZONE);
        edge = new FakeEdge(FESTIVAL, ZONE, edgeSide::publish);
        edgeSide.subscribe(edge.filter("records"), edge::onMessage);
        edgeSide.subscribe(edge.filter("auth/req"), edge::onMessage);
        edgeSide.connect();
        await(edgeSide::connected, "edge side connected over TLS");
    }

    private MqttUplink edgeConnection(String clientId) {
        KeyPair edgeKey = TestFestivalCa.ed25519();
        KeyStore edgeKeys = ca.keyStore(edgeKey, ca.device(EDGE_NAME, edgeKey, false));
        MqttUplink uplink = new MqttUplink(
                URI.create("mqtts://127.0.0.1:" + port),
                clientId,
                new MqttUplink.Tls(
                        Optional.empty(),
                        TestFestivalCa.PASSWORD,
                        Optional.empty(),
                        Optional.of(edgeKeys),
                        Optional.of(ca.trustStore())));
        open.add(uplink::close);
        return uplink;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
        if (broker != null) {
            broker.destroy();
            if (!broker.waitFor(10, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** A terminal enrolled from a bundle whose chain ends in {@code issuer}: its store, options and identity. */
    private record Enrolled(TerminalStore store, TerminalOptions options, TerminalIdentity identity) {}

    private Enrolled enrol(String folder, TestFestivalCa issuer) throws Exception {
        return enrol(folder, issuer, issuer);
    }

    /** Enrols with a certificate signed by {@code issuer} in a chain that names {@code root}. */
    private Enrolled enrol(String folder, TestFestivalCa issuer, TestFestivalCa root) throws Exception {
        Ed25519.SigningKey deviceKey = Ed25519.generate();
        UUID deviceId = UUID.randomUUID();
        X509Certificate certificate =
                issuer.terminal(deviceId.toString(), deviceKey.verificationKey().encoded());
        TerminalStore store = TerminalStore.open(dir.resolve(folder));
        open.add(store);
        String edgeAddress = "mqtts://127.0.0.1:" + port;
        Enrolment.Outcome outcome = new Enrolment(store, Clock.systemUTC(), url -> {
                    throw new IOException("no enrolment server in this test");
                })
                .apply(new ConfigBundle(
                        DeviceKind.TERMINAL,
                        DeviceMode.POS,
                        deviceId,
                        FESTIVAL,
                        ZONE,
                        Instant.now(),
                        deviceKey.seed(),
                        "Bar 1 till " + folder,
                        edgeAddress,
                        "",
                        List.of(certificate.getEncoded(), root.certificate.getEncoded()),
                        List.of()));
        assertThat(outcome).isInstanceOf(Enrolment.Enrolled.class);
        TerminalOptions options = new TerminalOptions();
        options.edge = edgeAddress;
        return new Enrolled(store, options, TerminalIdentity.resolve(options, store));
    }

    private ProtocolAdapters.Sync sync(Enrolled terminal) {
        ProtocolAdapters.Sync sync =
                ProtocolAdapters.sync(terminal.options(), terminal.identity(), terminal.store(), Clock.systemUTC());
        open.add(sync::close);
        sync.start();
        return sync;
    }

    private static void sell(Enrolled terminal, ProtocolAdapters.Sync sync, long amountMinor) {
        new StoreRecordBook(terminal.store(), ProtocolAdapters.recordCodec(terminal.identity()), sync::wake)
                .commit(
                        new RecordDraft(
                                RecordId.random().toString(),
                                RecordKind.SALE,
                                "04a1b2c3d4e5f6",
                                UUID.randomUUID().toString(),
                                Money.of(amountMinor, Currency.EUR),
                                Money.of(5_000 - amountMinor, Currency.EUR),
                                List.of(new RecordDraft.Line("BEER", 1, amountMinor)),
                                1,
                                2,
                                TapOutcome.Authority.EDGE,
                                "Alice",
                                "",
                                "",
                                Instant.now()),
                        Optional.empty());
    }

    private String log() {
        try {
            return Files.exists(brokerLog) ? Files.readString(brokerLog) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        for (int i = 0; i < 300 && !condition.getAsBoolean(); i++) {
            Thread.sleep(50);
        }
        assertThat(condition.getAsBoolean()).as(what + " within 15 s").isTrue();
    }

    @Test
    void anEnrolledTerminalSendsSignedRecordsAndIsAuthorisedOverTlsWithItsEd25519Certificate() throws Exception {
        Enrolled terminal = enrol("bar", ca);
        ProtocolAdapters.Sync sync = sync(terminal);

        await(sync::connected, "terminal connected over TLS with its enrolled certificate");
        sell(terminal, sync, 550);
        sell(terminal, sync, 700);
        await(() -> terminal.store().watermark() == 2, "both records acknowledged by the edge");

        assertThat(edge.batches).isNotEmpty();
        assertThat(edge.batches.getLast().terminalId())
                .isEqualTo(terminal.identity().terminalId());
        assertThat(terminal.store().queueDepth()).isZero();
        assertThat(sync.authoriser()
                        .authorise(
                                RecordId.random().toString(),
                                "04a1b2c3d4e5f6",
                                "",
                                Money.eur(550),
                                Money.eur(2000),
                                2,
                                Duration.ofSeconds(5)))
                .isEqualTo(new Authoriser.Granted(Money.eur(1450)));
        // the broker took the certificate's name as the client's identity
        assertThat(log()).contains("u'" + terminal.identity().terminalId());
    }

    @Test
    void anEnrolledTerminalPublishesOnlyUnderItsOwnIdentity() throws Exception {
        Enrolled terminal = enrol("bar", ca);
        Enrolled other = enrol("other", ca);
        MqttUplink observer = edgeConnection("observer-" + ZONE);
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        observer.subscribe(edge.filter("records"), (topic, payload) -> seen.add(topic));
        observer.connect();
        await(observer::connected, "observer connected");
        MqttUplink publisher = new MqttUplink(
                URI.create(terminal.options().edge),
                "terminal-raw-" + terminal.identity().terminalId(),
                ProtocolAdapters.tls(terminal.options(), terminal.store()));
        open.add(publisher::close);
        publisher.connect();
        await(publisher::connected, "terminal connected with its enrolled certificate");
        String foreign = edge.filter("records")
                .replace("+", other.identity().terminalId().toString());
        String own = edge.filter("records")
                .replace("+", terminal.identity().terminalId().toString());

        publisher.publish(foreign, new byte[] {1, 2, 3}).exceptionally(refused -> null);
        publisher.publish(own, new byte[] {4, 5, 6}).exceptionally(refused -> null);
        // one connection's messages arrive in order: once the second is in, the first would be too
        await(() -> seen.contains(own), "the terminal's message under its own id");

        assertThat(seen).containsExactly(own);
    }

    @Test
    void theHandshakeIsTls13WithEd25519CertificatesOnBothSides() throws Exception {
        Enrolled terminal = enrol("bar", ca);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(EnrolledTls.keyStore(terminal.store(), new char[0]).orElseThrow(), new char[0]);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(EnrolledTls.trustStore(terminal.store()).orElseThrow());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            SSLSession session = socket.getSession();

            assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
            assertThat(session.getLocalCertificates()[0].getPublicKey().getAlgorithm())
                    .isIn("Ed25519", "EdDSA");
            assertThat(session.getPeerCertificates()[0].getPublicKey().getAlgorithm())
                    .isIn("Ed25519", "EdDSA");
        }
    }

    @Test
    void aTerminalWithACertificateOfAnUnknownCaIsRefusedAndKeepsItsRecords() throws Exception {
        // a CA that copies the festival CA's name: its certificates are not signed by the festival's key
        TestFestivalCa impostor = new TestFestivalCa("Festival root CA " + FESTIVAL);
        Enrolled rogue = enrol("rogue", impostor, ca);
        ProtocolAdapters.Sync sync = sync(rogue);
        sell(rogue, sync, 550);

        await(
                () -> log().contains("certificate verify failed")
                        || log().contains("peer did not return a certificate"),
                "the broker refusing the handshake");

        assertThat(sync.connected()).isFalse();
        assertThat(rogue.store().watermark()).isZero();
        assertThat(rogue.store().queueDepth()).isEqualTo(1);
        assertThat(edge.batches).isEmpty();
    }
}
