package io.fcs.terminal.device.nfc;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;

/**
 * A reader for the gate, kiosk and tap engine unit tests: one wristband in the field at a time,
 * scripted write faults.
 */
public final class FakeReader implements NfcReader {

    public enum WriteFault {
        TEAR,
        REMOVE
    }

    public static final class Band implements Wristband {
        public final String uid;
        public ChipState state;
        public ChipRead problem;
        public final Deque<WriteFault> faults = new ArrayDeque<>();
        public int writes;

        public Band(String uid, ChipState state) {
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

    public Band inField;
    public boolean unplugged;

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
