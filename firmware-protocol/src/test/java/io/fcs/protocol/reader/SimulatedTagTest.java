package io.fcs.protocol.reader;

import static io.fcs.protocol.tag.TagFixtures.KEYS;
import static io.fcs.protocol.tag.TagFixtures.UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.tag.ChipType;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WristbandLayout;
import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The simulated chips behave like the chips: access rules, counters, authentication, bad input. */
class SimulatedTagTest {

    private static String respond(SimulatedTag tag, String apduHex) {
        return Bytes.hex(tag.respond(Bytes.fromHex(apduHex)));
    }

    @Test
    void malformedReaderApdusGetAStatusWordAndChangeNothing() {
        SimulatedTag tag = SimulatedTag.ntag(ChipType.NTAG215, UID);
        byte[] before = tag.exportMemory();
        assertThat(Bytes.hex(tag.respond(null))).isEqualTo("6700");
        assertThat(respond(tag, "ffca00")).isEqualTo("6700");
        assertThat(respond(tag, "00ca000000")).isEqualTo("6e00");
        assertThat(respond(tag, "ff12000000")).isEqualTo("6d00");
        assertThat(respond(tag, "ffca010000")).isEqualTo("6a81");
        assertThat(respond(tag, "ffb0000508")).isEqualTo("6700");
        assertThat(respond(tag, "ffb000ff10")).isEqualTo("6300");
        assertThat(respond(tag, "ffd6000503010203")).isEqualTo("6700");
        assertThat(respond(tag, "ffd600000401020304")).isEqualTo("6300");
        assertThat(respond(tag, "ff00000003d4423000")).isEqualTo("6700");
        assertThat(respond(tag, "ff00000003d44060")).isEqualTo("6a81");
        assertThat(tag.exportMemory()).isEqualTo(before);
    }

    @Test
    void theReaderAnswersTheUidAndTheVersion() {
        SimulatedTag tag = SimulatedTag.aesClass(UID);
        assertThat(respond(tag, "ffca000000")).isEqualTo(UID.hex() + "9000");
        assertThat(respond(tag, "ff00000003d44260"))
                .isEqualTo("d54300" + Bytes.hex(ChipType.AES_CLASS.version()) + "9000");
    }

    @Test
    void unknownOrMalformedNativeCommandsAreNakedAndChangeNothing() {
        SimulatedTag tag = SimulatedTag.aesClass(UID);
        byte[] before = tag.exportMemory();
        assertThat(tag.transceive(new byte[0])).containsExactly(0x00);
        assertThat(tag.transceive(new byte[] {0x77})).containsExactly(0x00);
        assertThat(tag.transceive(new byte[] {(byte) 0xA2, 5, 1})).containsExactly(0x00);
        assertThat(tag.transceive(new byte[] {(byte) 0xA2, 0, 1, 2, 3, 4})).containsExactly(0x00);
        assertThat(tag.transceive(new byte[] {0x30, (byte) 0xF0})).containsExactly(0x00);
        assertThat(tag.transceive(new byte[] {0x39, 3})).containsExactly(0x00);
        assertThat(tag.transceive(new byte[] {(byte) 0xAF, 1, 2})).containsExactly(0x00);
        assertThat(tag.exportMemory()).isEqualTo(before);
    }

    @Test
    void theAesCounterOnlyGoesUpAndRefusesToOverflow() {
        SimulatedTag tag = SimulatedTag.aesClass(UID);
        assertThat(tag.transceive(Bytes.fromHex("a500050000" + "00"))).containsExactly(0x0A);
        assertThat(tag.counter()).isEqualTo(5);
        assertThat(tag.transceive(Bytes.fromHex("a500ffffff00"))).containsExactly(0x04);
        assertThat(tag.counter()).isEqualTo(5);
        assertThat(tag.transceive(Bytes.fromHex("3900"))).containsExactly(5, 0, 0);
    }

