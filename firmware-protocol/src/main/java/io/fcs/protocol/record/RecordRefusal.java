package io.fcs.protocol.record;

/** Why a record is not accepted as an authentic, well-placed record of its terminal. */
public enum RecordRefusal {
    /** The bytes are not a record (truncated, trailing bytes, unknown code, bad length or value). */
    MALFORMED(1),
    /** A version this code does not read. */
    UNSUPPORTED_VERSION(2),
    /** No verification key is known for the record's terminal (not enrolled, or revoked). */
    UNKNOWN_KEY(3),
    /** The signature does not verify with the terminal's key: tampered or forged. */
    BAD_SIGNATURE(4),
    /** The record's previous hash is not the hash the caller expected (its chain head). */
    BROKEN_CHAIN(5);

    private final int code;

    RecordRefusal(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** @throws IllegalArgumentException for a code no refusal has */
    public static RecordRefusal fromCode(int code) {
        for (RecordRefusal refusal : values()) {
            if (refusal.code == code) {
                return refusal;
            }
        }
        throw new IllegalArgumentException("no record refusal has code " + code);
    }
}
