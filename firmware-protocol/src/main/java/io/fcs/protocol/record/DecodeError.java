package io.fcs.protocol.record;

/** Why bytes are not a record. Every decoder answers one of these instead of throwing. */
public enum DecodeError {
    /** The bytes end before the record does. */
    TRUNCATED(1),
    /** Bytes are left after a complete record, or the input is longer than any record can be. */
    TRAILING_BYTES(2),
    /** The version byte is not one this code reads. */
    UNSUPPORTED_VERSION(3),
    /** A kind, authority or payment method code that has no meaning, or unknown flag bits. */
    UNKNOWN_CODE(4),
    /** A length field out of its range (wristband UID, line count, product code). */
    BAD_LENGTH(5),
    /** Well-formed bytes whose values break a rule (sequence 0, negative amount, lines not summing…). */
    BAD_VALUE(6);

    private final int code;

    DecodeError(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code no error has */
    public static DecodeError fromCode(int code) {
        for (DecodeError error : values()) {
            if (error.code == code) {
                return error;
            }
        }
        throw new IllegalArgumentException("no decode error has code " + code);
    }
}
