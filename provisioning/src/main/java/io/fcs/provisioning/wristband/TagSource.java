package io.fcs.provisioning.wristband;

import io.fcs.protocol.reader.SimulatedReaders;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.provisioning.ProvisioningException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.smartcardio.Card;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.TerminalFactory;

/**
 * Where wristbands come from, one tap at a time, through {@code javax.smartcardio}: a PC/SC
 * reader (the operator lays the next wristband on it) or a simulated reader fed by a supply of
 * simulated tags.
 */
public interface TagSource {

    /** The next tag on the reader, connected; empty when none came within the timeout. */
    Optional<Card> next(Duration timeout) throws CardException;

    /** Done with the current tag (the operator takes it off). */
    void release(Card card);

    String readerName();

    /** Where Debian-like systems keep the PC/SC client library the JDK does not look for itself. */
    List<String> PCSC_LIBRARIES = List.of(
            "/usr/lib/x86_64-linux-gnu/libpcsclite.so.1",
            "/usr/lib/aarch64-linux-gnu/libpcsclite.so.1",
            "/usr/lib64/libpcsclite.so.1",
            "/usr/lib/libpcsclite.so.1");

    /**
     * Points the JDK at the system's {@code libpcsclite} unless {@code sun.security.smartcardio.library}
     * is set already: the JDK's built-in guess misses multiarch paths. Takes effect only before the
     * first PC/SC use in this JVM.
     */
    static void pcscLibrary() {
        if (System.getProperty("sun.security.smartcardio.library") != null) {
            return;
        }
        PCSC_LIBRARIES.stream()
                .filter(path -> java.nio.file.Files.exists(java.nio.file.Path.of(path)))
                .findFirst()
                .ifPresent(path -> System.setProperty("sun.security.smartcardio.library", path));
    }

    /** The first (or the named) reader of the JDK's default PC/SC factory. */
    static TagSource pcsc(String readerName) {
        pcscLibrary();
        TerminalFactory factory;
        List<CardTerminal> terminals;
        try {
            factory = TerminalFactory.getInstance("PC/SC", null);
            terminals = factory.terminals().list();
        } catch (java.security.NoSuchAlgorithmException | CardException e) {
            throw ProvisioningException.io("no PC/SC service: " + e.getMessage() + " (is pcscd running?)", e);
        }
        CardTerminal terminal = terminals.stream()
                .filter(t -> readerName == null || t.getName().contains(readerName))
                .findFirst()
                .orElseThrow(() -> ProvisioningException.io(
                        "no PC/SC reader" + (readerName == null ? "" : " named " + readerName) + " is plugged in",
                        null));
        return new TerminalSource(terminal, null);
    }

    /** A simulated reader; each {@link #next} puts the supply's next tag on it. */
    static TagSource simulated(SimulatedReaders readers, String name, Supplier<Optional<SimulatedTag>> supply) {
        try {
            CardTerminal terminal = readers.terminalFactory().terminals().list().stream()
                    .filter(t -> t.getName().equals(name))
                    .findFirst()
                    .orElseThrow();
            return new TerminalSource(terminal, () -> {
                Optional<SimulatedTag> tag = supply.get();
                tag.ifPresentOrElse(t -> readers.reader(name).present(t), () -> readers.reader(name)
                        .remove());
            });
        } catch (CardException e) {
            throw ProvisioningException.io("simulated reader failed: " + e.getMessage(), e);
        }
    }

    /** Both kinds drive a {@link CardTerminal}; the simulated one lays the next tag itself. */
    final class TerminalSource implements TagSource {
        private final CardTerminal terminal;
        private final Runnable layNextTag;

        TerminalSource(CardTerminal terminal, Runnable layNextTag) {
            this.terminal = terminal;
            this.layNextTag = layNextTag;
        }

        @Override
        public Optional<Card> next(Duration timeout) throws CardException {
            if (layNextTag != null) {
                layNextTag.run();
            }
            if (!terminal.waitForCardPresent(Math.max(1, timeout.toMillis()))) {
                return Optional.empty();
            }
            return Optional.of(terminal.connect("*"));
        }

        @Override
        public void release(Card card) {
            try {
                card.disconnect(false);
            } catch (CardException | IllegalStateException ignored) {
                // the tag may already be gone
            }
            if (layNextTag == null) {
                try {
                    terminal.waitForCardAbsent(0);
                } catch (CardException ignored) {
                    // the next call reports a failed reader
                }
            }
        }

        @Override
        public String readerName() {
            return terminal.getName();
        }
    }
}
