package io.fcs.provisioning.wristband;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.reader.Fault;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.tag.TagUid;
import io.fcs.provisioning.Cli;
import io.fcs.provisioning.ExitCodes;
import io.fcs.provisioning.FakeCentral;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WristbandCommandTest {

    static final String FESTIVAL = "6f1c0c4e-3b0a-4c2e-9d51-0a6f2d6b1e01";

    @TempDir
    static Path shared;

    @TempDir
    Path tmp;

    Cli cli;
    FakeCentral central;
    final Random random = new Random(42);

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
        Files.createDirectories(tmp.resolve("keys"));
        try (var files = Files.list(shared.resolve("keys"))) {
            for (Path file : files.toList()) {
                Files.copy(file, tmp.resolve("keys").resolve(file.getFileName()));
            }
        }
        central = new FakeCentral();
        cli = new Cli(tmp)
                .env("FCS_KEYS_DIR", tmp.resolve("keys").toString())
                .env("FCS_CENTRAL", central.url())
                .env("FCS_CENTRAL_TOKEN", FakeCentral.TOKEN)
                .env("FCS_READER", "simulated")
                .env("FCS_TAG_TIMEOUT", "PT0.2S")
                .env("FCS_JOURNAL", tmp.resolve("batch.journal").toString());
    }

    @AfterEach
    void stopCentral() {
        central.close();
    }

    List<SimulatedTag> blankTags(int n) {
        List<SimulatedTag> tags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tags.add(SimulatedTag.aesClass(SimulatedTag.randomUid(random)));
        }
        return tags;
    }

    List<String> registeredUids() {
        return central.calls("POST", "/admin/festivals/" + FESTIVAL + "/wristbands").stream()
                .map(c -> c.body().path("uid").asString())
                .toList();
    }

    @Test
    void aBatchEncodesVerifiesAndRegistersEachWristband() {
        List<SimulatedTag> tags = blankTags(3);
        cli.wristbands(SimulatedWristbands.of(tags, Map.of()));

        Cli.Result result = cli.run("wristband", "encode", "--count", "3");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(registeredUids())
                .containsExactly(
                        tags.get(0).uid().hex(),
                        tags.get(1).uid().hex(),
                        tags.get(2).uid().hex());
        assertThat(central.calls("POST", "/admin/festivals/")
                        .get(0)
                        .body()
                        .path("profile")
                        .asString())
                .isEqualTo("AES_CLASS");
        assertThat(result.out()).contains("wristbands [").contains("3/3").contains("batch complete");
        for (SimulatedTag tag : tags) {
            cli.wristbands(SimulatedWristbands.of(List.of(tag), Map.of()));
            Cli.Result inspect = cli.run("wristband", "inspect");
            assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
            assertThat(inspect.out()).contains(tag.uid().hex()).contains("blank: encoded for this festival");
        }
    }

    @Test
    void anUnpluggedReaderStopsTheBatchAndTheRerunResumesWithoutEncodingATagTwice() throws Exception {
        List<SimulatedTag> tags = blankTags(4);
        cli.wristbands(SimulatedWristbands.of(tags, Map.of(2, Fault.READER_UNPLUGGED)));

        Cli.Result first = cli.run("wristband", "encode", "--count", "4");

        assertThat(first.exitCode()).isEqualTo(ExitCodes.IO);
        assertThat(first.err()).contains("unplugged").contains("2 of 4 encoded").contains("resume");
        assertThat(Files.readString(tmp.resolve("batch.journal")).lines().filter(l -> l.contains(" REGISTERED ")))
                .hasSize(2);

        // the operator replugs and lays the tags again, the first one included
        List<SimulatedTag> again = List.of(tags.get(0), tags.get(2), tags.get(3));
        cli.wristbands(SimulatedWristbands.of(again, Map.of()));
        Cli.Result resumed = cli.run("wristband", "encode", "--count", "4");

        assertThat(resumed.exitCode()).as(resumed.toString()).isZero();
        assertThat(resumed.out()).contains("already encoded by this batch");
        assertThat(registeredUids())
                .containsExactly(
                        tags.get(0).uid().hex(),
                        tags.get(1).uid().hex(),
                        tags.get(2).uid().hex(),
                        tags.get(3).uid().hex());
    }

    @Test
    void aTagOfAnUnknownTypeIsRefusedWithAClearMessage() {
        SimulatedTag stranger =
                SimulatedTag.unknown(TagUid.fromHex("04a1b2c3d4e5f6"), new byte[] {0, 1, 2, 3, 4, 5, 6, 7});
        cli.wristbands(SimulatedWristbands.of(List.of(stranger), Map.of()));

        Cli.Result encode = cli.run("wristband", "encode", "--count", "1");
        cli.wristbands(SimulatedWristbands.of(List.of(stranger), Map.of()));
        Cli.Result inspect = cli.run("wristband", "inspect");

        assertThat(encode.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(encode.err()).contains("unknown tag type");
        assertThat(inspect.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(inspect.err()).contains("unknown tag type");
        assertThat(registeredUids()).isEmpty();
    }

    @Test
    void aWristbandEncodedElsewhereIsNotWiped() {
        SimulatedTag tag = blankTags(1).get(0);
        cli.wristbands(SimulatedWristbands.of(List.of(tag), Map.of()));
        assertThat(cli.run("wristband", "encode", "--count", "1").exitCode()).isZero();

        cli.wristbands(SimulatedWristbands.of(List.of(tag), Map.of()))
                .env("FCS_JOURNAL", tmp.resolve("other.journal").toString());
        Cli.Result other = cli.run("wristband", "encode", "--count", "1");

        assertThat(other.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(other.err()).contains("ALREADY_INITIALISED");
    }

    @Test
    void aTicketWristbandIsRegisteredWithItsTicket() {
        UUID ticket = UUID.randomUUID();
        cli.wristbands(SimulatedWristbands.of(blankTags(1), Map.of()));

        Cli.Result result = cli.run("wristband", "encode", "--count", "1", "--ticket", ticket.toString());

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(central.calls("POST", "/admin/festivals/")
                        .get(0)
                        .body()
                        .path("ticketId")
                        .asString())
                .isEqualTo(ticket.toString());
    }

    @Test
    void centralRefusingKeepsTheTagEncodedInTheJournalAndTheRerunRegistersIt() throws Exception {
        List<SimulatedTag> tags = blankTags(1);
        cli.wristbands(SimulatedWristbands.of(tags, Map.of()));
        central.refuseWith(503);

        Cli.Result first = cli.run("wristband", "encode", "--count", "1");

        assertThat(first.exitCode()).isEqualTo(ExitCodes.CENTRAL_REFUSED);
        assertThat(Files.readString(tmp.resolve("batch.journal")))
                .contains(" ENCODED " + tags.get(0).uid().hex());

        central.refuseWith(0);
        cli.wristbands(SimulatedWristbands.of(List.of(), Map.of()));
        Cli.Result second = cli.run("wristband", "encode", "--count", "1");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).contains("batch already complete");
        assertThat(Files.readString(tmp.resolve("batch.journal")))
                .contains(" REGISTERED " + tags.get(0).uid().hex());
    }

    @Test
    void noWristbandWithinTheTimeoutIsAnIoFailure() {
        cli.wristbands(SimulatedWristbands.of(List.of(), Map.of()));

        Cli.Result result = cli.run("wristband", "encode", "--count", "2");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.IO);
        assertThat(result.err()).contains("no wristband on the reader").contains("0 of 2");
    }

    @Test
    void aJournalOfAnotherBatchIsRefused() {
        cli.wristbands(SimulatedWristbands.of(blankTags(1), Map.of()));
        assertThat(cli.run("wristband", "encode", "--count", "1").exitCode()).isZero();

        Cli.Result other = cli.run("wristband", "encode", "--count", "5");

        assertThat(other.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(other.err()).contains("belongs to another batch");
    }

    @Test
    void optionsAreChecked() {
        assertThat(cli.run("wristband", "encode", "--count", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run(
                                "wristband",
                                "encode",
                                "--count",
                                "2",
                                "--staff",
                                UUID.randomUUID().toString())
                        .exitCode())
                .isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("wristband", "encode", "--help").out())
                .contains("--journal")
                .contains("--reader");
        assertThat(cli.run("wristband", "inspect", "--help").exitCode()).isZero();
    }

    /** Writes a wallet state on an encoded tag as a terminal would. */
    void sell(
            SimulatedTag tag,
            io.fcs.protocol.value.TerminalId writer,
            io.fcs.protocol.crypto.Ed25519.SigningKey key,
            java.util.Set<io.fcs.protocol.tag.ChipFlag> flags,
            io.fcs.protocol.value.WalletId wallet)
            throws Exception {
        var keys = io.fcs.provisioning.keys.FestivalKeys.open(tmp.resolve("keys"), Cli.PASSWORD.toCharArray());
        var readers = io.fcs.protocol.reader.SimulatedReaders.of("till");
        readers.reader("till").present(tag);
        var card = readers.terminalFactory().terminals().list().get(0).connect("*");
        var session = io.fcs.protocol.reader.WristbandSession.open(
                card.getBasicChannel(),
                io.fcs.protocol.tag.WristbandKeys.of(keys.wristbandMasterKey(), keys.festivalId()),
                io.fcs.protocol.tag.WriterKeys.of(Map.of()));
        assertThat(session.read()).isInstanceOf(io.fcs.protocol.tag.TagReading.Blank.class);
        var content = new io.fcs.protocol.tag.ChipContent(
                keys.festivalId(),
                wallet,
                io.fcs.protocol.value.Money.eur(1250),
                io.fcs.protocol.value.RecordId.random(),
                flags,
                io.fcs.protocol.tag.OfflineAllowance.none(1, io.fcs.protocol.value.Currency.EUR));
        assertThat(session.write(content, writer, key)).isInstanceOf(io.fcs.protocol.reader.WriteOutcome.Written.class);
        readers.reader("till").remove();
    }

    @Test
    void inspectTellsAValidWalletABlockedWristbandAndAForgedOne() throws Exception {
        java.util.UUID terminal = java.util.UUID.randomUUID();
        Cli.Result enrolled = cli.run(
                "enrol",
                "terminal",
                "--mode",
                "pos",
                "--zone",
                "0b7e6a52-8f43-4d2b-a1c9-5e3f7d2c9a10",
                "--id",
                terminal.toString(),
                "--offline",
                "--out",
                tmp.resolve("out").toString());
        assertThat(enrolled.exitCode()).as(enrolled.toString()).isZero();
        Path dir = tmp.resolve("out").resolve(terminal.toString());
        assertThat(cli.run(
                                "enrol",
                                "redeem",
                                "--qr",
                                Files.readString(dir.resolve("enrolment-qr.txt"))
                                        .strip(),
                                "--sealed",
                                dir.resolve("bundle.sealed").toString(),
                                "--out",
                                tmp.resolve("t.bundle").toString())
                        .exitCode())
                .isZero();
        var bundle = io.fcs.protocol.enrol.ConfigBundle.parse(Files.readAllBytes(tmp.resolve("t.bundle")));
        List<SimulatedTag> tags = blankTags(3);
        cli.wristbands(SimulatedWristbands.of(tags, Map.of()));
        assertThat(cli.run("wristband", "encode", "--count", "3", "--offline").exitCode())
                .isZero();
        var wallet = io.fcs.protocol.value.WalletId.random();
        sell(tags.get(0), bundle.terminalId(), bundle.deviceKey().orElseThrow(), java.util.Set.of(), wallet);
        sell(
                tags.get(1),
                bundle.terminalId(),
                bundle.deviceKey().orElseThrow(),
                java.util.Set.of(io.fcs.protocol.tag.ChipFlag.BLOCKED),
                wallet);
        sell(
                tags.get(2),
                io.fcs.protocol.value.TerminalId.random(),
                io.fcs.protocol.crypto.Ed25519.generate(),
                java.util.Set.of(),
                wallet);

        String[] verdicts = new String[3];
        for (int i = 0; i < 3; i++) {
            cli.wristbands(SimulatedWristbands.of(List.of(tags.get(i)), Map.of()));
            Cli.Result inspect = cli.run("wristband", "inspect");
            assertThat(inspect.exitCode()).as(inspect.toString()).isZero();
            verdicts[i] = inspect.out();
        }

        assertThat(verdicts[0])
                .contains("verdict  valid")
                .contains(wallet.toString())
                .contains("written by " + terminal);
        assertThat(verdicts[1]).contains("verdict  blocked");
        assertThat(verdicts[2]).contains("verdict  forged").contains("UNKNOWN_WRITER");
    }
}
