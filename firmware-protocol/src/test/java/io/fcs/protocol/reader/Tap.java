package io.fcs.protocol.reader;

import io.fcs.protocol.tag.TagFixtures;
import io.fcs.protocol.tag.WristbandKeys;
import java.security.SecureRandom;
import javax.smartcardio.CardException;
import javax.smartcardio.CardTerminal;

/** Test helper: a simulated reader and taps through the JDK smartcardio API. */
final class Tap {

    final SimulatedReaders readers = SimulatedReaders.of("bar 1");
    final SimulatedReader reader = readers.reader("bar 1");
    private final CardTerminal terminal;

    Tap() {
        try {
            terminal = readers.terminalFactory().terminals().list().get(0);
        } catch (CardException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A new session on the tag now on the reader (a new power-up). */
    WristbandSession session() throws CardException {
        return session(TagFixtures.KEYS);
    }

    WristbandSession session(WristbandKeys keys) throws CardException {
        return WristbandSession.open(
                terminal.connect("*").getBasicChannel(), keys, TagFixtures.WRITERS, new SecureRandom());
    }

    /** Takes the tag away and presents it again: the next tap. */
    WristbandSession again(SimulatedTag tag) throws CardException {
        reader.remove();
        reader.present(tag);
        return session();
    }
}
