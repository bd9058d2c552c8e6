package io.fcs.protocol.reader;

import static io.fcs.protocol.tag.TagFixtures.BAR_1;
import static io.fcs.protocol.tag.TagFixtures.BAR_1_KEY;
import static io.fcs.protocol.tag.TagFixtures.BAR_2;
import static io.fcs.protocol.tag.TagFixtures.BAR_2_KEY;
import static io.fcs.protocol.tag.TagFixtures.UID;
import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519.SigningKey;
import io.fcs.protocol.tag.ChipContent;
import io.fcs.protocol.tag.ChipState;
import io.fcs.protocol.tag.ChipType;
import io.fcs.protocol.tag.TagFixtures;
import io.fcs.protocol.tag.TagReading;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.TerminalId;
import java.util.Random;
import java.util.UUID;
import javax.smartcardio.CardException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded random taps, each sale possibly torn at a random point. After every tap the next read
 * tells exactly which sale the wristband holds: the one just attempted, or the one before. The
 * tag never becomes unusable and never reads as a rollback, clone or forgery.
 */
class TearRecoveryPropertyTest {

    private static final long SEED = 0x7EA2_2026L;
    private static final int TAPS = 80;

    @ParameterizedTest
    @EnumSource(
            value = ChipType.class,
            names = {"AES_CLASS", "NTAG216"})
    void afterAnyTearTheNextTapKnowsWhetherTheSaleReachedTheWristband(ChipType type) throws CardException {
        Random random = new Random(SEED + type.ordinal());
        Tap tap = new Tap();
        SimulatedTag tag = type == ChipType.AES_CLASS ? SimulatedTag.aesClass(UID) : SimulatedTag.ntag(type, UID);
        tap.reader.present(tag);
        WristbandSession first = tap.session();
        first.initialise();
        ChipContent content = TagFixtures.content(100_000, RecordId.of(new UUID(0, 0)));
        assertThat(first.write(content, BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
        ChipState onChip = ((TagReading.Valid) tap.again(tag).read()).state();
        int torn = 0;

        for (int i = 1; i <= TAPS; i++) {
            WristbandSession session = tap.again(tag);
            TagReading reading = session.read();
            assertThat(reading).as("tap %d", i).isInstanceOfAny(TagReading.Valid.class, TagReading.Torn.class);
            assertThat(reading.lastKnownState()).as("tap %d", i).contains(onChip);

            RecordId sale = RecordId.of(new UUID(1, i));
            ChipContent next =
                    onChip.content().withBalance(onChip.balance().minus(Money.eur(1 + random.nextInt(500))), sale);
            boolean bar1 = random.nextBoolean();
            TerminalId writer = bar1 ? BAR_1 : BAR_2;
            SigningKey key = bar1 ? BAR_1_KEY : BAR_2_KEY;
            int fault = random.nextInt(6);
            switch (fault) {
                case 0 -> tap.reader.inject(Fault.TEAR_AFTER_PAGE, random.nextInt(42));
                case 1 -> tap.reader.inject(Fault.TEAR_BEFORE_INCREMENT);
                case 2 -> tap.reader.inject(Fault.TEAR_AFTER_INCREMENT);
                default -> {}
            }
            WriteOutcome outcome = session.write(next, writer, key);
            tap.reader.clearFaults();
            if (outcome instanceof WriteOutcome.Interrupted) {
                torn++;
            }

            TagReading after = tap.again(tag).read();
            ChipState now = after.lastKnownState().orElseThrow();
            RecordId applied = now.lastRecord();
            assertThat(applied).as("tap %d", i).isIn(sale, onChip.lastRecord());
            if (outcome instanceof WriteOutcome.Written) {
                assertThat(applied).as("tap %d", i).isEqualTo(sale);
            }
            onChip = now;
        }
        assertThat(torn).as("the seed exercised tears").isGreaterThan(TAPS / 10);
        if (type == ChipType.AES_CLASS) {
            TagReading last = tap.again(tag).read();
            long bound = last.lastKnownState().orElseThrow().chipCounter();
            assertThat(tag.counter()).isBetween(bound - 1, bound);
        }
    }
}
