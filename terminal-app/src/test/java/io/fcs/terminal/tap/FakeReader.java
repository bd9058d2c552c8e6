package io.fcs.terminal.tap;

import io.fcs.terminal.device.nfc.ChipRead;
import io.fcs.terminal.device.nfc.ChipState;
import io.fcs.terminal.device.nfc.NfcReader;
import io.fcs.terminal.device.nfc.ReaderUnavailableException;
import io.fcs.terminal.device.nfc.Wristband;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;

/** A reader for the tap engine's unit tests: one wristband in the field at a time, scripted write faults. */
final class FakeReader implements NfcReader {

    enum WriteFault {
        TEAR,
        REMOVE
    }

    static final class Band implements Wristband {
        final String uid;
        ChipState state;
        ChipRead problem;
        final Deque<WriteFault> faults = new ArrayDeque<>();
        int writes;

        Band(String uid, ChipState state) {
            this.uid = uid;
            this.state = state;
        }

        @Override
        public String uid() {
            return uid;
        }

        @Override
        public ChipRead read() {
            return problem != null ? problem : new ChipRead.Valid(state);
        }

        @Override
        public WriteResult write(ChipState next) {
            WriteFault fault = faults.poll();
            if (fault == WriteFault.TEAR) {
                return WriteResult.TORN;
            }
            if (fault == WriteFault.REMOVE) {
                return WriteResult.REMOVED;
            }
            writes++;
            state = next;
            return WriteResult.WRITTEN;
        }
    }

    Band inField;
    boolean unplugged;

    @Override
    public boolean present() {
        return !unplugged;
    }

    @Override
    public <T> Optional<T> withWristband(Duration wait, Function<Wristband, T> work) {
        if (unplugged) {
            throw new ReaderUnavailableException("unplugged", null);
        }
        return inField == null ? Optional.empty() : Optional.of(work.apply(inField));
    }

    @Override
    public void close() {}
}
