package io.fcs.provisioning.wristband;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.testing.VirtualReaderPcscd;
import io.fcs.protocol.testing.VpcdCard;
import io.fcs.provisioning.Cli;
import io.fcs.provisioning.FakeCentral;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wristband encode} and {@code wristband inspect} through the real PC/SC stack: Debian's
 * pcscd in the foreground with vsmartcard's virtual reader driver (vpcd) on a free port, blank
 * simulated wristbands laid on it and taken off as an operator would, the command talking
 * {@code javax.smartcardio} PC/SC to pcscd.
 */
class WristbandPcscIT {

    static final String FESTIVAL = "6f1c0c4e-3b0a-4c2e-9d51-0a6f2d6b1e01";
    static final String READER = "Virtual PCD";
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    private VirtualReaderPcscd pcscd;
    private int port;
    private FakeCentral central;
    private Cli cli;

    @BeforeEach
    void startPcscd() throws Exception {
        pcscd = VirtualReaderPcscd.start(dir, READER);
        port = pcscd.port();
        central = new FakeCentral();
        cli = new Cli(dir)
                .env("FCS_KEYS_DIR", dir.resolve("keys").toString())
                .env("FCS_CENTRAL", central.url())
                .env("FCS_CENTRAL_TOKEN", FakeCentral.TOKEN)
                .env("FCS_READER", "pcsc")
                .env("FCS_READER_NAME", READER)
                .env("FCS_TAG_TIMEOUT", "PT30S")
                .env("FCS_JOURNAL", dir.resolve("batch.journal").toString());
        Cli.Result init = cli.run("keys", "init", "--festival", FESTIVAL);
        assertThat(init.exitCode()).as(init.toString()).isZero();
        TagSource.pcscLibrary();
        await("pcscd lists the virtual reader", () -> readerListed());
    }

    private static boolean readerListed() {
        try {
            return TerminalFactory.getInstance("PC/SC", null).terminals().list().stream()
                    .map(CardTerminal::getName)
                    .anyMatch(name -> name.contains(READER));
        } catch (Exception e) {
            return false;
        }
    }

    @AfterEach
    void stop() throws Exception {
        if (pcscd != null) {
            pcscd.close();
        }
        if (central != null) {
            central.close();
        }
    }

    @Test
    void aBatchIsEncodedThroughPcscdAndEachWristbandInspectsAsEncodedForTheFestival() throws Exception {
        Random random = new Random(11);
        List<SimulatedTag> tags = List.of(
                SimulatedTag.aesClass(SimulatedTag.randomUid(random)),
                SimulatedTag.aesClass(SimulatedTag.randomUid(random)));
        StringWriter encodeOut = new StringWriter();
        CompletableFuture<Cli.Result> encode =
                CompletableFuture.supplyAsync(() -> cli.run(encodeOut, "wristband", "encode", "--count", "2"));

        for (int i = 0; i < tags.size(); i++) {
            int registered = i + 1;
            try (VpcdCard card = VpcdCard.lay(tags.get(i), port)) {
                await(
                        "wristband " + registered + " registered at central",
                        () -> registeredUids().size() >= registered || encode.isDone());
                assertThat(card.apdus()).isPositive();
            }
        }
        Cli.Result batch = encode.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        assertThat(batch.exitCode()).as(batch.toString()).isZero();
        assertThat(batch.out())
                .contains("lay the wristbands one by one on " + READER)
                .contains("batch complete");
        assertThat(registeredUids())
                .containsExactly(tags.get(0).uid().hex(), tags.get(1).uid().hex());
        assertThat(Files.readString(dir.resolve("batch.journal")))
                .contains(tags.get(0).uid().hex())
                .contains(tags.get(1).uid().hex());

        StringWriter inspectOut = new StringWriter();
        CompletableFuture<Cli.Result> inspect =
                CompletableFuture.supplyAsync(() -> cli.run(inspectOut, "wristband", "inspect"));
        try (VpcdCard card = VpcdCard.lay(tags.get(0), port)) {
            await("the wristband read", () -> inspectOut.toString().contains("verdict ") || inspect.isDone());
        }
        Cli.Result read = inspect.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.out())
                .contains("uid      " + tags.get(0).uid().hex())
                .contains("verdict  blank: encoded for this festival");
    }

    private List<String> registeredUids() {
        return central.calls("POST", "/admin/festivals/" + FESTIVAL + "/wristbands").stream()
                .map(c -> c.body().path("uid").asString())
                .toList();
    }

    private static void await(String what, BooleanSupplier check) throws InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (check.getAsBoolean()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not reached within " + PATIENCE + ": " + what);
    }
}
