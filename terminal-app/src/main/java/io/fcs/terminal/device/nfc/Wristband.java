package io.fcs.terminal.device.nfc;

/** A wristband on the reader, for as long as a {@link NfcReader#withWristband} call lasts. */
public interface Wristband {

    /** The chip's UID in lower-case hex. */
    String uid();

    ChipRead read();

    /**
     * A plain NTAG21x wristband (UID and signed state only, no per-chip secret): it can be cloned
     * or rolled back without the chip telling, so it gets no offline allowance by default.
     * Answered from the last {@link #read()}.
     */
    default boolean plainChip() {
        return false;
    }

    /**
     * The state before the one {@link #read()} answered, still in the chip's other slot (verified),
     * if no later write has overwritten it. Answered from the last read.
     */
    default java.util.Optional<ChipState> previousState() {
        return java.util.Optional.empty();
    }

    /** Writes the next state tear-safe (the other of the two slots). */
    WriteResult write(ChipState next);

    /** How a write ended. */
    enum WriteResult {
        WRITTEN,
        /** interrupted mid-write: the previous state is still readable. */
        TORN,
        /** the wristband left the field before the write started. */
        REMOVED
    }
}