    @Test
    void anAesTagRefusesTheWrongKeyAndKeepsItsPagesClosed() throws Exception {
        SimulatedReaders readers = SimulatedReaders.of("r");
        SimulatedTag tag = SimulatedTag.aesClass(UID);
        readers.reader("r").present(tag);
        WristbandSession session = WristbandSession.open(
                readers.terminalFactory().terminals().list().get(0).connect("*").getBasicChannel(),
                KEYS,
                io.fcs.protocol.tag.TagFixtures.WRITERS);
        assertThat(session.initialise()).isInstanceOf(InitialiseOutcome.Initialised.class);

        tag.powerUp();
        TagChannel channel = new TagChannel(
                readers.terminalFactory().terminals().list().get(0).connect("*").getBasicChannel(), new SecureRandom());
        ReaderException wrongKey = org.junit.jupiter.api.Assertions.assertThrows(
                ReaderException.class, () -> channel.authenticate(new byte[16]));
        assertThat(wrongKey.reason()).isEqualTo(ReaderException.Reason.NAK);
        assertThat(tag.transceive(new byte[] {0x30, 4})).containsExactly(0x04);
        assertThat(tag.transceive(new byte[] {(byte) 0xA2, 5, 1, 2, 3, 4})).containsExactly(0x04);
        assertThat(tag.transceive(Bytes.fromHex("a50001000000"))).containsExactly(0x04);
        assertThat(tag.transceive(new byte[] {0x30, 0})).hasSize(16);

        channel.authenticate(KEYS.keyFor(UID));
        byte[] keyPages = channel.readFourPages(WristbandLayout.AES_KEY_FIRST_PAGE);
        assertThat(keyPages).isEqualTo(new byte[16]);
        assertThat(tag.page(WristbandLayout.AES_KEY_FIRST_PAGE)).isEqualTo(Arrays.copyOf(KEYS.keyFor(UID), 4));
    }

    @Test
    void aTagThatAnswersAWrongProofIsRejectedByTheTerminal() {
        // The terminal side refuses a tag that cannot prove the key: decrypt with one key, tag holds another.
        SimulatedTag tag = SimulatedTag.aesClass(UID);
        WristbandKeys other = WristbandKeys.of(Bytes.fromHex("ffeeddccbbaa99887766554433221100"), KEYS.festival());
        for (int i = 0; i < 4; i++) {
            tag.overwritePage(
                    WristbandLayout.AES_KEY_FIRST_PAGE + i, Arrays.copyOfRange(other.keyFor(UID), i * 4, i * 4 + 4));
        }
        SimulatedReaders readers = SimulatedReaders.of("r");
        readers.reader("r").present(tag);
        assertThatThrownBy(() -> new TagChannel(
                                readers.terminalFactory()
                                        .terminals()
                                        .list()
                                        .get(0)
                                        .connect("*")
                                        .getBasicChannel(),
                                new SecureRandom())
                        .authenticate(KEYS.keyFor(UID)))
                .isInstanceOf(ReaderException.class);
    }

    @Test
    void theNtagNfcCounterCountsTheFirstReadOfEachPowerUpOnceEnabled() {
        SimulatedTag tag = SimulatedTag.ntag(ChipType.NTAG216, UID);
        assertThat(tag.transceive(new byte[] {0x39, 2})).containsExactly(0x00);
        int cfg1 = WristbandLayout.ntagCfg0Page(ChipType.NTAG216) + 1;
        tag.overwritePage(cfg1, new byte[] {(byte) WristbandLayout.ACCESS_NFC_CNT_EN, 0, 0, 0});
        tag.powerUp();
        tag.transceive(new byte[] {0x30, 4});
        tag.transceive(new byte[] {0x30, 8});
        assertThat(tag.counter()).isEqualTo(1);
        tag.powerUp();
        tag.transceive(new byte[] {0x30, 4});
        assertThat(tag.transceive(new byte[] {0x39, 2})).containsExactly(2, 0, 0);
        assertThat(tag.transceive(Bytes.fromHex("a50201000000"))).containsExactly(0x00);
        assertThat(tag.transceive(new byte[] {0x1A, 0})).containsExactly(0x00);
    }

