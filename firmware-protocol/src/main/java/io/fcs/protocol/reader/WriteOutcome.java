package io.fcs.protocol.reader;

import io.fcs.protocol.tag.ChipState;

/** What {@link WristbandSession#write} did to the wristband. */
public sealed interface WriteOutcome {

    /** The state is in its slot and the counter binds it. */
    record Written(ChipState state) implements WriteOutcome {}

    /**
     * The tag left (or the reader failed) at {@code step}; {@code pagesWritten} counts the slot
     * pages that landed. What the chip now holds is told by the next read (see docs/protocol.md,
     * "State machines"): resolve by comparing its last-record id with {@code attempted.lastRecord()}.
     */
    record Interrupted(WriteStep step, int pagesWritten, ChipState attempted, String detail) implements WriteOutcome {}

    /** Nothing was sent to the tag. */
    record Refused(Refusal reason, String detail) implements WriteOutcome {}

    /** Where a write stands, in the order the session does them. */
    enum WriteStep {
        /** Completing the increment a previous torn write left undone. */
        COMPLETING_PREVIOUS_INCREMENT,
        /** Writing the 41 pages of the other slot (first page zeroed first, written last). */
        WRITING_SLOT,
        /** Incrementing the one-way counter to the value the new state binds (AES class). */
        INCREMENTING_COUNTER
    }

    enum Refusal {
        /** No read in this session, or the tag changed since. */
        NOT_READ,
        /** The last reading was not Valid, Blank (formatted) or Torn. */
        NOT_WRITABLE,
        /** The tag has no layout yet: initialise it first. */
        NOT_INITIALISED,
        /** The content names another festival than the session's keys. */
        WRONG_FESTIVAL,
        /** The content's wallet is not the one on the chip. */
        WRONG_WALLET,
        /** The one-way counter or the generation is at its maximum. */
        EXHAUSTED
    }
}
