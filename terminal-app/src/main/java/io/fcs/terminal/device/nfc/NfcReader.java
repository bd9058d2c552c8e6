package io.fcs.terminal.device.nfc;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Port for the NFC reader. Adapters: {@link PcscNfcReader} (PC/SC through
 * {@code javax.smartcardio}, ACR122U-class readers) and {@link SimulatedNfcReader} (simulated
 * wristbands with injected faults).
 */
public interface NfcReader extends AutoCloseable {

    /** Whether a reader is plugged in and answering right now. */
    boolean present();

    /**
     * Waits up to {@code wait} for a wristband and runs {@code work} with it while it is on the
     * reader. Empty when no wristband came.
     *
     * @throws ReaderUnavailableException when the reader (or the PC/SC service) is gone
     */
    <T> Optional<T> withWristband(Duration wait, Function<Wristband, T> work);

    @Override
    void close();
}
