package io.fcs.protocol.reader;

import io.fcs.protocol.tag.ChipType;
import io.fcs.protocol.tag.TagUid;

/** What {@link WristbandSession#initialise} did. */
public sealed interface InitialiseOutcome {

    /** Layout written, keys and protection set (AES class), verified by reading back. */
    record Initialised(ChipType chip, TagUid uid) implements InitialiseOutcome {}

    /** Nothing was written. */
    record Refused(Reason reason, String detail) implements InitialiseOutcome {}

    /** Writing or verifying failed part way; the tag may be half set up: initialise it again. */
    record Failed(String step, String detail) implements InitialiseOutcome {}

    enum Reason {
        /** Unknown chip type, or one too small for the layout. */
        UNSUPPORTED_TAG,
        /** The tag already carries the layout (and maybe money): never wiped here. */
        ALREADY_INITIALISED,
        /** An AES-class tag whose key is neither the factory key nor ours. */
        FOREIGN_KEY,
        /** The tag could not be read before writing. */
        UNREADABLE
    }
}
