package io.fcs.protocol.reader;

import java.security.Provider;

/**
 * A {@code java.security.Provider} registering the {@code TerminalFactory} type
 * {@value #TYPE}: {@code TerminalFactory.getInstance("FcsSimulated", simulatedReaders,
 * SimulatedReaderProvider.INSTANCE)} gives card terminals backed by {@link SimulatedReaders}, so
 * terminal code runs unchanged on simulated and real readers.
 */
public final class SimulatedReaderProvider extends Provider {

    public static final String TYPE = "FcsSimulated";
    public static final SimulatedReaderProvider INSTANCE = new SimulatedReaderProvider();
    private static final long serialVersionUID = 1L;

    public SimulatedReaderProvider() {
        super(
                "FcsSimulatedReaders",
                "1.0",
                "Simulated contactless readers and wristbands of the festival cashless system");
        put("TerminalFactory." + TYPE, SimulatedTerminalFactorySpi.class.getName());
    }
}
