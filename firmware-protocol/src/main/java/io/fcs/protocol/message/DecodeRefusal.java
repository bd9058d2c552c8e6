package io.fcs.protocol.message;

/**
 * Why a message was refused by {@link MessageCodec#decode(byte[])}. A refused message changes
 * nothing on the receiver; the reason goes to the log and the receiver's metrics.
 */
public enum DecodeRefusal {
    /** The payload is larger than the configured maximum; checked before any parsing. */
    TOO_LARGE,
    /** The first two bytes are not the FCS message magic: not one of our messages at all. */
    BAD_MAGIC,
    /** The format version byte is not one this build understands. */
    UNKNOWN_VERSION,
    /** The message type code is not one this build understands. */
    UNKNOWN_TYPE,
    /** The message is of another type than the one expected on this topic or call. */
    UNEXPECTED_TYPE,
    /** The payload ends in the middle of a field. */
    TRUNCATED,
    /** Bytes are left over after the last field. */
    TRAILING_BYTES,
    /** A count or length field is negative, above its limit, or larger than the bytes left. */
    LENGTH_OUT_OF_RANGE,
    /** An enum code (outcome, kind, reason, direction, ...) is not defined. */
    UNKNOWN_CODE,
    /** A text field is not well-formed UTF-8 (or a key is not in its restricted alphabet). */
    INVALID_TEXT,
    /** A field is well-formed but its value breaks a rule (negative amount, bad currency, unset flag bits, ...). */
    FIELD_OUT_OF_RANGE
}
