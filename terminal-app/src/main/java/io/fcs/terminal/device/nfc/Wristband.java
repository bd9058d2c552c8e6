package io.fcs.terminal.device.nfc;

/** A wristband on the reader, for as long as a {@link NfcReader#withWristband} call lasts. */
public interface Wristband {

    /** The chip's UID in lower-case hex. */
    String uid();

    ChipRead read();

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
