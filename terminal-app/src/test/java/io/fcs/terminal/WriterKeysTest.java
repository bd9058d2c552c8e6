package io.fcs.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import io.fcs.terminal.device.nfc.ChipRead;
import io.fcs.terminal.device.nfc.SimulatedNfcReader;
import io.fcs.terminal.store.TerminalStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A wristband another terminal of the festival wrote reads as valid once that terminal's key is known. */
class WriterKeysTest {

    private static final Duration WAIT = Duration.ofMillis(200);
    private static final TerminalId OTHER = TerminalId.random();
    private static final Ed25519.SigningKey OTHER_KEY = Ed25519.generate();

    @TempDir
    Path dir;

    private static ChipRead read(SimulatedNfcReader reader) {
        return reader.withWristband(WAIT, band -> band.read()).orElseThrow();
    }

    @Test
    void wristbandWrittenByAnotherTerminalIsForgedUntilItsWriterKeyIsGivenThenValidAfterARestart() {
        String writerKey = OTHER + ":"
                + Base64.getEncoder().encodeToString(OTHER_KEY.verificationKey().encoded());
        try (TerminalStore store = TerminalStore.open(dir)) {
            TerminalIdentity identity = TerminalIdentity.resolve(new TerminalOptions(), store);
            SimulatedNfcReader reader = new SimulatedNfcReader(ProtocolAdapters.nfcKeys(identity, store));
            reader.issue(TagUid.fromHex("04aabbccddeeff"), WalletId.random(), Money.eur(1000), OTHER, OTHER_KEY);

            assertThat(read(reader)).isInstanceOfSatisfying(ChipRead.Unusable.class, u -> assertThat(u.problem())
                    .isEqualTo(ChipRead.Problem.FORGED));

            TerminalOptions options = new TerminalOptions();
            options.writerKeys = new String[] {writerKey};
            TerminalIdentity.resolve(options, store);

            assertThat(read(reader)).isInstanceOf(ChipRead.Valid.class);
        }
        try (TerminalStore store = TerminalStore.open(dir)) {
            TerminalIdentity identity = TerminalIdentity.resolve(new TerminalOptions(), store);
            SimulatedNfcReader reader = new SimulatedNfcReader(ProtocolAdapters.nfcKeys(identity, store));
            reader.issue(TagUid.fromHex("04aabbccddee00"), WalletId.random(), Money.eur(1000), OTHER, OTHER_KEY);

            assertThat(read(reader)).isInstanceOf(ChipRead.Valid.class);
        }
    }

    @Test
    void writerKeyDownlinkedInTheZoneConfigurationIsTrusted() {
        try (TerminalStore store = TerminalStore.open(dir)) {
            TerminalIdentity identity = TerminalIdentity.resolve(new TerminalOptions(), store);
            SimulatedNfcReader reader = new SimulatedNfcReader(ProtocolAdapters.nfcKeys(identity, store));
            reader.issue(TagUid.fromHex("04aabbccddee01"), WalletId.random(), Money.eur(1000), OTHER, OTHER_KEY);
            store.putSetting(
                    ProtocolAdapters.DOWNLINKED_WRITER_PREFIX + OTHER,
                    Base64.getEncoder()
                            .encodeToString(OTHER_KEY.verificationKey().encoded()));

            assertThat(read(reader)).isInstanceOf(ChipRead.Valid.class);
        }
    }

    @Test
    void malformedWriterKeyIsRefusedAtStartWithTheEntryNamed() {
        StringWriter err = new StringWriter();

        int code = Main.run(
                new String[] {"--writer-key", "bar-2:AAAA", "--data-dir", dir.toString()},
                new PrintWriter(new StringWriter()),
                new PrintWriter(err, true));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--writer-key 'bar-2:AAAA'", "terminalUUID:base64");
    }
}