    @Test
    void uidPagesAreReadOnlyAndTheCapabilityPageIsOneTimeProgrammable() {
        SimulatedTag tag = SimulatedTag.ntag(ChipType.NTAG215, UID);
        assertThat(tag.transceive(new byte[] {(byte) 0xA2, 1, 0, 0, 0, 0})).containsExactly(0x00);
        tag.transceive(new byte[] {(byte) 0xA2, 3, (byte) 0xE1, 0x10, 0, 0});
        tag.transceive(new byte[] {(byte) 0xA2, 3, 0, 0, 0x3E, 0});
        assertThat(tag.page(3)).containsExactly(0xE1, 0x10, 0x3E, 0);
        assertThat(tag.page(0)).startsWith(UID.bytes()[0], UID.bytes()[1], UID.bytes()[2]);
    }

    @Test
    void anExportedTagImportsAsTheSameChip() {
        SimulatedTag tag = SimulatedTag.aesClass(UID);
        tag.transceive(Bytes.fromHex("a50007000000"));
        tag.overwritePage(10, new byte[] {1, 2, 3, 4});
        SimulatedTag copy = SimulatedTag.importMemory(tag.exportMemory());
        assertThat(copy.exportMemory()).isEqualTo(tag.exportMemory());
        assertThat(copy.counter()).isEqualTo(7);
        assertThat(copy.uid()).isEqualTo(UID);
        assertThat(copy.chip()).contains(ChipType.AES_CLASS);
        SimulatedTag unknown = SimulatedTag.unknown(UID, Bytes.fromHex("0004040201000b03"));
        assertThat(SimulatedTag.importMemory(unknown.exportMemory()).chip()).isEmpty();
    }

    @Test
    void malformedTagImagesAreRefusedWithTheReason() {
        byte[] good = SimulatedTag.ntag(ChipType.NTAG215, UID).exportMemory();
        assertThatThrownBy(() -> SimulatedTag.importMemory(null)).hasMessageContaining("header");
        assertThatThrownBy(() -> SimulatedTag.importMemory(Arrays.copyOf(good, 20)))
                .hasMessageContaining("header");
        byte[] badMagic = good.clone();
        badMagic[0] = 'X';
        assertThatThrownBy(() -> SimulatedTag.importMemory(badMagic)).hasMessageContaining("magic");
        byte[] badFormat = good.clone();
        badFormat[4] = 9;
        assertThatThrownBy(() -> SimulatedTag.importMemory(badFormat)).hasMessageContaining("format");
        byte[] badChip = good.clone();
        badChip[5] = 0x55;
        assertThatThrownBy(() -> SimulatedTag.importMemory(badChip)).hasMessageContaining("chip type");
        assertThatThrownBy(() -> SimulatedTag.importMemory(Arrays.copyOf(good, good.length - 4)))
                .hasMessageContaining("pages");
        byte[] wrongPages = Arrays.copyOf(good, good.length + 4);
        wrongPages[31]++;
        assertThatThrownBy(() -> SimulatedTag.importMemory(wrongPages)).hasMessageContaining("NTAG215 has 135 pages");
    }

    @Test
    void simulatedNxpTagsHaveSevenByteUids() {
        assertThatThrownBy(() -> SimulatedTag.aesClass(TagUid.fromHex("01020304")))
                .hasMessageContaining("7-byte");
        assertThatThrownBy(() -> SimulatedTag.ntag(ChipType.AES_CLASS, UID)).hasMessageContaining("not an NTAG21x");
        assertThatThrownBy(() -> SimulatedTag.aesClass(UID).restorePages(new byte[4]))
                .hasMessageContaining("dump");
    }
}
