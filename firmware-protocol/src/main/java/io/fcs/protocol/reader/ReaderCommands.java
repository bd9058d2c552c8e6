package io.fcs.protocol.reader;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.reader.ReaderException.Reason;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.ResponseAPDU;

/**
 * The ACR122U-style pseudo-APDUs of a PC/SC contactless reader, and the unwrapping of their
 * answers. Every answer ends with a {@link StatusWord}.
 *
 * <pre>
 *  GET_UID          FF CA 00 00 00                     -> UID || 90 00
 *  READ_BINARY      FF B0 00 pp 10                     -> 16 bytes (pages pp..pp+3) || 90 00
 *  UPDATE_BINARY    FF D6 00 pp 04 d0 d1 d2 d3         -> 90 00
 *  DIRECT_TRANSMIT  FF 00 00 00 Lc D4 42 frame...      -> D5 43 st answer... || 90 00
 *                               |  |  +-- PN533 InCommunicateThru
 *                               |  +----- PN533 host-to-chip frame
 *                               +-------- Lc = 2 + frame length
 *  st = 00 on success; any other value is an RF error (timeout 01, CRC 02, ...).
 *  Failure of any command: 63 00.
 * </pre>
 */
public final class ReaderCommands {

    public static final int CLA = 0xFF;
    public static final int INS_GET_DATA = 0xCA;
    public static final int INS_READ_BINARY = 0xB0;
    public static final int INS_UPDATE_BINARY = 0xD6;
    public static final int INS_DIRECT = 0x00;
    public static final int READ_LENGTH = 16;
    public static final int PAGE_LENGTH = 4;
    public static final int PN533_TO_CHIP = 0xD4;
    public static final int PN533_FROM_CHIP = 0xD5;
    public static final int IN_COMMUNICATE_THRU = 0x42;
    public static final int IN_COMMUNICATE_THRU_ANSWER = 0x43;
    public static final int MAX_FRAME = 253;

    private ReaderCommands() {}

    public static CommandAPDU getUid() {
        return new CommandAPDU(new byte[] {(byte) CLA, (byte) INS_GET_DATA, 0, 0, 0});
    }

    public static CommandAPDU readPages(int page) {
        requirePage(page);
        return new CommandAPDU(new byte[] {(byte) CLA, (byte) INS_READ_BINARY, 0, (byte) page, READ_LENGTH});
    }

    public static CommandAPDU writePage(int page, byte[] data) {
        requirePage(page);
        if (data == null || data.length != PAGE_LENGTH) {
            throw new IllegalArgumentException(
                    "a page is 4 bytes, got " + (data == null ? "nothing" : data.length + " bytes"));
        }
        byte[] apdu = new byte[5 + PAGE_LENGTH];
        apdu[0] = (byte) CLA;
        apdu[1] = (byte) INS_UPDATE_BINARY;
        apdu[3] = (byte) page;
        apdu[4] = PAGE_LENGTH;
        System.arraycopy(data, 0, apdu, 5, PAGE_LENGTH);
        return new CommandAPDU(apdu);
    }

    /** Wraps a native tag command frame (first byte: {@link NativeCommand#code()}). */
    public static CommandAPDU directTransmit(byte[] frame) {
        if (frame == null || frame.length == 0 || frame.length > MAX_FRAME) {
            throw new IllegalArgumentException(
                    "a native frame is 1.." + MAX_FRAME + " bytes, got " + (frame == null ? "nothing" : frame.length));
        }
        byte[] apdu = new byte[5 + 2 + frame.length];
        apdu[0] = (byte) CLA;
        apdu[1] = (byte) INS_DIRECT;
        apdu[4] = (byte) (2 + frame.length);
        apdu[5] = (byte) PN533_TO_CHIP;
        apdu[6] = (byte) IN_COMMUNICATE_THRU;
        System.arraycopy(frame, 0, apdu, 7, frame.length);
        return new CommandAPDU(apdu);
    }

    /** The status word of an answer, or {@link Reason#UNKNOWN_STATUS}. */
    public static StatusWord status(ResponseAPDU response) throws ReaderException {
        try {
            return StatusWord.fromCode(response.getSW());
        } catch (IllegalArgumentException unknown) {
            throw new ReaderException(Reason.UNKNOWN_STATUS, unknown.getMessage());
        }
    }

    /** The data of a successful answer, which must be exactly {@code length} bytes (or any, if negative). */
    public static byte[] expectData(ResponseAPDU response, int length, String what) throws ReaderException {
        StatusWord sw = status(response);
        if (sw != StatusWord.SUCCESS) {
            throw new ReaderException(Reason.STATUS, what + " answered " + sw);
        }
        byte[] data = response.getData();
        if (length >= 0 && data.length != length) {
            throw new ReaderException(
                    Reason.WRONG_LENGTH, what + " answered " + data.length + " bytes, expected " + length);
        }
        return data;
    }

    /** The tag's own answer inside a direct-transmit answer ({@code D5 43 00 answer... 90 00}). */
    public static byte[] nativeAnswer(ResponseAPDU response, String what) throws ReaderException {
        byte[] data = expectData(response, -1, what);
        if (data.length < 3 || (data[0] & 0xff) != PN533_FROM_CHIP || (data[1] & 0xff) != IN_COMMUNICATE_THRU_ANSWER) {
            throw new ReaderException(Reason.BAD_FRAME, what + " answered " + Bytes.hex(data));
        }
        if (data[2] != 0) {
            throw new ReaderException(Reason.RF_ERROR, what + ": reader status 0x%02X".formatted(data[2] & 0xff));
        }
        return java.util.Arrays.copyOfRange(data, 3, data.length);
    }

    private static void requirePage(int page) {
        if (page < 0 || page > 0xFF) {
            throw new IllegalArgumentException("page address must be 0..255, was " + page);
        }
    }
}
