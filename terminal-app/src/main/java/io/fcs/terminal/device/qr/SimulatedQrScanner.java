package io.fcs.terminal.device.qr;

import java.util.function.Consumer;

/** A scanner driven by tests and the simulation, with faults a real scanner produces. */
public final class SimulatedQrScanner implements QrScanner {

    /** What goes wrong between the printed code and the text delivered. */
    public enum Fault {
        NONE,
        /** one character misread: a valid-looking but wrong code. */
        GARBLED,
        /** the scan ends early. */
        TRUNCATED,
        /** the same code delivered twice in a row. */
        DUPLICATE
    }

    private volatile Consumer<String> listener = text -> {};

    @Override
    public void start(Consumer<String> listener) {
        this.listener = listener;
    }

    public void scan(String text) {
        scan(text, Fault.NONE);
    }

    public void scan(String text, Fault fault) {
        switch (fault) {
            case NONE -> listener.accept(text);
            case GARBLED -> {
                char[] chars = text.toCharArray();
                int middle = chars.length / 2;
                chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
                listener.accept(new String(chars));
            }
            case TRUNCATED -> listener.accept(text.substring(0, text.length() / 2));
            case DUPLICATE -> {
                listener.accept(text);
                listener.accept(text);
            }
        }
    }

    @Override
    public void close() {
        listener = text -> {};
    }
}
