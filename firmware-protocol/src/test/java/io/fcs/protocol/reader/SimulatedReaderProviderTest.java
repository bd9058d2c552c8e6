package io.fcs.protocol.reader;

import static io.fcs.protocol.tag.TagFixtures.UID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.crypto.Bytes;
import java.security.NoSuchAlgorithmException;
import javax.smartcardio.Card;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardTerminal;
import javax.smartcardio.CardTerminals;
import javax.smartcardio.CommandAPDU;
import javax.smartcardio.TerminalFactory;
import org.junit.jupiter.api.Test;

/** The simulator is reached through the JDK's own smartcardio entry points, like a real reader. */
class SimulatedReaderProviderTest {

    @Test
    void theJdkTerminalFactoryHandsOutTheSimulatedReaders() throws Exception {
        SimulatedReaders readers = SimulatedReaders.of("gate 1", "gate 2");
        TerminalFactory factory =
                TerminalFactory.getInstance(SimulatedReaderProvider.TYPE, readers, new SimulatedReaderProvider());
        assertThat(factory.getType()).isEqualTo("FcsSimulated");
        assertThat(factory.terminals().list()).extracting(CardTerminal::getName).containsExactly("gate 1", "gate 2");

        readers.reader("gate 2").present(SimulatedTag.aesClass(UID));
        assertThat(factory.terminals().list(CardTerminals.State.CARD_PRESENT))
                .extracting(CardTerminal::getName)
                .containsExactly("gate 2");
        assertThat(factory.terminals().list(CardTerminals.State.CARD_ABSENT))
                .extracting(CardTerminal::getName)
                .containsExactly("gate 1");

        Card card = factory.terminals().getTerminal("gate 2").connect("*");
        assertThat(card.getATR().getBytes()).isEqualTo(SimulatedReader.ATR_BYTES);
        CardChannel channel = card.getBasicChannel();
        assertThat(channel.transmit(new CommandAPDU(Bytes.fromHex("ffca000000")))
                        .getData())
                .isEqualTo(UID.bytes());
        java.nio.ByteBuffer response = java.nio.ByteBuffer.allocate(32);
        assertThat(channel.transmit(java.nio.ByteBuffer.wrap(Bytes.fromHex("ffca000000")), response))
                .isEqualTo(9);
        card.disconnect(false);
        assertThatThrownBy(card::getBasicChannel).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withoutParametersTheFactoryHasOneDefaultReader() throws Exception {
        TerminalFactory factory =
                TerminalFactory.getInstance(SimulatedReaderProvider.TYPE, null, SimulatedReaderProvider.INSTANCE);
        assertThat(factory.terminals().list())
                .extracting(CardTerminal::getName)
                .containsExactly(SimulatedTerminalFactorySpi.DEFAULT_READER);
    }

    @Test
    void parametersOfAnotherKindAreRefused() {
        assertThatThrownBy(() -> TerminalFactory.getInstance(
                        SimulatedReaderProvider.TYPE, "reader", SimulatedReaderProvider.INSTANCE))
                .isInstanceOf(NoSuchAlgorithmException.class);
        assertThatThrownBy(() -> SimulatedReaders.of()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SimulatedReaders.of("a", "a")).hasMessageContaining("duplicate");
        assertThatThrownBy(() -> SimulatedReaders.of("a").reader("b")).hasMessageContaining("no simulated reader");
    }

    @Test
    void waitingForATagEndsWhenOneIsPresented() throws Exception {
        SimulatedReaders readers = SimulatedReaders.of("kiosk");
        SimulatedReader reader = readers.reader("kiosk");
        Thread presenter = Thread.ofVirtual().start(() -> reader.present(SimulatedTag.aesClass(UID)));
        assertThat(reader.waitForCardPresent(5_000)).isTrue();
        presenter.join(5_000);
        reader.remove();
        assertThat(reader.waitForCardAbsent(10)).isTrue();
        assertThat(reader.waitForCardPresent(10)).isFalse();
        assertThat(readers.terminals().waitForChange(10)).isFalse();
        assertThatThrownBy(() -> reader.waitForCardPresent(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> reader.connect("T=0")).isInstanceOf(IllegalArgumentException.class);
    }
}
