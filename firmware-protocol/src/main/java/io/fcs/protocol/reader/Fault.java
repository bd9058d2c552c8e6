package io.fcs.protocol.reader;

/**
 * Faults a {@link SimulatedReader} injects on demand ({@link SimulatedReader#inject}), in the
 * manner of a mock web server's socket policy. Each describes what the tag on the reader, or
 * the reader itself, does next.
 */
public enum Fault {
    /** The tag leaves after {@code argument} more page writes have landed; the next write fails. */
    TEAR_AFTER_PAGE,
    /** The tag leaves when {@code INCR_CNT} arrives; the counter is not incremented. */
    TEAR_BEFORE_INCREMENT,
    /** {@code INCR_CNT} is executed, then the tag leaves before the answer comes back. */
    TEAR_AFTER_INCREMENT,
    /** No tag ever shows up: {@code waitForCardPresent} times out, {@code connect} finds no card. */
    NEVER_PRESENT,
    /** The next page read answers with one bit flipped (a one-off RF glitch past the CRC). */
    CORRUPT_READ,
    /** Every page read answers with a different bit flipped, until the faults are cleared. */
    CORRUPT_EVERY_READ,
    /**
     * The tag on the reader is replaced, now, by a clone: same UID, pages and key, but its own
     * counter (set to {@code argument}).
     */
    CLONED_TAG,
    /**
     * The pages of the tag on the reader are dumped now; the next time that tag is presented they
     * are restored, counter unchanged: the attendee restored an old image of the wristband.
     */
    ROLLED_BACK_DUMP,
    /** The reader is unplugged: every call fails with {@code CardException} until replugged. */
    READER_UNPLUGGED
}
