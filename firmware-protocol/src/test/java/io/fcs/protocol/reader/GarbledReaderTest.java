package io.fcs.protocol.reader;

import static io.fcs.protocol.tag.TagFixtures.KEYS;
import static io.fcs.protocol.tag.TagFixtures.UID;
import static io.fcs.protocol.tag.TagFixtures.WRITERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.tag.ChipType;
import io.fcs.protocol.tag.TagReading;
import io.fcs.protocol.tag.TagReading.UnreadableReason;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.function.UnaryOperator;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;
import org.junit.jupiter.api.Test;

/** A reader that truncates or garbles one kind of answer: the session answers a reason, never a crash. */
class GarbledReaderTest {

    /** A channel straight onto a simulated tag, with one kind of answer rewritten. */
    private static final class GarblingChannel extends CardChannel {
        private final SimulatedTag tag;
        private final int instruction;
        private final int nativeCode;
        private final UnaryOperator<byte[]> garble;

        GarblingChannel(SimulatedTag tag, int instruction, int nativeCode, UnaryOperator<byte[]> garble) {
            this.tag = tag;
            this.instruction = instruction;
            this.nativeCode = nativeCode;
            this.garble = garble;
        }

        @Override
        public Card getCard() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int getChannelNumber() {
            return 0;
        }

        @Override
        public ResponseAPDU transmit(CommandAPDU command) {
            byte[] apdu = command.getBytes();
            byte[] answer = tag.respond(apdu);
            boolean matches = (apdu[1] & 0xff) == instruction
                    && (instruction != ReaderCommands.INS_DIRECT || (apdu[7] & 0xff) == nativeCode);
            return new ResponseAPDU(matches ? garble.apply(answer) : answer);
        }

        @Override
        public int transmit(ByteBuffer command, ByteBuffer response) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    private static byte[] dropDataByte(byte[] answer) {
        byte[] out = new byte[answer.length - 1];
        System.arraycopy(answer, 0, out, 0, answer.length - 3);
        out[out.length - 2] = answer[answer.length - 2];
        out[out.length - 1] = answer[answer.length - 1];
        return out;
    }

    private static TagReading readThrough(int instruction, int nativeCode, UnaryOperator<byte[]> garble) {
        SimulatedTag tag = SimulatedTag.ntag(ChipType.NTAG215, UID);
        WristbandSession clean = WristbandSession.open(
                new GarblingChannel(tag, -1, -1, UnaryOperator.identity()), KEYS, WRITERS, new SecureRandom());
        assertThat(clean.initialise()).isInstanceOf(InitialiseOutcome.Initialised.class);
        tag.powerUp();
        return WristbandSession.open(new GarblingChannel(tag, instruction, nativeCode, garble), KEYS, WRITERS)
                .read();
    }

    private static UnreadableReason reason(TagReading reading) {
        assertThat(reading).isInstanceOf(TagReading.Unreadable.class);
        return ((TagReading.Unreadable) reading).reason();
    }

    @Test
    void aTruncatedPageReadIsABadResponse() {
        assertThat(reason(readThrough(ReaderCommands.INS_READ_BINARY, -1, GarbledReaderTest::dropDataByte)))
                .isEqualTo(UnreadableReason.BAD_RESPONSE);
    }

    @Test
    void aTruncatedCounterIsABadResponse() {
        assertThat(reason(readThrough(ReaderCommands.INS_DIRECT, 0x39, GarbledReaderTest::dropDataByte)))
                .isEqualTo(UnreadableReason.BAD_RESPONSE);
    }

    @Test
    void aUidOfAnImpossibleLengthIsABadResponse() {
        assertThat(reason(readThrough(ReaderCommands.INS_GET_DATA, -1, GarbledReaderTest::dropDataByte)))
                .isEqualTo(UnreadableReason.BAD_RESPONSE);
    }

    @Test
    void anUnknownStatusWordIsABadResponse() {
        assertThat(reason(readThrough(ReaderCommands.INS_READ_BINARY, -1, answer -> new byte[] {0x6F, 0x00})))
                .isEqualTo(UnreadableReason.BAD_RESPONSE);
    }

    @Test
    void aFailedPageReadIsABadResponse() {
        assertThat(reason(readThrough(ReaderCommands.INS_READ_BINARY, -1, answer -> new byte[] {0x63, 0x00})))
                .isEqualTo(UnreadableReason.BAD_RESPONSE);
    }

    @Test
    void anUnframedDirectTransmitAnswerIsABadResponse() {
        assertThat(reason(readThrough(
                        ReaderCommands.INS_DIRECT, 0x39, answer -> Arrays.copyOfRange(answer, 2, answer.length))))
                .isEqualTo(UnreadableReason.BAD_RESPONSE);
    }

    @Test
    void aTruncatedVersionMakesAnUnknownTagType() {
        assertThat(reason(readThrough(ReaderCommands.INS_DIRECT, 0x60, GarbledReaderTest::dropDataByte)))
                .isEqualTo(UnreadableReason.UNKNOWN_TAG_TYPE);
    }

    @Test
    void anRfErrorOnTheVersionMakesAnUnknownTagType() {
        assertThat(reason(readThrough(ReaderCommands.INS_DIRECT, 0x60, answer ->
                        new byte[] {(byte) 0xD5, 0x43, 0x01, (byte) 0x90, 0x00})))
                .isEqualTo(UnreadableReason.UNKNOWN_TAG_TYPE);
    }
}
