package io.fcs.protocol.tag;

import static io.fcs.protocol.tag.TagFixtures.BAR_1;
import static io.fcs.protocol.tag.TagFixtures.BAR_1_KEY;
import static io.fcs.protocol.tag.TagFixtures.UID;
import static io.fcs.protocol.tag.TagFixtures.WRITERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.RecordId;
import io.fcs.protocol.value.WalletId;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Seeded random generators: the same cases every run, a failure names its seed and case. */
class ChipStatePropertyTest {

    private static final long SEED = 0x5EED_C41BL;
    private static final String[] CURRENCIES = {"EUR", "CHF", "GBP", "DKK", "SEK"};

    static ChipState randomState(Random random) {
        Currency currency = Currency.of(CURRENCIES[random.nextInt(CURRENCIES.length)]);
        Set<ChipFlag> flags = EnumSet.noneOf(ChipFlag.class);
        for (ChipFlag flag : ChipFlag.values()) {
            if (random.nextBoolean()) {
                flags.add(flag);
            }
        }
        ChipContent content = new ChipContent(
                FestivalId.of(new UUID(random.nextLong(), random.nextLong())),
                WalletId.of(new UUID(random.nextLong(), random.nextLong())),
                Money.of(random.nextLong(), currency),
                RecordId.of(new UUID(random.nextLong(), random.nextLong())),
                flags,
                new OfflineAllowance(
                        random.nextLong(OfflineAllowance.MAX_FIELD + 1),
                        Money.of(random.nextLong(OfflineAllowance.MAX_FIELD + 1), currency),
                        Money.of(random.nextLong(OfflineAllowance.MAX_FIELD + 1), currency)));
        return new ChipState(
                1 + random.nextLong(ChipState.MAX_GENERATION),
                random.nextLong(WristbandLayout.COUNTER_MAX + 1),
                BAR_1,
                content);
    }

    @Test
    void everyStateRoundTripsThroughItsSlot() {
        Random random = new Random(SEED);
        for (int i = 0; i < 300; i++) {
            ChipState state = randomState(random);
            byte[] slot = ChipStateCodec.encodeSigned(state, UID, BAR_1_KEY);
            assertThat(ChipStateCodec.verify(slot, UID, WRITERS))
                    .as("case %d of seed %x", i, SEED)
                    .isEqualTo(new SlotVerdict.Verified(state));
        }
    }

    @Test
    void anySingleBitChangeOfASignedStateIsDetected() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < 3; i++) {
            ChipState state = randomState(random);
            byte[] slot = ChipStateCodec.encodeSigned(state, UID, BAR_1_KEY);
            for (int bit = 0; bit < slot.length * 8; bit++) {
                byte[] changed = slot.clone();
                changed[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThat(ChipStateCodec.verify(changed, UID, WRITERS))
                        .as("state %d, bit %d", i, bit)
                        .isNotInstanceOf(SlotVerdict.Verified.class);
            }
        }
    }

    @Test
    void aSingleBitChangeOfTheUidIsDetected() {
        byte[] slot = ChipStateCodec.encodeSigned(TagFixtures.fullState(), UID, BAR_1_KEY);
        byte[] uid = UID.bytes();
        for (int bit = 0; bit < uid.length * 8; bit++) {
            byte[] other = uid.clone();
            other[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(ChipStateCodec.verify(slot, TagUid.of(other), WRITERS))
                    .as("uid bit %d", bit)
                    .isInstanceOf(SlotVerdict.BadSignature.class);
        }
    }

    @Test
    void randomBytesNeverReadAsAValidWristband() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < 300; i++) {
            byte[] header = WristbandLayout.header(WristbandProfile.AES_CLASS);
            byte[] a = new byte[WristbandLayout.SLOT_LENGTH];
            byte[] b = new byte[WristbandLayout.SLOT_LENGTH];
            random.nextBytes(a);
            random.nextBytes(b);
            if (random.nextBoolean()) {
                a[0] = 1; // a plausible version byte, to get past the first check
            }
            TagImage image = new TagImage(ChipType.AES_CLASS, UID, header, a, b, random.nextInt(1 << 24));
            TagReading reading = TagAssessment.assess(image, WRITERS);
            assertThat(reading.lastKnownState()).as("case %d", i).isEmpty();
            assertThat(reading).as("case %d", i).isNotInstanceOf(TagReading.Valid.class);
        }
    }
}
