package io.fcs.protocol.tag;

import static io.fcs.protocol.tag.TagFixtures.BAR_1;
import static io.fcs.protocol.tag.TagFixtures.BAR_1_KEY;
import static io.fcs.protocol.tag.TagFixtures.RECORD_1;
import static io.fcs.protocol.tag.TagFixtures.RECORD_2;
import static io.fcs.protocol.tag.TagFixtures.ROGUE;
import static io.fcs.protocol.tag.TagFixtures.ROGUE_KEY;
import static io.fcs.protocol.tag.TagFixtures.UID;
import static io.fcs.protocol.tag.TagFixtures.WRITERS;
import static io.fcs.protocol.tag.TagFixtures.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.tag.TagReading.ForgeryReason;
import io.fcs.protocol.tag.TagReading.ForkReason;
import io.fcs.protocol.tag.TagReading.TearKind;
import io.fcs.protocol.tag.TagReading.UnreadableReason;
import io.fcs.protocol.tag.WristbandLayout.Slot;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TagAssessmentTest {

    private static final byte[] EMPTY = new byte[WristbandLayout.SLOT_LENGTH];

    private static byte[] slot(long generation, long counter, long balance) {
        return ChipStateCodec.encodeSigned(state(generation, counter, balance), UID, BAR_1_KEY);
    }

    private static ChipState state(long generation, long counter, long balance) {
        return new ChipState(generation, counter, BAR_1, content(balance, generation % 2 == 0 ? RECORD_2 : RECORD_1));
    }

    private static byte[] interrupted(byte[] slot) {
        byte[] torn = slot.clone();
        Arrays.fill(torn, 0, 4, (byte) 0);
        return torn;
    }

    private static TagReading aes(byte[] a, byte[] b, long counter) {
        return assess(ChipType.AES_CLASS, a, b, counter);
    }

    private static TagReading ntag(byte[] a, byte[] b, long counter) {
        return assess(ChipType.NTAG215, a, b, counter);
    }

    private static TagReading assess(ChipType chip, byte[] a, byte[] b, long counter) {
        return TagAssessment.assess(
                new TagImage(chip, UID, WristbandLayout.header(chip.profile()), a, b, counter), WRITERS);
    }

    @Test
    void aTagWithoutHeaderAndWithEmptySlotsIsAnUnformattedBlank() {
        TagImage image = new TagImage(ChipType.NTAG215, UID, new byte[] {3, 0, (byte) 0xFE, 0}, EMPTY, EMPTY, 0);
        assertThat(TagAssessment.assess(image, WRITERS))
                .isEqualTo(new TagReading.Blank(UID, ChipType.NTAG215, false, 0));
    }

    @Test
    void aTagWithHeaderAndEmptySlotsIsAFormattedBlank() {
        assertThat(aes(EMPTY, EMPTY, 0)).isEqualTo(new TagReading.Blank(UID, ChipType.AES_CLASS, true, 0));
    }

    @Test
    void dataWithoutOurHeaderIsAForeignLayout() {
        TagImage image =
                new TagImage(ChipType.NTAG215, UID, new byte[] {3, 0x10, (byte) 0xD1, 1}, slot(1, 0, 5), EMPTY, 0);
        assertThat(TagAssessment.assess(image, WRITERS))
                .isInstanceOfSatisfying(TagReading.Unreadable.class, u -> assertThat(u.reason())
                        .isEqualTo(UnreadableReason.FOREIGN_LAYOUT));
    }

    @Test
    void aHeaderOfAnotherLayoutVersionOrProfileIsAForeignLayout() {
        TagImage otherVersion = new TagImage(ChipType.AES_CLASS, UID, new byte[] {0x46, 0x57, 2, 1}, EMPTY, EMPTY, 0);
        TagImage otherProfile = new TagImage(ChipType.AES_CLASS, UID, new byte[] {0x46, 0x57, 1, 2}, EMPTY, EMPTY, 0);
        for (TagImage image : new TagImage[] {otherVersion, otherProfile}) {
            assertThat(TagAssessment.assess(image, WRITERS))
                    .isInstanceOfSatisfying(TagReading.Unreadable.class, u -> assertThat(u.reason())
                            .isEqualTo(UnreadableReason.FOREIGN_LAYOUT));
        }
    }

    @Test
    void theNewerOfTwoValidSlotsIsTheState() {
        assertThat(aes(slot(1, 1, 5000), slot(2, 2, 4500), 2))
                .isEqualTo(new TagReading.Valid(UID, ChipType.AES_CLASS, state(2, 2, 4500), 2, Slot.A));
        assertThat(aes(slot(3, 3, 4000), slot(2, 2, 4500), 3))
                .isEqualTo(new TagReading.Valid(UID, ChipType.AES_CLASS, state(3, 3, 4000), 3, Slot.B));
    }

    @Test
    void aDamagedNewSlotIsATearThatRecoversTheOtherSlot() {
        assertThat(aes(slot(1, 1, 5000), interrupted(slot(2, 2, 4500)), 1))
                .isEqualTo(new TagReading.Torn(
                        UID,
                        ChipType.AES_CLASS,
                        TearKind.WRITE_INTERRUPTED,
                        java.util.Optional.of(state(1, 1, 5000)),
                        1,
                        Slot.B));
    }

    @Test
    void aTornFirstWriteRecoversNothing() {
        TagReading reading = aes(interrupted(slot(1, 1, 5000)), EMPTY, 0);
        assertThat(reading)
                .isEqualTo(new TagReading.Torn(
                        UID, ChipType.AES_CLASS, TearKind.WRITE_INTERRUPTED, java.util.Optional.empty(), 0, Slot.A));
    }

    @Test
    void aCompleteStateOneAheadOfTheCounterIsATearBeforeTheIncrement() {
        assertThat(aes(slot(1, 1, 5000), slot(2, 2, 4500), 1))
                .isEqualTo(new TagReading.Torn(
                        UID,
                        ChipType.AES_CLASS,
                        TearKind.COUNTER_NOT_INCREMENTED,
                        java.util.Optional.of(state(2, 2, 4500)),
                        1,
                        Slot.A));
    }

    @Test
    void aStateBehindTheAesCounterIsARollback() {
        assertThat(aes(slot(1, 1, 5000), slot(2, 2, 4500), 5))
                .isEqualTo(new TagReading.RolledBack(UID, ChipType.AES_CLASS, state(2, 2, 4500), 5));
    }

    @Test
    void aStateAheadOfTheCounterByMoreThanOneIsAClone() {
        assertThat(aes(slot(7, 7, 5000), slot(8, 8, 4500), 0))
                .isEqualTo(new TagReading.Forked(
                        UID, ChipType.AES_CLASS, ForkReason.CHIP_COUNTER_BEHIND_STATE, state(8, 8, 4500), 0));
        assertThat(ntag(slot(7, 7, 5000), slot(8, 8, 4500), 6))
                .isInstanceOfSatisfying(TagReading.Forked.class, f -> assertThat(f.reason())
                        .isEqualTo(ForkReason.CHIP_COUNTER_BEHIND_STATE));
    }

    @Test
    void twoValidSlotsOfOneGenerationAreAFork() {
        assertThat(aes(slot(2, 2, 5000), slot(2, 2, 4500), 2))
                .isInstanceOfSatisfying(TagReading.Forked.class, f -> assertThat(f.reason())
                        .isEqualTo(ForkReason.SAME_GENERATION_TWICE));
    }

    @Test
    void aNewerStateBindingNoHigherAesCounterIsAFork() {
        assertThat(aes(slot(1, 2, 5000), slot(2, 2, 4500), 2))
                .isInstanceOfSatisfying(TagReading.Forked.class, f -> assertThat(f.reason())
                        .isEqualTo(ForkReason.COUNTER_NOT_INCREASING));
    }

    @Test
    void onNtagAStateBehindTheNfcCounterIsValidBecauseEveryTapCounts() {
        assertThat(ntag(slot(1, 3, 5000), slot(2, 3, 4500), 9)).isInstanceOfSatisfying(TagReading.Valid.class, v -> {
            assertThat(v.state()).isEqualTo(state(2, 3, 4500));
            assertThat(v.rollbackDetectable()).isFalse();
        });
    }

    @Test
    void aNewestSlotWithABadSignatureIsAForgery() {
        byte[] forged = slot(2, 2, 999_999);
        forged[ChipStateCodec.OFF_BALANCE + 6] ^= 0x40;
        assertThat(aes(slot(1, 1, 5000), forged, 2))
                .isInstanceOfSatisfying(
                        TagReading.Forged.class, f -> assertThat(f.reason()).isEqualTo(ForgeryReason.BAD_SIGNATURE));
    }

    @Test
    void aNewestSlotFromAnUnknownTerminalIsAForgery() {
        byte[] rogue =
                ChipStateCodec.encodeSigned(new ChipState(2, 0, ROGUE, content(999_999, RECORD_2)), UID, ROGUE_KEY);
        assertThat(ntag(slot(1, 0, 5000), rogue, 4))
                .isInstanceOfSatisfying(
                        TagReading.Forged.class, f -> assertThat(f.reason()).isEqualTo(ForgeryReason.UNKNOWN_WRITER));
    }

    @Test
    void anOlderSlotFromAnUnknownTerminalIsIgnored() {
        byte[] rogue = ChipStateCodec.encodeSigned(new ChipState(1, 1, ROGUE, content(10, RECORD_1)), UID, ROGUE_KEY);
        assertThat(aes(rogue, slot(2, 2, 4500), 2)).isInstanceOf(TagReading.Valid.class);
    }

    @Test
    void aMalformedSlotIsAForgery() {
        byte[] malformed = slot(2, 2, 4500);
        malformed[ChipStateCodec.OFF_CURRENCY] = 0;
        assertThat(aes(slot(1, 1, 5000), malformed, 1))
                .isInstanceOfSatisfying(
                        TagReading.Forged.class, f -> assertThat(f.reason()).isEqualTo(ForgeryReason.MALFORMED));
        assertThat(aes(interrupted(slot(1, 1, 5)), interrupted(slot(2, 2, 5)), 1))
                .isInstanceOfSatisfying(
                        TagReading.Forged.class, f -> assertThat(f.reason()).isEqualTo(ForgeryReason.MALFORMED));
    }

    @Test
    void aStateOfAFutureFormatVersionIsUnreadableNotForged() {
        byte[] future = slot(2, 2, 4500);
        future[ChipStateCodec.OFF_VERSION] = 2;
        assertThat(aes(slot(1, 1, 5000), future, 2))
                .isInstanceOfSatisfying(TagReading.Unreadable.class, u -> assertThat(u.reason())
                        .isEqualTo(UnreadableReason.UNSUPPORTED_STATE_VERSION));
    }

    @Test
    void imagesOfTheWrongShapeAreRefused() {
        assertThatThrownBy(() -> new TagImage(ChipType.AES_CLASS, UID, new byte[3], EMPTY, EMPTY, 0))
                .hasMessageContaining("header");
        assertThatThrownBy(() -> new TagImage(ChipType.AES_CLASS, UID, new byte[4], new byte[163], EMPTY, 0))
                .hasMessageContaining("slot A");
        assertThatThrownBy(() -> new TagImage(ChipType.AES_CLASS, UID, new byte[4], EMPTY, null, 0))
                .hasMessageContaining("slot B");
        assertThatThrownBy(() -> new TagImage(ChipType.AES_CLASS, UID, new byte[4], EMPTY, EMPTY, -1))
                .hasMessageContaining("counter");
    }
}
