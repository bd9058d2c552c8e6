package io.fcs.protocol.reader;

import io.fcs.protocol.tag.ChipType;
import io.fcs.protocol.tag.TagReading.UnreadableReason;
import io.fcs.protocol.tag.TagUid;
import java.util.Optional;

/** What {@code GET_VERSION} and {@code GET_UID} say the tag on the reader is. */
public sealed interface TagIdentity {

    /** A chip type that holds the wristband layout. */
    record Identified(ChipType chip, TagUid uid) implements TagIdentity {}

    /** A chip type we know but cannot use (NTAG213: 144 bytes of user memory for 332 needed). */
    record Unsupported(ChipType chip, TagUid uid, String reason) implements TagIdentity {}

    /** {@code GET_VERSION} answered bytes of no known chip (or nothing: a tag without the command). */
    record UnknownType(Optional<TagUid> uid, byte[] version) implements TagIdentity {
        public UnknownType {
            version = version.clone();
        }

        @Override
        public byte[] version() {
            return version.clone();
        }
    }

    /** The exchange itself failed: tag gone, reader gone, garbled answer. */
    record NoAnswer(UnreadableReason reason, String detail) implements TagIdentity {}
}
