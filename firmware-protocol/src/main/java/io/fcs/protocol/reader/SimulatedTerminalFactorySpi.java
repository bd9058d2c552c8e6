package io.fcs.protocol.reader;

import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactorySpi;

/**
 * The factory SPI behind {@link SimulatedReaderProvider}. The JDK instantiates it reflectively
 * with the {@code params} given to {@code TerminalFactory.getInstance}: a {@link SimulatedReaders},
 * or {@code null} for one reader named {@value #DEFAULT_READER}.
 */
public final class SimulatedTerminalFactorySpi extends TerminalFactorySpi {

    public static final String DEFAULT_READER = "FCS Simulated Reader 0";

    private final SimulatedReaders readers;

    public SimulatedTerminalFactorySpi(Object params) {
        if (params == null) {
            readers = SimulatedReaders.of(DEFAULT_READER);
        } else if (params instanceof SimulatedReaders given) {
            readers = given;
        } else {
            throw new IllegalArgumentException("parameter must be SimulatedReaders or null, was "
                    + params.getClass().getName());
        }
    }

    @Override
    protected CardTerminals engineTerminals() {
        return readers.terminals();
    }
}
