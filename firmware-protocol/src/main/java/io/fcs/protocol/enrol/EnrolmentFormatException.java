package io.fcs.protocol.enrol;

/**
 * A config bundle, sealed bundle or enrolment QR that cannot be used, with the reason. The
 * device shows the reason and stays unconfigured: nothing of a refused bundle is applied.
 */
public final class EnrolmentFormatException extends RuntimeException {

    /** Why an enrolment artefact was refused. */
    public enum Reason {
        /** Not one of our formats (wrong magic or prefix). */
        BAD_MAGIC,
        /** A format version this code does not read. */
        UNSUPPORTED_VERSION,
        /** Shorter than its fields say. */
        TRUNCATED,
        /** Bytes left over after the last field. */
        TRAILING_BYTES,
        /** A field outside its allowed values (unknown code, bad certificate, key/certificate mismatch). */
        BAD_FIELD,
        /** The bundle's SHA-256 trailer does not match: corrupted in storage or transit. */
        CHECKSUM_MISMATCH,
        /** AES-GCM authentication failed: wrong key, wrong token or tampered ciphertext. */
        DECRYPTION_FAILED,
        /** The enrolment token's time is over. */
        EXPIRED
    }

    private final Reason reason;

    public EnrolmentFormatException(Reason reason, String detail) {
        super(reason + ": " + detail);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
