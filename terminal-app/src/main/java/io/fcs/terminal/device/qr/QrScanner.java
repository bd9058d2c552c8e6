package io.fcs.terminal.device.qr;

import java.util.function.Consumer;

/**
 * Port for a QR code scanner. An adapter delivers each scanned text once to the listener, on
 * whatever thread it reads on; the gate view model moves work off that thread itself.
 */
public interface QrScanner extends AutoCloseable {

    /** Starts delivering scanned texts to {@code listener}; replaces any previous listener. */
    void start(Consumer<String> listener);

    /** Stops delivering; releases the device. */
    @Override
    void close();
}
