package io.fcs.provisioning.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.crypto.Sha256;
import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.protocol.enrol.DeviceMode;
import io.fcs.protocol.enrol.EnrolmentQr;
import io.fcs.protocol.enrol.TicketKeyAnchor;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.ZoneId;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The golden vectors of firmware-protocol's enrolment formats are what this module's CA and
 * bundle code produce from a fixed random stream: byte for byte. Set {@code -Dfcs.writeVectors=DIR}
 * to (re)write them after a deliberate format change.
 */
class EnrolmentVectorsTest {

    static final Instant NOW = Instant.parse("2026-07-01T10:00:00Z");
    static final String RESOURCE = "/vectors/enrol/config-bundle-v1.properties";

    /** A deterministic "random" stream: SHA-256(label || counter) blocks. */
    static final class FixedRandom extends SecureRandom {
        private final byte[] label;
        private long counter;

        FixedRandom(String label) {
            this.label = label.getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public void nextBytes(byte[] bytes) {
            int filled = 0;
            while (filled < bytes.length) {
                byte[] block = Sha256.hash(ByteBuffer.allocate(label.length + 8)
                        .put(label)
                        .putLong(counter++)
                        .array());
                int n = Math.min(block.length, bytes.length - filled);
                System.arraycopy(block, 0, bytes, filled, n);
                filled += n;
            }
        }
    }

    static ConfigBundle vectorBundle() {
        SecureRandom random = new FixedRandom("fcs enrolment vector v1");
        FestivalId festival = FestivalId.parse("6f1c0c4e-3b0a-4c2e-9d51-0a6f2d6b1e01");
        KeyPair caPair = FestivalKeys.generateEd25519(random);
        X509Certificate caCertificate = CertificateAuthority.selfSigned(
                festival, "Vector Fest", caPair.getPublic(), caPair.getPrivate(), NOW, Duration.ofDays(730), random);
        CertificateAuthority ca = new CertificateAuthority(caCertificate, caPair.getPrivate());
        Ed25519.SigningKey device = Ed25519.generate(random);
        UUID deviceId = UUID.fromString("3e2b7a10-5c4d-4f6e-8a9b-0c1d2e3f4a5b");
        ZoneId zone = ZoneId.parse("0b7e6a52-8f43-4d2b-a1c9-5e3f7d2c9a10");
        X509Certificate certificate = ca.issueDevice(
                new CertificateAuthority.DeviceSubject(
                        DeviceKind.TERMINAL, DeviceMode.POS, deviceId, festival, zone, "Bar 1 till 2", List.of()),
                CertificateAuthority.ed25519(device.verificationKey().encoded()),
                NOW,
                Duration.ofDays(400),
                random);
        Ed25519.SigningKey oldTicketKey = Ed25519.generate(random);
        Ed25519.SigningKey ticketKey = Ed25519.generate(random);
        return new ConfigBundle(
                DeviceKind.TERMINAL,
                DeviceMode.POS,
                deviceId,
                festival,
                zone,
                NOW,
                device.seed(),
                "Bar 1 till 2",
                "ssl://edge-1.local:8883",
                "https://central.example",
                List.of(FestivalKeys.der(certificate), FestivalKeys.der(caCertificate)),
                List.of(
                        new TicketKeyAnchor(
                                FestivalKeys.keyIdFor(oldTicketKey.verificationKey()),
                                oldTicketKey.verificationKey(),
                                NOW.minus(Duration.ofDays(30)),
                                NOW.plus(Duration.ofDays(2))),
                        new TicketKeyAnchor(
                                FestivalKeys.keyIdFor(ticketKey.verificationKey()),
                                ticketKey.verificationKey(),
                                NOW.minus(Duration.ofDays(1)),
                                null)));
    }

    @Test
    void provisioningWritesExactlyTheGoldenConfigBundle() throws IOException {
        ConfigBundle bundle = vectorBundle();
        String writeTo = System.getProperty("fcs.writeVectors");
        if (writeTo != null) {
            write(Path.of(writeTo), bundle);
        }
        Properties vector = new Properties();
        try (InputStream in = getClass().getResourceAsStream(RESOURCE)) {
            assertThat(in).as("vector " + RESOURCE + " on the test class path").isNotNull();
            vector.load(in);
        }
        assertThat(Bytes.hex(bundle.encode())).isEqualTo(vector.getProperty("bytes"));
    }

    static void write(Path dir, ConfigBundle bundle) throws IOException {
        Files.createDirectories(dir);
        StringBuilder text = new StringBuilder();
        text.append("# ConfigBundle v1 golden vector: see io.fcs.protocol.enrol.ConfigBundle for the byte map.\n");
        text.append("# Made by provisioning's EnrolmentVectorsTest from a fixed random stream.\n");
        text.append("kind=").append(bundle.kind()).append('\n');
        text.append("mode=").append(bundle.mode()).append('\n');
        text.append("deviceId=").append(bundle.deviceId()).append('\n');
        text.append("festivalId=").append(bundle.festivalId()).append('\n');
        text.append("zoneId=").append(bundle.zoneId()).append('\n');
        text.append("issuedAt=").append(bundle.issuedAt()).append('\n');
        text.append("deviceKeySeed=").append(Bytes.hex(bundle.deviceKeySeed())).append('\n');
        text.append("name=").append(bundle.name()).append('\n');
        text.append("edgeAddress=").append(bundle.edgeAddress()).append('\n');
        text.append("centralAddress=").append(bundle.centralAddress()).append('\n');
        for (int i = 0; i < bundle.certificateChain().size(); i++) {
            text.append("certificate.")
                    .append(i)
                    .append('=')
                    .append(Bytes.hex(bundle.certificateChain().get(i)))
                    .append('\n');
        }
        for (int i = 0; i < bundle.ticketKeys().size(); i++) {
            TicketKeyAnchor key = bundle.ticketKeys().get(i);
            text.append("ticketKey.").append(i).append('=').append(key.keyId()).append(',');
            text.append(Bytes.hex(key.publicKey().encoded()))
                    .append(',')
                    .append(key.validFrom())
                    .append(',');
            text.append(key.validUntil() == null ? "-" : key.validUntil().toString())
                    .append('\n');
        }
        text.append("caFingerprint=")
                .append(EnrolmentQr.fingerprintOf(bundle.certificateChain().get(1)))
                .append('\n');
        text.append("bytes=").append(Bytes.hex(bundle.encode())).append('\n');
        Files.writeString(dir.resolve("config-bundle-v1.properties"), text.toString());
    }
}
