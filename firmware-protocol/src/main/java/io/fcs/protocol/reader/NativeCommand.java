package io.fcs.protocol.reader;

/**
 * Tag commands (NTAG21x / Ultralight AES command set) sent through the reader's direct
 * transmit. The first byte of the frame is the code.
 *
 * <pre>
 *  GET_VERSION    60                          -> 8 bytes (see ChipType)
 *  READ           30 page                     -> 16 bytes (4 pages, rolling over at the end)
 *  WRITE          A2 page d0 d1 d2 d3         -> ACK (0A) or NAK
 *  READ_CNT       39 counter                  -> 3 bytes, least significant first
 *  INCR_CNT       A5 counter i0 i1 i2 00      -> ACK or NAK (increment least significant first)
 *  AUTHENTICATE   1A key-no                   -> AF || E(K, RndB)                    part 1
 *  AUTH_PART2     AF E(K, RndA || RndB<<8)    -> 00 || E(K, RndA<<8)  or NAK        part 2
 * </pre>
 */
public enum NativeCommand {
    GET_VERSION(0x60),
    READ(0x30),
    WRITE(0xA2),
    READ_CNT(0x39),
    INCR_CNT(0xA5),
    AUTHENTICATE(0x1A),
    AUTH_PART2(0xAF);

    /** 4-bit acknowledge of a write or increment, delivered as one byte. */
    public static final int ACK = 0x0A;

    private final int code;

    NativeCommand(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static NativeCommand fromCode(int code) {
        for (NativeCommand command : values()) {
            if (command.code == code) {
                return command;
            }
        }
        throw new IllegalArgumentException("unknown native tag command 0x%02X".formatted(code));
    }

    /** The 4-bit negative acknowledges a tag answers instead of data. */
    public enum Nak {
        INVALID_ARGUMENT(0x00),
        CRC_ERROR(0x01),
        AUTHENTICATION_OR_COUNTER(0x04),
        WRITE_ERROR(0x05);

        private final int code;

        Nak(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static Nak fromCode(int code) {
            for (Nak nak : values()) {
                if (nak.code == code) {
                    return nak;
                }
            }
            throw new IllegalArgumentException("unknown NAK 0x%X".formatted(code));
        }
    }
}
