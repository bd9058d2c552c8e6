package io.fcs.provisioning.keys;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.value.FestivalId;
import io.fcs.provisioning.Cli;
import io.fcs.provisioning.ExitCodes;
import io.fcs.provisioning.FakeCentral;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysCommandTest {

    static final String FESTIVAL = "6f1c0c4e-3b0a-4c2e-9d51-0a6f2d6b1e01";

    @TempDir
    Path tmp;

    Path keysDir() {
        return tmp.resolve("keys");
    }

    Cli.Result init(Cli cli) {
        return cli.run(
                "keys", "init", "--festival", FESTIVAL, "--dir", keysDir().toString());
    }

    @Test
    void initCreatesAPasswordProtectedStoreWithCaTicketKeyAndWristbandMaster() throws Exception {
        Cli cli = new Cli(tmp);
        Cli.Result result = init(cli);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(keysDir().resolve(FestivalKeys.STORE)).exists();
        assertThat(keysDir().resolve(FestivalKeys.CA_PEM)).exists();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(Files.newInputStream(keysDir().resolve(FestivalKeys.STORE)), Cli.PASSWORD.toCharArray());
        assertThat(store.isKeyEntry("ca")).isTrue();
        assertThat(store.isKeyEntry("wristband-master")).isTrue();
        assertThat(java.util.Collections.list(store.aliases())).anyMatch(a -> a.startsWith("ticket-"));

        FestivalKeys keys = FestivalKeys.open(keysDir(), Cli.PASSWORD.toCharArray());
        assertThat(keys.festivalId()).isEqualTo(FestivalId.parse(FESTIVAL));
        assertThat(keys.wristbandMasterKey()).hasSize(16);
        assertThat(keys.caCertificate().getBasicConstraints()).isZero();
        keys.caCertificate().verify(keys.caCertificate().getPublicKey());
    }

    @Test
    void showPrintsFingerprintsButNeverASecret() {
        Cli cli = new Cli(tmp);
        init(cli);
        FestivalKeys keys = FestivalKeys.open(keysDir(), Cli.PASSWORD.toCharArray());

        Cli.Result result = cli.env("FCS_PASSWORD_FILE", null)
                .run("keys", "show", "--dir", keysDir().toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        TicketKey ticketKey = keys.ticketKeys().get(0);
        assertThat(result.out())
                .contains(FESTIVAL)
                .contains(keys.caFingerprint())
                .contains(ticketKey.publicKey().fingerprint())
                .contains(keys.wristbandMasterCheckValue())
                .doesNotContain(Bytes.hex(ticketKey.signingKey().seed()))
                .doesNotContain(java.util.Base64.getEncoder()
                        .encodeToString(ticketKey.signingKey().seed()))
                .doesNotContain(Bytes.hex(keys.wristbandMasterKey()));
    }

    @Test
    void initRefusesToOverwriteAnExistingStore() throws Exception {
        Cli cli = new Cli(tmp);
        init(cli);
        byte[] before = Files.readAllBytes(keysDir().resolve(FestivalKeys.STORE));

        Cli.Result again = init(cli);

        assertThat(again.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err()).contains("already exist");
        assertThat(Files.readAllBytes(keysDir().resolve(FestivalKeys.STORE))).isEqualTo(before);
    }

    @Test
    void passwordComesFromTheEnvironmentWhenNoFileIsGiven() {
        Cli cli = new Cli(tmp).env("FCS_PASSWORD_FILE", null).env("FCS_KEYSTORE_PASSWORD", "from the environment");

        assertThat(init(cli).exitCode()).isZero();
        assertThat(FestivalKeys.open(keysDir(), "from the environment".toCharArray())
                        .festivalId())
                .isEqualTo(FestivalId.parse(FESTIVAL));
    }

    @Test
    void withoutAnyPasswordSourceInitIsRefusedAndWritesNothing() {
        Cli cli = new Cli(tmp).env("FCS_PASSWORD_FILE", null);

        Cli.Result result = init(cli);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).contains("no key store password");
        assertThat(keysDir()).doesNotExist();
    }

    @Test
    void aShortPasswordIsRefused() throws Exception {
        Path shortFile = tmp.resolve("short.txt");
        Files.writeString(shortFile, "abc\n");
        Cli.Result result = new Cli(tmp)
                .run(
                        "keys",
                        "init",
                        "--festival",
                        FESTIVAL,
                        "--dir",
                        keysDir().toString(),
                        "--password-file",
                        shortFile.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(keysDir().resolve(FestivalKeys.STORE)).doesNotExist();
    }

    @Test
    void aWrongPasswordIsRefusedWithAOneLineMessage() throws Exception {
        Cli cli = new Cli(tmp);
        init(cli);
        Path wrong = tmp.resolve("wrong.txt");
        Files.writeString(wrong, "not the password\n");

        Cli.Result result = cli.run(
                "keys",
                "rotate-ticket-key",
                "--overlap",
                "P1D",
                "--dir",
                keysDir().toString(),
                "--password-file",
                wrong.toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err().strip()).startsWith("error: wrong password").doesNotContain("\n");
    }

    @Test
    void aCorruptKeyStoreIsRefused() throws Exception {
        Cli cli = new Cli(tmp);
        init(cli);
        Path store = keysDir().resolve(FestivalKeys.STORE);
        byte[] bytes = Files.readAllBytes(store);
        Files.write(store, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        Cli.Result result = cli.run(
                "keys",
                "rotate-ticket-key",
                "--overlap",
                "P1D",
                "--dir",
                keysDir().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(result.err()).startsWith("error: ");
    }

    @Test
    void aBadFestivalIdIsAUsageError() {
        Cli.Result result = new Cli(tmp)
                .run(
                        "keys",
                        "init",
                        "--festival",
                        "not-a-uuid",
                        "--dir",
                        keysDir().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(keysDir()).doesNotExist();
    }

    @Test
    void rotationKeepsTheOldKeyValidForTheOverlapAndInstallsBothAtCentral() {
        try (FakeCentral central = new FakeCentral()) {
            Cli cli = new Cli(tmp);
            init(cli);
            String oldId = FestivalKeys.open(keysDir(), Cli.PASSWORD.toCharArray())
                    .ticketKeys()
                    .get(0)
                    .keyId();
            Instant later = cli.now().plus(Duration.ofDays(3));

            Cli.Result result = cli.at(later)
                    .run(
                            "keys",
                            "rotate-ticket-key",
                            "--overlap",
                            "P2D",
                            "--push",
                            "--dir",
                            keysDir().toString(),
                            "--central",
                            central.url(),
                            "--central-token",
                            FakeCentral.TOKEN);

            assertThat(result.exitCode()).as(result.toString()).isZero();
            FestivalKeys keys = FestivalKeys.open(keysDir(), Cli.PASSWORD.toCharArray());
            assertThat(keys.ticketKeys()).hasSize(2);
            TicketKey old = keys.ticketKeys().stream()
                    .filter(k -> k.keyId().equals(oldId))
                    .findFirst()
                    .orElseThrow();
            assertThat(old.validUntil()).isEqualTo(later.plus(Duration.ofDays(2)));
            TicketKey current = keys.currentTicketKey(later);
            assertThat(current.keyId()).isNotEqualTo(oldId);
            assertThat(current.validUntil()).isNull();
            assertThat(old.validAt(later.plus(Duration.ofDays(1)))).isTrue();
            assertThat(old.validAt(later.plus(Duration.ofDays(2)))).isFalse();

            var puts = central.calls("PUT", "/admin/festivals/" + FESTIVAL + "/ticket-keys/");
            assertThat(puts).hasSize(2);
            var newPut = puts.stream()
                    .filter(c -> c.path().endsWith(current.keyId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(java.util.Base64.getDecoder()
                            .decode(newPut.body().path("privateKey").asString()))
                    .isEqualTo(current.signingKey().seed());
            assertThat(newPut.body().has("validUntil")).isFalse();
            var oldPut = puts.stream()
                    .filter(c -> c.path().endsWith(oldId))
                    .findFirst()
                    .orElseThrow();
            assertThat(oldPut.body().path("validUntil").asString())
                    .isEqualTo(later.plus(Duration.ofDays(2)).toString());
        }
    }

    @Test
    void rotationIsNotSavedWhenCentralCannotBeReachedBeforehand() throws Exception {
        Cli cli = new Cli(tmp);
        init(cli);
        byte[] before = Files.readAllBytes(keysDir().resolve(FestivalKeys.STORE));

        Cli.Result result = cli.run(
                "keys",
                "rotate-ticket-key",
                "--overlap",
                "P2D",
                "--push",
                "--dir",
                keysDir().toString(),
                "--central",
                "http://127.0.0.1:9",
                "--central-email",
                "admin@fest.example",
                "--central-password-file",
                cli.passwordFile().toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.IO);
        assertThat(result.err()).contains("central unreachable");
        assertThat(Files.readAllBytes(keysDir().resolve(FestivalKeys.STORE))).isEqualTo(before);
    }

    @Test
    void pushInstallsTheKeysAtCentralAndAFailedPushAfterRotationSaysHowToRepeatIt() {
        try (FakeCentral central = new FakeCentral()) {
            Cli cli = new Cli(tmp)
                    .env("FCS_KEYS_DIR", keysDir().toString())
                    .env("FCS_CENTRAL", central.url())
                    .env("FCS_CENTRAL_TOKEN", FakeCentral.TOKEN);
            init(cli);
            central.refuseWith(500);

            Cli.Result rotate = cli.run("keys", "rotate-ticket-key", "--overlap", "P1D", "--push");

            assertThat(rotate.exitCode()).isEqualTo(ExitCodes.CENTRAL_REFUSED);
            assertThat(rotate.err()).contains("keys push-ticket-keys");
            central.refuseWith(0);
            Cli.Result push = cli.run("keys", "push-ticket-keys");
            assertThat(push.exitCode()).as(push.toString()).isZero();
            assertThat(central.calls("PUT", "/admin/festivals/" + FESTIVAL + "/ticket-keys/").stream()
                            .filter(c -> c.body() != null)
                            .map(c -> c.path())
                            .distinct())
                    .hasSize(2);
        }
    }

    @Test
    void everyKeysCommandPrintsHelp() {
        Cli cli = new Cli(tmp);
        for (String command : new String[] {"init", "show", "rotate-ticket-key", "push-ticket-keys"}) {
            Cli.Result result = cli.run("keys", command, "--help");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).contains("Usage:").contains("--dir");
        }
    }
}
