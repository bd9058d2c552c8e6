package io.fcs.protocol.reader;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.reader.ReaderException.Reason;
import io.fcs.protocol.tag.TagUid;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/** The reader command set over one PC/SC channel: every exchange a wristband session makes. */
final class TagChannel {

    private final CardChannel channel;
    private final SecureRandom random;

    TagChannel(CardChannel channel, SecureRandom random) {
        this.channel = channel;
        this.random = random;
    }

    TagUid uid() throws ReaderException {
        byte[] data = ReaderCommands.expectData(transmit(ReaderCommands.getUid()), -1, "GET_UID");
        try {
            return TagUid.of(data);
        } catch (IllegalArgumentException e) {
            throw new ReaderException(Reason.WRONG_LENGTH, "GET_UID: " + e.getMessage());
        }
    }

    byte[] getVersion() throws ReaderException {
        return nativeCommand(new byte[] {(byte) NativeCommand.GET_VERSION.code()}, -1, "GET_VERSION");
    }

    byte[] readFourPages(int page) throws ReaderException {
        return ReaderCommands.expectData(
                transmit(ReaderCommands.readPages(page)), ReaderCommands.READ_LENGTH, "READ page " + page);
    }

    /** Pages {@code first..first+count-1}, read 4 at a time. */
    byte[] readPages(int first, int count) throws ReaderException {
        byte[] out = new byte[count * ReaderCommands.PAGE_LENGTH];
        for (int page = first; page < first + count; page += 4) {
            byte[] four = readFourPages(page);
            int bytes = Math.min(four.length, out.length - (page - first) * ReaderCommands.PAGE_LENGTH);
            System.arraycopy(four, 0, out, (page - first) * ReaderCommands.PAGE_LENGTH, bytes);
        }
        return out;
    }

    void writePage(int page, byte[] data) throws ReaderException {
        ReaderCommands.expectData(transmit(ReaderCommands.writePage(page, data)), 0, "WRITE page " + page);
    }

    long readCounter(int counter) throws ReaderException {
        byte[] value = nativeCommand(
                new byte[] {(byte) NativeCommand.READ_CNT.code(), (byte) counter}, 3, "READ_CNT " + counter);
        return (value[0] & 0xffL) | ((value[1] & 0xffL) << 8) | ((value[2] & 0xffL) << 16);
    }

    void incrementCounter(int counter, int by) throws ReaderException {
        byte[] frame = {
            (byte) NativeCommand.INCR_CNT.code(), (byte) counter, (byte) by, (byte) (by >>> 8), (byte) (by >>> 16), 0
        };
        byte[] answer = nativeCommand(frame, 1, "INCR_CNT " + counter);
        requireAck(answer, "INCR_CNT");
    }

    /** Mutual AES authentication with key number 0 (see {@link AesAuth}). */
    void authenticate(byte[] key) throws ReaderException {
        byte[] part1 = nativeCommand(
                new byte[] {(byte) NativeCommand.AUTHENTICATE.code(), (byte) AesAuth.KEY_NUMBER}, -1, "AUTHENTICATE");
        if (part1.length == 1) {
            throw nak(part1[0], "AUTHENTICATE");
        }
        if (part1.length != 1 + AesAuth.BLOCK || (part1[0] & 0xff) != AesAuth.MORE_FRAMES) {
            throw new ReaderException(Reason.WRONG_LENGTH, "AUTHENTICATE part 1 answered " + Bytes.hex(part1));
        }
        byte[] encRndB = Arrays.copyOfRange(part1, 1, part1.length);
        byte[] rndB = AesAuth.decrypt(key, new byte[AesAuth.BLOCK], encRndB);
        byte[] rndA = new byte[AesAuth.BLOCK];
        random.nextBytes(rndA);
        byte[] plain = new byte[2 * AesAuth.BLOCK];
        System.arraycopy(rndA, 0, plain, 0, AesAuth.BLOCK);
        System.arraycopy(AesAuth.rotateLeft(rndB), 0, plain, AesAuth.BLOCK, AesAuth.BLOCK);
        byte[] cipher = AesAuth.encrypt(key, encRndB, plain);
        byte[] frame = new byte[1 + cipher.length];
        frame[0] = (byte) NativeCommand.AUTH_PART2.code();
        System.arraycopy(cipher, 0, frame, 1, cipher.length);
        byte[] part2 = nativeCommand(frame, -1, "AUTHENTICATE part 2");
        if (part2.length == 1) {
            throw nak(part2[0], "AUTHENTICATE part 2");
        }
        if (part2.length != 1 + AesAuth.BLOCK || part2[0] != 0) {
            throw new ReaderException(Reason.WRONG_LENGTH, "AUTHENTICATE part 2 answered " + Bytes.hex(part2));
        }
        byte[] rndAPrime = AesAuth.decrypt(key, AesAuth.lastBlock(cipher), Arrays.copyOfRange(part2, 1, part2.length));
        if (!Bytes.constantTimeEquals(rndAPrime, AesAuth.rotateLeft(rndA))) {
            throw new ReaderException(Reason.AUTHENTICATION, "the tag did not prove it holds the key");
        }
    }

    private byte[] nativeCommand(byte[] frame, int answerLength, String what) throws ReaderException {
        byte[] answer = ReaderCommands.nativeAnswer(transmit(ReaderCommands.directTransmit(frame)), what);
        if (answer.length == 1 && answerLength != 1) {
            throw nak(answer[0], what);
        }
        if (answerLength >= 0 && answer.length != answerLength) {
            throw new ReaderException(
                    Reason.WRONG_LENGTH, what + " answered " + answer.length + " bytes, expected " + answerLength);
        }
        return answer;
    }

    private static void requireAck(byte[] answer, String what) throws ReaderException {
        if ((answer[0] & 0xff) != NativeCommand.ACK) {
            throw nak(answer[0], what);
        }
    }

    private static ReaderException nak(byte code, String what) {
        String name;
        try {
            name = NativeCommand.Nak.fromCode(code & 0x0f).name();
        } catch (IllegalArgumentException unknown) {
            name = "unknown";
        }
        return new ReaderException(Reason.NAK, what + " answered NAK 0x%X (%s)".formatted(code & 0xff, name));
    }

    private ResponseAPDU transmit(CommandAPDU command) throws ReaderException {
        try {
            return channel.transmit(command);
        } catch (CardException e) {
            throw classify(e);
        } catch (IllegalStateException closed) {
            throw new ReaderException(Reason.TAG_REMOVED, "card disconnected: " + closed.getMessage(), closed);
        }
    }

    /** PC/SC names a removed card {@code SCARD_W_REMOVED_CARD}; everything else is the reader's fault. */
    static ReaderException classify(CardException e) {
        String text = String.valueOf(e.getMessage()) + " "
                + (e.getCause() == null ? "" : e.getCause().getMessage());
        if (text.contains("REMOVED_CARD") || text.contains("NO_SMARTCARD") || text.contains("not present")) {
            return new ReaderException(Reason.TAG_REMOVED, text.strip(), e);
        }
        return new ReaderException(Reason.READER_FAILURE, text.strip(), e);
    }
}
