package io.fcs.protocol.tag;

import io.fcs.protocol.tag.WristbandLayout.Slot;
import java.util.Objects;
import java.util.Optional;

/**
 * What reading a wristband tells a terminal. Only {@link Valid}, {@link Blank} and {@link Torn}
 * may be written to; {@link RolledBack}, {@link Forked} and {@link Forged} are grounds to block
 * the wallet and raise an alert; {@link Unreadable} means "tap again".
 */
public sealed interface TagReading {

    /** The newest state the chip proves, if any (also for refusals, to show and report). */
    Optional<ChipState> lastKnownState();

    /** The newest state is signed by a known terminal for this UID and matches the chip counter. */
    record Valid(TagUid uid, ChipType chip, ChipState state, long chipCounter, Slot nextWriteSlot)
            implements TagReading {
        public Valid {
            Objects.requireNonNull(state, "state");
        }

        @Override
        public Optional<ChipState> lastKnownState() {
            return Optional.of(state);
        }

        /** False for NTAG21x: the chip cannot prove this is not a restored older state. */
        public boolean rollbackDetectable() {
            return chip.profile().rollbackDetectable();
        }
    }

    /** No state yet. {@code formatted}: the layout header is there (initialised, never sold to). */
    record Blank(TagUid uid, ChipType chip, boolean formatted, long chipCounter) implements TagReading {
        @Override
        public Optional<ChipState> lastKnownState() {
            return Optional.empty();
        }

        public Slot nextWriteSlot() {
            return Slot.A;
        }
    }

    /**
     * The last write did not finish. {@link TearKind#WRITE_INTERRUPTED}: the new slot is damaged,
     * {@code recovered} is the state before that write (empty on a first write).
     * {@link TearKind#COUNTER_NOT_INCREMENTED}: the new state is complete and {@code recovered} is
     * it; the next write first completes the increment. Compare {@code recovered.lastRecord()}
     * with the record committed before the write to know whether it reached the chip.
     */
    record Torn(
            TagUid uid,
            ChipType chip,
            TearKind kind,
            Optional<ChipState> recovered,
            long chipCounter,
            Slot nextWriteSlot)
            implements TagReading {
        @Override
        public Optional<ChipState> lastKnownState() {
            return recovered;
        }
    }

    /** The newest state binds a counter value the chip has already passed: a restored dump. */
    record RolledBack(TagUid uid, ChipType chip, ChipState state, long chipCounter) implements TagReading {
        @Override
        public Optional<ChipState> lastKnownState() {
            return Optional.of(state);
        }
    }

    /** The chip's counter and the states disagree in a way no honest write produces: a clone or a fork. */
    record Forked(TagUid uid, ChipType chip, ForkReason reason, ChipState state, long chipCounter)
            implements TagReading {
        @Override
        public Optional<ChipState> lastKnownState() {
            return Optional.of(state);
        }
    }

    /** A slot claims a state no known terminal signed for this UID. */
    record Forged(TagUid uid, ChipType chip, ForgeryReason reason, String detail) implements TagReading {
        @Override
        public Optional<ChipState> lastKnownState() {
            return Optional.empty();
        }
    }

    /** Nothing trustworthy was read. {@code uid} is present when the reader got that far. */
    record Unreadable(UnreadableReason reason, Optional<TagUid> uid, String detail) implements TagReading {
        public Unreadable {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(uid, "uid");
        }

        @Override
        public Optional<ChipState> lastKnownState() {
            return Optional.empty();
        }
    }

    enum TearKind {
        WRITE_INTERRUPTED(1),
        COUNTER_NOT_INCREMENTED(2);

        private final int code;

        TearKind(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static TearKind fromCode(int code) {
            for (TearKind kind : values()) {
                if (kind.code == code) {
                    return kind;
                }
            }
            throw new IllegalArgumentException("unknown tear kind " + code);
        }
    }

    enum ForkReason {
        /** The state binds a counter ahead of the chip's: the state was copied onto another chip. */
        CHIP_COUNTER_BEHIND_STATE(1),
        /** Both slots hold valid states of the same generation. */
        SAME_GENERATION_TWICE(2),
        /** The newer state binds a counter not above the older one's. */
        COUNTER_NOT_INCREASING(3);

        private final int code;

        ForkReason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static ForkReason fromCode(int code) {
            for (ForkReason reason : values()) {
                if (reason.code == code) {
                    return reason;
                }
            }
            throw new IllegalArgumentException("unknown fork reason " + code);
        }
    }

    enum ForgeryReason {
        BAD_SIGNATURE(1),
        UNKNOWN_WRITER(2),
        MALFORMED(3);

        private final int code;

        ForgeryReason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static ForgeryReason fromCode(int code) {
            for (ForgeryReason reason : values()) {
                if (reason.code == code) {
                    return reason;
                }
            }
            throw new IllegalArgumentException("unknown forgery reason " + code);
        }
    }

    enum UnreadableReason {
        /** No tag came before the timeout. */
        NO_TAG(1),
        /** The tag left the field during the exchange. */
        TAG_REMOVED(2),
        /** The reader itself failed (unplugged, PC/SC service gone). */
        READER_FAILURE(3),
        /** GET_VERSION answered something we do not know. */
        UNKNOWN_TAG_TYPE(4),
        /** A known chip that cannot hold the layout (NTAG213: too small). */
        UNSUPPORTED_CHIP(5),
        /** The diversified key was refused: another festival's or a foreign AES tag. */
        AUTHENTICATION_FAILED(6),
        /** The same pages read back differently each time. */
        UNSTABLE_READ(7),
        /** The reader or tag answered with a status or length the protocol does not allow. */
        BAD_RESPONSE(8),
        /** The tag holds data of another layout (someone else's NDEF, another layout version). */
        FOREIGN_LAYOUT(9),
        /** A slot holds a state format version this software does not know. */
        UNSUPPORTED_STATE_VERSION(10);

        private final int code;

        UnreadableReason(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }

        public static UnreadableReason fromCode(int code) {
            for (UnreadableReason reason : values()) {
                if (reason.code == code) {
                    return reason;
                }
            }
            throw new IllegalArgumentException("unknown unreadable reason " + code);
        }
    }
}
