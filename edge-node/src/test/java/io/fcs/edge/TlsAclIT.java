package io.fcs.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.edge.broker.MqttBus;
import io.fcs.edge.testing.EdgeHarness;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.Ports;
import io.fcs.edge.testing.TerminalClient;
import io.fcs.edge.testing.TestFestival;
import io.fcs.edge.testing.TestPki;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.message.AuthorisationKind;
import io.fcs.protocol.message.AuthorisationOutcome;
import io.fcs.protocol.topic.MqttTopic;
import io.fcs.protocol.topic.TopicKind;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.TerminalId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Production mode: MQTT over TLS 1.3 with client certificates of the festival CA and the topic
 * ACL, for both kinds of festival CA: EC P-256, and Ed25519 as provisioning issues them (SAN URIs
 * {@code urn:fcs:terminal|edge:<id>}, festival, zone, mode), over the JDK's TLS and HiveMQ CE's
 * TLS listener.
 */
class TlsAclIT {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestPki.Algorithm.class)
    void terminalsWithFestivalCertificatesAuthenticateAndPublishOnlyUnderTheirOwnIdentity(TestPki.Algorithm algorithm)
            throws Exception {
        TestFestival festival = new TestFestival();
        TerminalId pos = festival.enrol();
        TerminalId other = festival.enrol();
        String uid = festival.wallet(5_000);
        EdgeId edgeId = EdgeId.random();
        TestPki pki = new TestPki(algorithm);
        java.util.List<String> keyAlgorithms = algorithm == TestPki.Algorithm.ED25519
                ? java.util.List.of("Ed25519", "EdDSA")
                : java.util.List.of("EC");
        assertThat(pki.ca().getPublicKey().getAlgorithm()).isIn(keyAlgorithms);
        Path edgeStore = pki.device(dir, "edge", edgeId, festival);
        Path posStore = pki.device(dir, "terminal", pos, festival, Optional.of("POS"));
        Path trust = pki.truststore(dir);
        Path key = dir.resolve("edge.key");
        Files.writeString(
                key, Base64.getEncoder().encodeToString(Ed25519.generate().seed()));
        int port = Ports.free();
        try (FakeCentral central = new FakeCentral(festival);
                EdgeNode node = EdgeNode.start(EdgeConfig.parse(
                        new String[] {
                            "--festival", festival.festival.toString(),
                            "--zone", festival.zone.toString(),
                            "--edge-id", edgeId.toString(),
                            "--edge-key", key.toString(),
                            "--central-url", central.url(),
                            "--data-dir", dir.resolve("edge").toString(),
                            "--mqtt-bind", "127.0.0.1",
                            "--mqtt-port", Integer.toString(port),
                            "--http-bind", "127.0.0.1",
                            "--http-port", "0",
                            "--sync-interval-ms", "200",
                            "--tls-keystore", edgeStore.toString(),
                            "--tls-keystore-password", TestPki.PASSWORD,
                            "--tls-truststore", trust.toString(),
                            "--tls-truststore-password", TestPki.PASSWORD
                        },
                        Map.of()))) {
            EdgeHarness.awaitSynced(node, festival);
            String url = "ssl://127.0.0.1:" + port;
            try (TerminalClient terminal = new TerminalClient(
                    festival,
                    pos,
                    url,
                    Optional.of(MqttBus.keys(posStore, TestPki.PASSWORD)),
                    Optional.of(MqttBus.trust(trust, TestPki.PASSWORD)))) {
                terminal.send(festival.chain(pos).sales(uid, 5, 100), 5);
                assertThat(terminal.awaitWatermark(5, Duration.ofSeconds(20))).isEqualTo(5);
                assertThat(terminal.request(AuthorisationKind.SALE, uid, 100).outcome())
                        .isEqualTo(AuthorisationOutcome.APPROVED);

                // the same certificate publishing as another terminal is stopped by the broker
                String foreign = MqttTopic.terminal(TopicKind.TERMINAL_RECORDS, festival.festival, festival.zone, other)
                        .toString();
                try {
                    terminal.publishRaw(foreign, new byte[] {1, 2, 3});
                } catch (RuntimeException refusedByBroker) {
                    // a QoS 1 publish refused by the ACL may complete with an error: that is the point
                }
                for (int i = 0; i < 100 && node.metrics().refusedCount("publish") == 0; i++) {
                    Thread.sleep(50);
                }
                assertThat(node.metrics().refusedCount("publish")).isPositive();
                assertThat(node.metrics().refusedCount("bad_magic")).isZero();
            }
            // what was negotiated: TLS 1.3, both sides authenticated with certificates of the CA's kind
            javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
            context.init(
                    MqttBus.keys(posStore, TestPki.PASSWORD).getKeyManagers(),
                    MqttBus.trust(trust, TestPki.PASSWORD).getTrustManagers(),
                    null);
            try (javax.net.ssl.SSLSocket socket =
                    (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000);
                socket.startHandshake();
                javax.net.ssl.SSLSession session = socket.getSession();
                assertThat(session.getProtocol()).isEqualTo("TLSv1.3");
                assertThat(session.getLocalCertificates()).isNotNull();
                assertThat(session.getLocalCertificates()[0].getPublicKey().getAlgorithm())
                        .isIn(keyAlgorithms);
                assertThat(session.getPeerCertificates()[0].getPublicKey().getAlgorithm())
                        .isIn(keyAlgorithms);
            }
            assertThatThrownBy(() -> MqttBus.connect(
                            url,
                            "no-certificate",
                            Optional.empty(),
                            Optional.of(MqttBus.trust(trust, TestPki.PASSWORD)),
                            1,
                            m -> {},
                            Duration.ofSeconds(3)))
                    .isInstanceOf(IllegalStateException.class);
        }
    }
}
