package io.fcs.protocol.reader;

import static io.fcs.protocol.tag.TagFixtures.BAR_1;
import static io.fcs.protocol.tag.TagFixtures.BAR_1_KEY;
import static io.fcs.protocol.tag.TagFixtures.KEYS;
import static io.fcs.protocol.tag.TagFixtures.RECORD_1;
import static io.fcs.protocol.tag.TagFixtures.RECORD_2;
import static io.fcs.protocol.tag.TagFixtures.UID;
import static io.fcs.protocol.tag.TagFixtures.WRITERS;
import static io.fcs.protocol.tag.TagFixtures.content;
import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.tag.ChipType;
import io.fcs.protocol.tag.TagReading;
import io.fcs.protocol.value.Money;
import java.security.SecureRandom;
import javax.smartcardio.Card;
import javax.smartcardio.CardTerminal;
import org.junit.jupiter.api.Test;

class WristbandSessionTest {

    private final SimulatedReaders readers = SimulatedReaders.of("bar");
    private final SimulatedReader reader = readers.reader("bar");

    private WristbandSession tap() throws Exception {
        CardTerminal terminal = readers.terminalFactory().terminals().list().get(0);
        Card card = terminal.connect("*");
        return WristbandSession.open(card.getBasicChannel(), KEYS, WRITERS, new SecureRandom());
    }

    @Test
    void anInitialisedAesWristbandReadsBackTheStateItWasWritten() throws Exception {
        SimulatedTag tag = SimulatedTag.aesClass(UID);
        reader.present(tag);
        WristbandSession session = tap();
        assertThat(session.initialise()).isInstanceOf(InitialiseOutcome.Initialised.class);
        assertThat(session.write(content(5000, RECORD_1), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
        assertThat(tag.counter()).isEqualTo(1);

        reader.remove();
        reader.present(tag);
        TagReading reading = tap().read();
        assertThat(reading).isInstanceOfSatisfying(TagReading.Valid.class, valid -> {
            assertThat(valid.state().balance()).isEqualTo(Money.eur(5000));
            assertThat(valid.state().chipCounter()).isEqualTo(1);
            assertThat(valid.chip()).isEqualTo(ChipType.AES_CLASS);
        });
    }

    @Test
    void anInitialisedNtag215ReadsBackTheStateItWasWritten() throws Exception {
        SimulatedTag tag = SimulatedTag.ntag(ChipType.NTAG215, UID);
        reader.present(tag);
        WristbandSession session = tap();
        assertThat(session.initialise()).isInstanceOf(InitialiseOutcome.Initialised.class);
        assertThat(session.write(content(5000, RECORD_1), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
        assertThat(session.write(content(4500, RECORD_2), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);

        reader.remove();
        reader.present(tag);
        assertThat(tap().read()).isInstanceOfSatisfying(TagReading.Valid.class, valid -> {
            assertThat(valid.state().balance()).isEqualTo(Money.eur(4500));
            assertThat(valid.state().lastRecord()).isEqualTo(RECORD_2);
            assertThat(valid.rollbackDetectable()).isFalse();
        });
    }

    @Test
    void theStateBeforeTheNewestIsReadFromTheOtherSlotUntilAWriteReplacesIt() throws Exception {
        SimulatedTag tag = SimulatedTag.aesClass(UID);
        reader.present(tag);
        WristbandSession session = tap();
        assertThat(session.initialise()).isInstanceOf(InitialiseOutcome.Initialised.class);
        session.read();
        assertThat(session.olderState()).isEmpty();
        assertThat(session.write(content(5000, RECORD_1), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
        assertThat(session.write(content(4500, RECORD_2), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);

        reader.remove();
        reader.present(tag);
        WristbandSession next = tap();
        assertThat(next.olderState()).as("nothing read yet").isEmpty();
        assertThat(next.read()).isInstanceOf(TagReading.Valid.class);

        assertThat(next.olderState()).hasValueSatisfying(older -> {
            assertThat(older.generation()).isEqualTo(1);
            assertThat(older.lastRecord()).isEqualTo(RECORD_1);
        });
    }
}
