package io.fcs.protocol.reader;

import java.util.Objects;

/** A reader exchange that did not give the answer the protocol expects, with the reason. */
public final class ReaderException extends Exception {

    private static final long serialVersionUID = 1L;

    /** Why an exchange failed. */
    public enum Reason {
        /** The tag left the field (PC/SC {@code SCARD_W_REMOVED_CARD} or a closed card). */
        TAG_REMOVED,
        /** The reader is gone or the PC/SC service failed. */
        READER_FAILURE,
        /** The reader answered a status word other than 90 00. */
        STATUS,
        /** The status word is not one an ACR122U-class reader uses. */
        UNKNOWN_STATUS,
        /** The tag answered a negative acknowledge. */
        NAK,
        /** The answer is shorter or longer than the command's answer. */
        WRONG_LENGTH,
        /** The direct-transmit answer is not framed {@code D5 43 status ...}. */
        BAD_FRAME,
        /** The reader's RF front end reported an error (timeout, CRC, collision). */
        RF_ERROR,
        /** The tag's authentication answer did not prove it holds the key. */
        AUTHENTICATION
    }

    private final Reason reason;

    public ReaderException(Reason reason, String message) {
        super(reason + ": " + message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public ReaderException(Reason reason, String message, Throwable cause) {
        super(reason + ": " + message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
