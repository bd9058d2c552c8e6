package io.fcs.protocol.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.reader.ReaderException.Reason;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.Test;

class ReaderCommandsTest {

    @Test
    void pseudoApdusAreTheAcr122uBytes() {
        assertThat(Bytes.hex(ReaderCommands.getUid().getBytes())).isEqualTo("ffca000000");
        assertThat(Bytes.hex(ReaderCommands.readPages(0x2E).getBytes())).isEqualTo("ffb0002e10");
        assertThat(Bytes.hex(
                        ReaderCommands.writePage(5, Bytes.fromHex("01020304")).getBytes()))
                .isEqualTo("ffd600050401020304");
        assertThat(Bytes.hex(
                        ReaderCommands.directTransmit(Bytes.fromHex("3900")).getBytes()))
                .isEqualTo("ff00000004d4423900");
    }

    @Test
    void commandsOutsideTheReaderLimitsAreRefused() {
        assertThatThrownBy(() -> ReaderCommands.readPages(-1)).hasMessageContaining("0..255");
        assertThatThrownBy(() -> ReaderCommands.readPages(256)).hasMessageContaining("0..255");
        assertThatThrownBy(() -> ReaderCommands.writePage(4, new byte[3])).hasMessageContaining("4 bytes");
        assertThatThrownBy(() -> ReaderCommands.writePage(4, null)).hasMessageContaining("4 bytes");
        assertThatThrownBy(() -> ReaderCommands.directTransmit(new byte[0])).hasMessageContaining("1..253");
        assertThatThrownBy(() -> ReaderCommands.directTransmit(new byte[254])).hasMessageContaining("1..253");
    }

    @Test
    void statusWordsAreNamedAndUnknownOnesRefused() throws ReaderException {
        assertThat(ReaderCommands.status(new ResponseAPDU(Bytes.fromHex("9000"))))
                .isEqualTo(StatusWord.SUCCESS);
        assertThat(ReaderCommands.status(new ResponseAPDU(Bytes.fromHex("6300"))))
                .isEqualTo(StatusWord.OPERATION_FAILED);
        assertThatThrownBy(() -> ReaderCommands.status(new ResponseAPDU(Bytes.fromHex("6f00"))))
                .isInstanceOfSatisfying(
                        ReaderException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_STATUS));
        for (StatusWord sw : StatusWord.values()) {
            assertThat(StatusWord.fromCode(sw.code())).isEqualTo(sw);
            assertThat((sw.sw1() << 8) | sw.sw2()).isEqualTo(sw.code());
        }
    }

    @Test
    void aFailedCommandOrAShortAnswerIsAReasonedError() {
        assertThat(reasonOf(() -> ReaderCommands.expectData(new ResponseAPDU(Bytes.fromHex("6300")), 16, "READ")))
                .isEqualTo(Reason.STATUS);
        assertThat(reasonOf(() -> ReaderCommands.expectData(new ResponseAPDU(Bytes.fromHex("01029000")), 16, "READ")))
                .isEqualTo(Reason.WRONG_LENGTH);
    }

    @Test
    void directTransmitAnswersMustBeFramedAndClean() throws ReaderException {
        assertThat(ReaderCommands.nativeAnswer(new ResponseAPDU(Bytes.fromHex("d543000a9000")), "WRITE"))
                .containsExactly(0x0A);
        assertThat(reasonOf(() -> ReaderCommands.nativeAnswer(new ResponseAPDU(Bytes.fromHex("d5439000")), "X")))
                .isEqualTo(Reason.BAD_FRAME);
        assertThat(reasonOf(() -> ReaderCommands.nativeAnswer(new ResponseAPDU(Bytes.fromHex("d541000a9000")), "X")))
                .isEqualTo(Reason.BAD_FRAME);
        assertThat(reasonOf(() -> ReaderCommands.nativeAnswer(new ResponseAPDU(Bytes.fromHex("d543019000")), "X")))
                .isEqualTo(Reason.RF_ERROR);
    }

    @Test
    void unknownCommandAndNakCodesAreRefused() {
        assertThatThrownBy(() -> NativeCommand.fromCode(0x99)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NativeCommand.Nak.fromCode(0x7)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatusWord.fromCode(0x6F00)).isInstanceOf(IllegalArgumentException.class);
        for (NativeCommand command : NativeCommand.values()) {
            assertThat(NativeCommand.fromCode(command.code())).isEqualTo(command);
        }
        for (NativeCommand.Nak nak : NativeCommand.Nak.values()) {
            assertThat(NativeCommand.Nak.fromCode(nak.code())).isEqualTo(nak);
        }
    }

    private interface Call {
        void run() throws ReaderException;
    }

    private static Reason reasonOf(Call call) {
        try {
            call.run();
        } catch (ReaderException e) {
            return e.reason();
        }
        throw new AssertionError("expected a ReaderException");
    }
}
