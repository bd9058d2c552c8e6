package io.fcs.provisioning.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.enrol.ConfigBundle;
import io.fcs.protocol.enrol.DeviceKind;
import io.fcs.protocol.enrol.DeviceMode;
import io.fcs.protocol.enrol.EnrolmentQr;
import io.fcs.protocol.value.ZoneId;
import io.fcs.provisioning.Cli;
import io.fcs.provisioning.ExitCodes;
import io.fcs.provisioning.FakeCentral;
import io.fcs.provisioning.bundle.QrCodes;
import io.fcs.provisioning.keys.FestivalKeys;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrolCommandTest {

    static final String FESTIVAL = "6f1c0c4e-3b0a-4c2e-9d51-0a6f2d6b1e01";
    static final String ZONE = "0b7e6a52-8f43-4d2b-a1c9-5e3f7d2c9a10";

    @TempDir
    Path tmp;

    Cli cli;
    FakeCentral central;

    @TempDir
    static Path shared;

    /** One key ceremony for the class (a PKCS#12 store costs real time); each test gets a copy. */
    @BeforeAll
    static void ceremony() {
        Cli.Result init = new Cli(shared)
                .run(
                        "keys",
                        "init",
                        "--festival",
                        FESTIVAL,
                        "--dir",
                        shared.resolve("keys").toString());
        assertThat(init.exitCode()).as(init.toString()).isZero();
    }

    @BeforeEach
    void copyKeys() throws Exception {
        central = new FakeCentral();
        cli = new Cli(tmp)
                .env("FCS_KEYS_DIR", keysDir().toString())
                .env("FCS_CENTRAL", central.url())
                .env("FCS_CENTRAL_TOKEN", FakeCentral.TOKEN)
                .env("FCS_OUT", outDir().toString());
        Files.createDirectories(keysDir());
        try (var files = Files.list(shared.resolve("keys"))) {
            for (Path file : files.toList()) {
                Files.copy(file, keysDir().resolve(file.getFileName()));
            }
        }
    }

    @AfterEach
    void stopCentral() {
        central.close();
    }

    Path keysDir() {
        return tmp.resolve("keys");
    }

    Path outDir() {
        return tmp.resolve("out");
    }

    FestivalKeys keys() {
        return FestivalKeys.open(keysDir(), Cli.PASSWORD.toCharArray());
    }

    ConfigBundle redeem(UUID deviceId) {
        Path dir = outDir().resolve(deviceId.toString());
        Path bundleFile = tmp.resolve(deviceId + ".bundle");
        Cli.Result result = cli.run(
                "enrol",
                "redeem",
                "--qr-image",
                dir.resolve(Enrolment.QR_PNG).toString(),
                "--sealed",
                dir.resolve(Enrolment.SEALED).toString(),
                "--out",
                bundleFile.toString());
        assertThat(result.exitCode()).as(result.toString()).isZero();
        try {
            return ConfigBundle.parse(Files.readAllBytes(bundleFile));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void validatesAgainst(X509Certificate ca, List<X509Certificate> chain) throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(chain.subList(0, chain.size() - 1));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);
        parameters.setDate(Date.from(java.time.Instant.parse("2026-07-02T00:00:00Z")));
        CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }

    @Test
    void aPosTerminalGetsACertifiedKeyARegistrationAndABundleItsProtocolCanRead() throws Exception {
        UUID id = UUID.randomUUID();
        Cli.Result result = cli.run(
                "enrol",
                "terminal",
                "--mode",
                "pos",
                "--zone",
                ZONE,
                "--id",
                id.toString(),
                "--name",
                "Bar 1 till 2",
                "--edge-address",
                "ssl://edge-1.local:8883");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        ConfigBundle bundle = redeem(id);
        assertThat(bundle.kind()).isEqualTo(DeviceKind.TERMINAL);
        assertThat(bundle.mode()).isEqualTo(DeviceMode.POS);
        assertThat(bundle.terminalId().value()).isEqualTo(id);
        assertThat(bundle.zoneId()).isEqualTo(ZoneId.parse(ZONE));
        assertThat(bundle.festivalId().toString()).isEqualTo(FESTIVAL);
        assertThat(bundle.name()).isEqualTo("Bar 1 till 2");
        assertThat(bundle.edgeAddress()).isEqualTo("ssl://edge-1.local:8883");
        assertThat(bundle.centralAddress()).isEqualTo(central.url());
        assertThat(bundle.deviceKey()).isPresent();
        assertThat(bundle.ticketKeys())
                .extracting(k -> k.publicKey())
                .containsExactly(keys().ticketKeys().get(0).publicKey());

        X509Certificate ca = keys().caCertificate();
        assertThat(bundle.caCertificate()).isEqualTo(ca);
        validatesAgainst(ca, bundle.certificates());
        X509Certificate device = bundle.deviceCertificate();
        assertThat(device.getSubjectX500Principal().getName())
                .contains("CN=" + id)
                .contains("OU=TERMINAL-POS");
        assertThat(device.getSubjectAlternativeNames())
                .extracting(n -> (Object) n.get(1))
                .contains((Object) ("urn:fcs:terminal:" + id), "urn:fcs:zone:" + ZONE, "urn:fcs:mode:POS");
        assertThat(device.getKeyUsage()[0]).isTrue(); // digitalSignature
        assertThat(device.getBasicConstraints()).isEqualTo(-1);

        var posts = central.calls("POST", "/admin/festivals/" + FESTIVAL + "/devices");
        assertThat(posts).hasSize(1);
        var body = posts.get(0).body();
        assertThat(body.path("deviceId").asString()).isEqualTo(id.toString());
        assertThat(body.path("kind").asString()).isEqualTo("TERMINAL");
        assertThat(body.path("mode").asString()).isEqualTo("POS");
        assertThat(body.path("zoneId").asString()).isEqualTo(ZONE);
        assertThat(Base64.getDecoder().decode(body.path("publicKey").asString()))
                .isEqualTo(bundle.deviceKey().orElseThrow().verificationKey().encoded());
        assertThat(body.path("certificatePem").asString()).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(posts.get(0).authorization()).isEqualTo("Bearer " + FakeCentral.TOKEN);
    }

    @Test
    void anEdgeIsCertifiedForTlsServerAndClientWithItsHostNames() throws Exception {
        UUID id = UUID.randomUUID();
        Cli.Result result =
                cli.run("enrol", "edge", "--zone", ZONE, "--id", id.toString(), "--host", "edge-1.local,10.0.0.5");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        ConfigBundle bundle = redeem(id);
        assertThat(bundle.kind()).isEqualTo(DeviceKind.EDGE);
        assertThat(bundle.edgeId().value()).isEqualTo(id);
        X509Certificate device = bundle.deviceCertificate();
        assertThat(device.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(device.getSubjectAlternativeNames())
                .extracting(n -> (Object) n.get(1))
                .contains("edge-1.local", "10.0.0.5", "urn:fcs:edge:" + id);
        validatesAgainst(keys().caCertificate(), bundle.certificates());
        assertThat(central.calls("POST", "/admin/festivals/")
                        .get(0)
                        .body()
                        .path("mode")
                        .isNull())
                .isTrue();
    }

    @Test
    void anEdgeGetsKeyStoresItsTlsStackLoadsAndAConfigNamingThem() throws Exception {
        UUID id = UUID.randomUUID();
        assertThat(cli.run("enrol", "edge", "--zone", ZONE, "--id", id.toString(), "--host", "127.0.0.1")
                        .exitCode())
                .isZero();
        Path dir = outDir().resolve(id.toString());
        Path files = tmp.resolve("edge-files");
        String qr = Files.readString(dir.resolve(Enrolment.QR_TEXT)).strip();
        String[] redeem = {
            "enrol",
            "redeem",
            "--qr",
            qr,
            "--sealed",
            dir.resolve(Enrolment.SEALED).toString(),
            "--out",
            tmp.resolve("edge.fcsb").toString(),
            "--device-files",
            files.toString()
        };

        Cli.Result noPassword = cli.run(redeem);
        assertThat(noPassword.exitCode()).as(noPassword.toString()).isEqualTo(ExitCodes.REFUSED);
        assertThat(noPassword.err()).contains("FCS_DEVICE_PASSWORD");
        assertThat(files).doesNotExist();
        assertThat(tmp.resolve("edge.fcsb")).doesNotExist();

        Cli.Result result = cli.env("FCS_DEVICE_PASSWORD", "edge-store-pass").run(redeem);
        assertThat(result.exitCode()).as(result.toString()).isZero();
        ConfigBundle bundle = ConfigBundle.parse(Files.readAllBytes(tmp.resolve("edge.fcsb")));
        assertThat(Base64.getDecoder()
                        .decode(Files.readString(files.resolve("device.key")).strip()))
                .isEqualTo(bundle.deviceKeySeed());
        java.security.KeyStore device = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(files.resolve("device.p12"))) {
            device.load(in, "edge-store-pass".toCharArray());
        }
        assertThat(device.getCertificateChain("device")).containsExactlyElementsOf(bundle.certificates());
        var keyManagers = javax.net.ssl.KeyManagerFactory.getInstance("SunX509");
        keyManagers.init(device, "edge-store-pass".toCharArray());
        var x509 = (javax.net.ssl.X509KeyManager) keyManagers.getKeyManagers()[0];
        assertThat(x509.getPrivateKey("device").getAlgorithm()).isIn("Ed25519", "EdDSA");
        assertThat(x509.getPrivateKey("device").getEncoded()).endsWith(bundle.deviceKeySeed());
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(files.resolve("trust.p12"))) {
            trust.load(in, "edge-store-pass".toCharArray());
        }
        assertThat(trust.getCertificate("festival-ca")).isEqualTo(keys().caCertificate());
        java.util.Properties config = new java.util.Properties();
        try (var in = Files.newInputStream(files.resolve("edge.properties"))) {
            config.load(in);
        }
        assertThat(config.getProperty("edge-id")).isEqualTo(id.toString());
        assertThat(config.getProperty("zone")).isEqualTo(ZONE);
        assertThat(config.getProperty("festival")).isEqualTo(FESTIVAL);
        assertThat(config.getProperty("tls-keystore"))
                .isEqualTo(files.resolve("device.p12").toAbsolutePath().toString());
        assertThat(config.getProperty("tls-truststore-password")).isEqualTo("edge-store-pass");
        assertThat(config.getProperty("central-url")).isEqualTo(central.url());
    }

    @Test
    void aDeviceMadeKeyIsCertifiedFromItsCsrAndNeverLeavesTheDevice() throws Exception {
        KeyPair device = ed25519();
        Path csr = csr(device, device);
        UUID id = UUID.randomUUID();

        Cli.Result result = cli.run(
                "enrol", "terminal", "--mode", "gate", "--zone", ZONE, "--id", id.toString(), "--csr", csr.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        ConfigBundle bundle = redeem(id);
        assertThat(bundle.deviceKey()).isEmpty();
        assertThat(bundle.deviceCertificate().getPublicKey().getEncoded())
                .isEqualTo(device.getPublic().getEncoded());
        validatesAgainst(keys().caCertificate(), bundle.certificates());
    }

    @Test
    void aCsrSignedByAnotherKeyIsRefusedAndNothingIsWrittenOrRegistered() throws Exception {
        Path csr = csr(ed25519(), ed25519());
        UUID id = UUID.randomUUID();

        Cli.Result result = cli.run(
                "enrol", "terminal", "--mode", "gate", "--zone", ZONE, "--id", id.toString(), "--csr", csr.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("proof of possession");
        assertThat(outDir().resolve(id.toString())).doesNotExist();
        assertThat(central.calls()).isEmpty();
    }

    @Test
    void aServedTokenWorksOnceThenIsRefused() {
        UUID id = UUID.randomUUID();
        try (EnrolmentServer server = new EnrolmentServer(
                        keysDir(), java.time.Clock.fixed(cli.now(), java.time.ZoneOffset.UTC))
                .start("127.0.0.1", 0)) {
            Cli.Result enrolled = cli.run(
                    "enrol",
                    "terminal",
                    "--mode",
                    "kiosk",
                    "--zone",
                    ZONE,
                    "--id",
                    id.toString(),
                    "--enrolment-url",
                    "http://127.0.0.1:" + server.port() + "/enrol/");
            assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();
            Path qrImage = outDir().resolve(id.toString()).resolve(Enrolment.QR_PNG);
            assertThat(server.pending()).isEqualTo(1);

            Cli.Result first = cli.run(
                    "enrol",
                    "redeem",
                    "--qr-image",
                    qrImage.toString(),
                    "--out",
                    tmp.resolve("a.bundle").toString());
            Cli.Result second = cli.run(
                    "enrol",
                    "redeem",
                    "--qr-image",
                    qrImage.toString(),
                    "--out",
                    tmp.resolve("b.bundle").toString());

            assertThat(first.exitCode()).as(first.toString()).isZero();
            assertThat(second.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(second.err()).contains("used");
            assertThat(tmp.resolve("b.bundle")).doesNotExist();
            assertThat(server.pending()).isZero();
        }
    }

    @Test
    void anExpiredTokenIsRefusedByTheDeviceAndByTheServer() throws Exception {
        UUID id = UUID.randomUUID();
        try (EnrolmentServer server = new EnrolmentServer(
                        keysDir(), java.time.Clock.fixed(cli.now().plus(Duration.ofHours(1)), java.time.ZoneOffset.UTC))
                .start("127.0.0.1", 0)) {
            Cli.Result enrolled = cli.run(
                    "enrol",
                    "terminal",
                    "--mode",
                    "pos",
                    "--zone",
                    ZONE,
                    "--id",
                    id.toString(),
                    "--token-ttl",
                    "PT10M",
                    "--enrolment-url",
                    "http://127.0.0.1:" + server.port() + "/enrol/");
            assertThat(enrolled.exitCode()).isZero();
            String qr = Files.readString(outDir().resolve(id.toString()).resolve(Enrolment.QR_TEXT))
                    .strip();

            Cli.Result late = cli.at(cli.now().plus(Duration.ofMinutes(11)))
                    .run(
                            "enrol",
                            "redeem",
                            "--qr",
                            qr,
                            "--out",
                            tmp.resolve("late.bundle").toString());
            assertThat(late.exitCode()).isEqualTo(ExitCodes.REFUSED);
            assertThat(late.err()).contains("expired");

            assertThat(server.take(EnrolmentQr.parse(qr).tokenText()))
                    .isEqualTo(new EnrolmentServer.Outcome.Refused(410, "expired"));
            assertThat(tmp.resolve("late.bundle")).doesNotExist();
        }
    }

    @Test
    void theQrImageCarriesTheQrText() throws Exception {
        UUID id = UUID.randomUUID();
        cli.run("enrol", "terminal", "--mode", "pos", "--zone", ZONE, "--id", id.toString());
        Path dir = outDir().resolve(id.toString());

        String fromImage = QrCodes.decode(Files.readAllBytes(dir.resolve(Enrolment.QR_PNG)));

        assertThat(fromImage)
                .isEqualTo(Files.readString(dir.resolve(Enrolment.QR_TEXT)).strip());
        assertThat(EnrolmentQr.parse(fromImage).caFingerprint()).isEqualTo(keys().caFingerprint());
    }

    @Test
    void centralRefusingTheDeviceLeavesNoEnrolmentBehind() {
        central.refuseWith(409);
        UUID id = UUID.randomUUID();

        Cli.Result result = cli.run("enrol", "terminal", "--mode", "pos", "--zone", ZONE, "--id", id.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CENTRAL_REFUSED);
        assertThat(result.err()).contains("409").contains("refused_for_test");
        assertThat(outDir().resolve(id.toString())).doesNotExist();
        assertThat(keysDir().resolve("devices").resolve(id + ".properties")).doesNotExist();
        assertThat(new EnrolmentServer(keysDir(), java.time.Clock.systemUTC()).pending())
                .isZero();
    }

    @Test
    void centralUnreachableIsAnIoFailureAndLeavesNoEnrolmentBehind() throws Exception {
        UUID id = UUID.randomUUID();

        Cli.Result result = cli.env("FCS_CENTRAL", "http://127.0.0.1:9")
                .run("enrol", "terminal", "--mode", "pos", "--zone", ZONE, "--id", id.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.IO);
        assertThat(result.err()).contains("central unreachable");
        assertThat(outDir().resolve(id.toString())).doesNotExist();
        try (var files = Files.list(outDir().toFile().exists() ? outDir() : tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aLoginGivesTheTokenWhenNoneIsConfigured() throws Exception {
        Path password = tmp.resolve("central-password");
        Files.writeString(password, "admin-password\n");
        UUID id = UUID.randomUUID();

        Cli.Result result = cli.env("FCS_CENTRAL_TOKEN", null)
                .run(
                        "enrol",
                        "terminal",
                        "--mode",
                        "pos",
                        "--zone",
                        ZONE,
                        "--id",
                        id.toString(),
                        "--central-email",
                        "admin@fest.example",
                        "--central-password-file",
                        password.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(central.calls("POST", "/auth/login")).hasSize(1);
        assertThat(central.calls("POST", "/admin/festivals/").get(0).authorization())
                .isEqualTo("Bearer " + FakeCentral.TOKEN);
    }

    @Test
    void theSameDeviceIsNotEnrolledTwice() {
        UUID id = UUID.randomUUID();
        cli.run("enrol", "terminal", "--mode", "pos", "--zone", ZONE, "--id", id.toString());

        Cli.Result again = cli.run("enrol", "terminal", "--mode", "pos", "--zone", ZONE, "--id", id.toString());

        assertThat(again.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(central.calls("POST", "/admin/festivals/")).hasSize(1);
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertThat(cli.run("enrol", "terminal", "--mode", "bar", "--zone", ZONE).exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("enrol", "terminal", "--mode", "pos", "--zone", "zone-1")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("enrol", "edge").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("enrol").exitCode()).isEqualTo(ExitCodes.USAGE);
        Cli.Result badMode = cli.run("enrol", "terminal", "--mode", "bar", "--zone", ZONE);
        assertThat(badMode.err().strip())
                .startsWith("error: Invalid value for option '--mode'")
                .endsWith("(see: provisioning enrol terminal --help)")
                .doesNotContain("\n");
        assertThat(cli.run("enrol", "terminal", "--help").out())
                .contains("--mode")
                .contains("--csr");
        assertThat(cli.run("serve-enrolment", "--help").out()).contains("--port");
        assertThat(cli.run("enrol", "redeem", "--help").out()).contains("--qr-image");
    }

    static KeyPair ed25519() throws Exception {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    /** A CSR for {@code subjectKey}'s public key, signed with {@code signingKey}'s private key. */
    Path csr(KeyPair subjectKey, KeyPair signingKey) throws Exception {
        var request = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"), subjectKey.getPublic())
                .build(new JcaContentSignerBuilder("Ed25519").build(signingKey.getPrivate()));
        StringWriter text = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(text)) {
            pem.writeObject(request);
        }
        Path file = tmp.resolve("device-" + UUID.randomUUID() + ".csr");
        Files.writeString(file, text.toString());
        return file;
    }
}
