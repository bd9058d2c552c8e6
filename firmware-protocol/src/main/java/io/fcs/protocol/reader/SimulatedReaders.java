package io.fcs.protocol.reader;

import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.TerminalFactory;

/**
 * A set of simulated readers, handed to {@link TerminalFactory#getInstance(String, Object,
 * java.security.Provider)} as the parameter of the {@value SimulatedReaderProvider#TYPE} type:
 *
 * <pre>{@code
 * SimulatedReaders readers = SimulatedReaders.of("Bar 1 reader");
 * TerminalFactory factory = readers.terminalFactory();   // same as getInstance("FcsSimulated", readers, provider)
 * CardTerminal terminal = factory.terminals().list().get(0);
 * readers.reader("Bar 1 reader").present(SimulatedTag.aesClass(uid));
 * Card card = terminal.connect("*");
 * }</pre>
 */
public final class SimulatedReaders {

    private final Object monitor = new Object();
    private final Map<String, SimulatedReader> readers = new LinkedHashMap<>();
    private final Terminals terminals = new Terminals();

    private SimulatedReaders() {}

    /** Readers with these names; fault bit flips are seeded from the name, so runs repeat. */
    public static SimulatedReaders of(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("at least one reader name");
        }
        SimulatedReaders set = new SimulatedReaders();
        for (String name : names) {
            if (set.readers.containsKey(name)) {
                throw new IllegalArgumentException("duplicate reader name " + name);
            }
            set.readers.put(name, new SimulatedReader(name, set.monitor, name.hashCode()));
        }
        return set;
    }

    public SimulatedReader reader(String name) {
        SimulatedReader reader = readers.get(name);
        if (reader == null) {
            throw new IllegalArgumentException("no simulated reader named " + name + "; have " + readers.keySet());
        }
        return reader;
    }

    public CardTerminals terminals() {
        return terminals;
    }

    /** The JDK's {@code TerminalFactory} over these readers, through {@link SimulatedReaderProvider}. */
    public TerminalFactory terminalFactory() {
        try {
            return TerminalFactory.getInstance(SimulatedReaderProvider.TYPE, this, SimulatedReaderProvider.INSTANCE);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the simulated provider does not register its own type", e);
        }
    }

    private final class Terminals extends CardTerminals {

        @Override
        public List<CardTerminal> list(State state) throws CardException {
            synchronized (monitor) {
                List<CardTerminal> out = new ArrayList<>();
                for (SimulatedReader reader : readers.values()) {
                    if (!reader.isPlugged()) {
                        continue;
                    }
                    boolean present = reader.isCardPresent();
                    boolean matches =
                            switch (state) {
                                case ALL -> true;
                                case CARD_PRESENT, CARD_INSERTION -> present;
                                case CARD_ABSENT, CARD_REMOVAL -> !present;
                            };
                    if (matches) {
                        out.add(reader);
                    }
                }
                return out;
            }
        }

        @Override
        public boolean waitForChange(long timeout) throws CardException {
            if (timeout < 0) {
                throw new IllegalArgumentException("timeout must be >= 0, was " + timeout);
            }
            synchronized (monitor) {
                try {
                    long start = System.nanoTime();
                    monitor.wait(timeout);
                    return timeout == 0
                            || System.nanoTime() - start < java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(timeout);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CardException("interrupted while waiting for a reader change", e);
                }
            }
        }
    }
}
