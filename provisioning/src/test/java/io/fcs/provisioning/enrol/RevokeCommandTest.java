package io.fcs.provisioning.enrol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.provisioning.Cli;
import io.fcs.provisioning.ExitCodes;
import io.fcs.provisioning.FakeCentral;
import io.fcs.provisioning.keys.FestivalKeys;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RevokeCommandTest {

    static final String FESTIVAL = "6f1c0c4e-3b0a-4c2e-9d51-0a6f2d6b1e01";
    static final String ZONE = "0b7e6a52-8f43-4d2b-a1c9-5e3f7d2c9a10";

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    Cli cli;
    FakeCentral central;
    static final UUID terminal = UUID.randomUUID();
    static final UUID edge = UUID.randomUUID();

    /** One ceremony and two enrolments for the class; each test works on a copy. */
    @BeforeAll
    static void enrolTwoDevices() {
        Cli setup = new Cli(shared)
                .env("FCS_KEYS_DIR", shared.resolve("keys").toString())
                .env("FCS_OUT", shared.resolve("out").toString())
                .env("FCS_OFFLINE", "true");
        assertThat(setup.run("keys", "init", "--festival", FESTIVAL).exitCode()).isZero();
        assertThat(setup.run("enrol", "terminal", "--mode", "pos", "--zone", ZONE, "--id", terminal.toString())
                        .exitCode())
                .isZero();
        assertThat(setup.run("enrol", "edge", "--zone", ZONE, "--id", edge.toString())
                        .exitCode())
                .isZero();
    }

    @BeforeEach
    void copy() throws Exception {
        for (String dir : new String[] {"keys", "out"}) {
            try (var files = Files.walk(shared.resolve(dir))) {
                for (Path file : files.toList()) {
                    Path target = tmp.resolve(shared.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        }
        central = new FakeCentral();
        cli = new Cli(tmp)
                .env("FCS_KEYS_DIR", tmp.resolve("keys").toString())
                .env("FCS_CENTRAL", central.url())
                .env("FCS_CENTRAL_TOKEN", FakeCentral.TOKEN)
                .env("FCS_OUT", tmp.resolve("out").toString());
    }

    @AfterEach
    void stopCentral() {
        central.close();
    }

    X509Certificate certificateOf(UUID id) throws Exception {
        byte[] pem =
                Files.readAllBytes(tmp.resolve("out").resolve(id.toString()).resolve(Enrolment.CERTIFICATE));
        return (X509Certificate)
                CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem));
    }

    X509CRL crl() throws Exception {
        byte[] pem = Files.readAllBytes(tmp.resolve("keys").resolve(RevokeCommand.CRL));
        return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(pem));
    }

    @Test
    void aRevokedTerminalIsToldToCentralAndListedInTheCaSignedRevocationList() throws Exception {
        Cli.Result result = cli.run("revoke", "terminal", terminal.toString(), "--reason", "stolen from bar 3");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        var calls = central.calls("POST", "/admin/devices/" + terminal + "/revocation");
        assertThat(calls).hasSize(1);
        assertThat(calls.get(0).body().path("reason").asString()).isEqualTo("stolen from bar 3");
        assertThat(calls.get(0).body().path("revokedAt").asString())
                .isEqualTo(cli.now().toString());

        X509CRL crl = crl();
        X509Certificate ca = FestivalKeys.open(tmp.resolve("keys"), Cli.PASSWORD.toCharArray())
                .caCertificate();
        crl.verify(ca.getPublicKey());
        assertThat(crl.isRevoked(certificateOf(terminal))).isTrue();
        assertThat(crl.isRevoked(certificateOf(edge))).isFalse();
    }

    @Test
    void revokingAgainChangesNothing() throws Exception {
        cli.run("revoke", "terminal", terminal.toString(), "--reason", "stolen");
        byte[] before = Files.readAllBytes(tmp.resolve("keys").resolve(RevokeCommand.CRL));

        Cli.Result again = cli.run("revoke", "terminal", terminal.toString(), "--reason", "stolen");

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("already revoked");
        assertThat(Files.readAllBytes(tmp.resolve("keys").resolve(RevokeCommand.CRL)))
                .isEqualTo(before);
        assertThat(central.calls("POST", "/admin/devices/")).hasSize(1);
    }

    @Test
    void theListKeepsEarlierRevocations() throws Exception {
        cli.run("revoke", "terminal", terminal.toString(), "--reason", "stolen");
        Cli.Result result = cli.run("revoke", "edge", edge.toString(), "--reason", "decommissioned");

        assertThat(result.exitCode()).isZero();
        assertThat(crl().isRevoked(certificateOf(terminal))).isTrue();
        assertThat(crl().isRevoked(certificateOf(edge))).isTrue();
    }

    @Test
    void centralRefusingLeavesTheLocalListUnchanged() {
        central.refuseWith(403);

        Cli.Result result = cli.run("revoke", "terminal", terminal.toString(), "--reason", "stolen");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.CENTRAL_REFUSED);
        assertThat(result.err()).startsWith("error: central refused");
        assertThat(tmp.resolve("keys").resolve(RevokeCommand.CRL)).doesNotExist();
    }

    @Test
    void anUnknownDeviceOrTheWrongKindIsRefused() {
        Cli.Result unknown = cli.run("revoke", "terminal", UUID.randomUUID().toString(), "--reason", "x");
        Cli.Result wrongKind = cli.run("revoke", "edge", terminal.toString(), "--reason", "x");

        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(wrongKind.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(wrongKind.err()).contains("is a terminal");
        assertThat(central.calls("POST", "/admin/devices/")).isEmpty();
    }

    @Test
    void aMissingReasonIsAUsageError() {
        assertThat(cli.run("revoke", "terminal", terminal.toString()).exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("revoke", "printer", terminal.toString(), "--reason", "x")
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
    }
}
