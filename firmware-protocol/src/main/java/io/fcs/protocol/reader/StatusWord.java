package io.fcs.protocol.reader;

/**
 * Status words an ACR122U-class PC/SC reader answers to its pseudo-APDUs (the last two bytes of
 * every response).
 */
public enum StatusWord {
    /** The command went through; for direct transmit, the tag's answer precedes it. */
    SUCCESS(0x9000),
    /** The tag did not answer or refused the operation (NAK, no tag, CRC error on air). */
    OPERATION_FAILED(0x6300),
    /** Lc / Le do not match what the instruction needs. */
    WRONG_LENGTH(0x6700),
    /** The reader does not support this function with this tag. */
    FUNCTION_NOT_SUPPORTED(0x6A81),
    /** P1/P2 out of range (page address beyond the chip). */
    WRONG_PARAMETERS(0x6B00),
    /** Unknown INS. */
    INSTRUCTION_NOT_SUPPORTED(0x6D00),
    /** CLA other than 0xFF. */
    CLASS_NOT_SUPPORTED(0x6E00);

    private final int code;

    StatusWord(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public int sw1() {
        return code >>> 8;
    }

    public int sw2() {
        return code & 0xff;
    }

    public static StatusWord fromCode(int code) {
        for (StatusWord sw : values()) {
            if (sw.code == code) {
                return sw;
            }
        }
        throw new IllegalArgumentException("unknown status word %04X".formatted(code));
    }
}
