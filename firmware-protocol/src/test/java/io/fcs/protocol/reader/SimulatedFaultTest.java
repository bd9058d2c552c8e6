package io.fcs.protocol.reader;

import static io.fcs.protocol.tag.TagFixtures.BAR_1;
import static io.fcs.protocol.tag.TagFixtures.BAR_1_KEY;
import static io.fcs.protocol.tag.TagFixtures.FESTIVAL;
import static io.fcs.protocol.tag.TagFixtures.RECORD_1;
import static io.fcs.protocol.tag.TagFixtures.RECORD_2;
import static io.fcs.protocol.tag.TagFixtures.ROGUE;
import static io.fcs.protocol.tag.TagFixtures.ROGUE_KEY;
import static io.fcs.protocol.tag.TagFixtures.UID;
import static io.fcs.protocol.tag.TagFixtures.content;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.tag.ChipContent;
import io.fcs.protocol.tag.ChipState;
import io.fcs.protocol.tag.ChipStateCodec;
import io.fcs.protocol.tag.ChipType;
import io.fcs.protocol.tag.TagReading;
import io.fcs.protocol.tag.TagReading.ForgeryReason;
import io.fcs.protocol.tag.TagReading.ForkReason;
import io.fcs.protocol.tag.TagReading.TearKind;
import io.fcs.protocol.tag.TagReading.UnreadableReason;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WristbandLayout;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.util.Arrays;
import javax.smartcardio.CardException;
import javax.smartcardio.CardNotPresentException;
import javax.smartcardio.CardTerminals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every fault of the simulator ends in the reading a terminal must act on. */
class SimulatedFaultTest {

    private final Tap tap = new Tap();

    /** An initialised wristband with one sale on it (balance 50.00, record 1). */
    private SimulatedTag soldTo(ChipType type) throws CardException {
        SimulatedTag tag = type == ChipType.AES_CLASS ? SimulatedTag.aesClass(UID) : SimulatedTag.ntag(type, UID);
        tap.reader.present(tag);
        WristbandSession session = tap.session();
        assertThat(session.initialise()).isInstanceOf(InitialiseOutcome.Initialised.class);
        assertThat(session.write(content(5000, RECORD_1), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
        return tag;
    }

    private static ChipContent sale(long balance) {
        return content(balance, RECORD_2);
    }

    @ParameterizedTest
    @EnumSource(
            value = ChipType.class,
            names = {"AES_CLASS", "NTAG215"})
    void aTearAtAnyPageOfTheSlotWriteRecoversThePreviousState(ChipType type) throws CardException {
        for (int n = 0; n <= 42; n++) {
            int pages = n;
            tap.reader.clearFaults();
            SimulatedTag tag = soldTo(type);
            WristbandSession session = tap.again(tag);
            session.read();
            assertThat(session.write(sale(4500), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
            ChipState before = ((TagReading.Valid) tap.again(tag).read()).state();
            session = tap.again(tag);
            session.read();
            // the third write goes to slot A, over the first state
            tap.reader.inject(Fault.TEAR_AFTER_PAGE, pages);
            WriteOutcome outcome = session.write(content(4000, RECORD_1), BAR_1, BAR_1_KEY);
            if (pages == 42) {
                assertThat(outcome).isInstanceOf(WriteOutcome.Written.class);
                continue;
            }
            assertThat(outcome)
                    .as("tear after %d pages", pages)
                    .isInstanceOfSatisfying(WriteOutcome.Interrupted.class, i -> {
                        assertThat(i.step()).isEqualTo(WriteOutcome.WriteStep.WRITING_SLOT);
                        assertThat(i.pagesWritten()).isEqualTo(pages);
                    });

            TagReading next = tap.again(tag).read();
            if (pages == 0) {
                assertThat(next).as("nothing written").isInstanceOf(TagReading.Valid.class);
            } else {
                assertThat(next)
                        .as("tear after %d pages", pages)
                        .isInstanceOfSatisfying(TagReading.Torn.class, torn -> {
                            assertThat(torn.kind()).isEqualTo(TearKind.WRITE_INTERRUPTED);
                            assertThat(torn.nextWriteSlot()).isEqualTo(WristbandLayout.Slot.A);
                        });
            }
            assertThat(next.lastKnownState()).as("tear after %d pages", pages).contains(before);
            assertThat(before.lastRecord()).isEqualTo(RECORD_2);
        }
    }

    @Test
    void aTornWristbandTakesTheNextWriteAndReadsValidAfterwards() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        WristbandSession session = tap.again(tag);
        session.read();
        tap.reader.inject(Fault.TEAR_AFTER_PAGE, 20);
        assertThat(session.write(sale(4500), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Interrupted.class);

        WristbandSession retry = tap.again(tag);
        assertThat(retry.read()).isInstanceOf(TagReading.Torn.class);
        assertThat(retry.write(sale(4500), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
        assertThat(tap.again(tag).read()).isInstanceOfSatisfying(TagReading.Valid.class, v -> {
            assertThat(v.state().lastRecord()).isEqualTo(RECORD_2);
            assertThat(v.state().generation()).isEqualTo(2);
            assertThat(v.chipCounter()).isEqualTo(2);
        });
    }

    @Test
    void aTornFirstWriteLeavesAWristbandThatAcceptsItsFirstStateAgain() throws CardException {
        SimulatedTag tag = SimulatedTag.aesClass(UID);
        tap.reader.present(tag);
        WristbandSession session = tap.session();
        session.initialise();
        tap.reader.inject(Fault.TEAR_AFTER_PAGE, 10);
        assertThat(session.write(content(5000, RECORD_1), BAR_1, BAR_1_KEY))
                .isInstanceOf(WriteOutcome.Interrupted.class);
        WristbandSession next = tap.again(tag);
        assertThat(next.read()).isInstanceOfSatisfying(TagReading.Torn.class, t -> assertThat(t.recovered())
                .isEmpty());
        assertThat(next.write(content(5000, RECORD_1), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
        assertThat(tap.again(tag).read()).isInstanceOf(TagReading.Valid.class);
    }

    @Test
    void aTearBeforeTheIncrementLeavesTheNewStateWhichTheNextWriteCompletes() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        WristbandSession session = tap.again(tag);
        session.read();
        tap.reader.inject(Fault.TEAR_BEFORE_INCREMENT);
        assertThat(session.write(sale(4500), BAR_1, BAR_1_KEY))
                .isInstanceOfSatisfying(WriteOutcome.Interrupted.class, i -> {
                    assertThat(i.step()).isEqualTo(WriteOutcome.WriteStep.INCREMENTING_COUNTER);
                    assertThat(i.pagesWritten()).isEqualTo(42);
                });
        assertThat(tag.counter()).isEqualTo(1);

        WristbandSession next = tap.again(tag);
        assertThat(next.read()).isInstanceOfSatisfying(TagReading.Torn.class, torn -> {
            assertThat(torn.kind()).isEqualTo(TearKind.COUNTER_NOT_INCREMENTED);
            assertThat(torn.recovered().orElseThrow().lastRecord()).isEqualTo(RECORD_2);
        });
        assertThat(next.write(content(4000, RECORD_1), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
        assertThat(tag.counter()).isEqualTo(3);
        assertThat(tap.again(tag).read()).isInstanceOfSatisfying(TagReading.Valid.class, v -> assertThat(
                        v.state().chipCounter())
                .isEqualTo(3));
    }

    @Test
    void aTearAfterTheIncrementLeavesACompleteWrite() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        WristbandSession session = tap.again(tag);
        session.read();
        tap.reader.inject(Fault.TEAR_AFTER_INCREMENT);
        assertThat(session.write(sale(4500), BAR_1, BAR_1_KEY))
                .isInstanceOfSatisfying(WriteOutcome.Interrupted.class, i -> assertThat(i.step())
                        .isEqualTo(WriteOutcome.WriteStep.INCREMENTING_COUNTER));
        assertThat(tap.again(tag).read()).isInstanceOfSatisfying(TagReading.Valid.class, v -> assertThat(
                        v.state().lastRecord())
                .isEqualTo(RECORD_2));
    }

    @Test
    void aTagThatNeverComesTimesOutAndCannotBeConnected() throws CardException {
        tap.reader.present(SimulatedTag.aesClass(UID));
        tap.reader.inject(Fault.NEVER_PRESENT);
        assertThat(tap.reader.waitForCardPresent(20)).isFalse();
        assertThat(tap.reader.isCardPresent()).isFalse();
        assertThatThrownBy(() -> tap.reader.connect("*")).isInstanceOf(CardNotPresentException.class);
        assertThat(tap.readers.terminals().list(CardTerminals.State.CARD_PRESENT))
                .isEmpty();
        tap.reader.clearFaults();
        assertThat(tap.reader.waitForCardPresent(20)).isTrue();
    }

    @Test
    void aOneOffCorruptedReadIsReadPast() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        WristbandSession session = tap.again(tag);
        tap.reader.inject(Fault.CORRUPT_READ);
        assertThat(session.read()).isInstanceOfSatisfying(TagReading.Valid.class, v -> assertThat(
                        v.state().balance())
                .isEqualTo(Money.eur(5000)));
    }

    @Test
    void aCorruptedReadInsideASlotIsReadPast() throws CardException {
        SimulatedTag tag = soldTo(ChipType.NTAG216);
        WristbandSession session = tap.again(tag);
        session.read();
        // a later read in the same session: the glitch lands in whichever 4-page block comes first
        tap.reader.inject(Fault.CORRUPT_READ);
        assertThat(session.read()).isInstanceOf(TagReading.Valid.class);
    }

    @Test
    void readsThatKeepChangingAreUnstable() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        WristbandSession session = tap.again(tag);
        tap.reader.inject(Fault.CORRUPT_EVERY_READ);
        assertThat(session.read()).isInstanceOfSatisfying(TagReading.Unreadable.class, u -> assertThat(u.reason())
                .isEqualTo(UnreadableReason.UNSTABLE_READ));
    }

    @Test
    void aCloneWithItsOwnCounterIsDetectedAsAFork() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        WristbandSession session = tap.again(tag);
        session.read();
        session.write(sale(4500), BAR_1, BAR_1_KEY);
        session.write(content(4000, RECORD_1), BAR_1, BAR_1_KEY);
        tap.reader.inject(Fault.CLONED_TAG, 0);
        assertThat(tap.session().read()).isInstanceOfSatisfying(TagReading.Forked.class, f -> {
            assertThat(f.reason()).isEqualTo(ForkReason.CHIP_COUNTER_BEHIND_STATE);
            assertThat(f.chipCounter()).isZero();
            assertThat(f.state().chipCounter()).isEqualTo(3);
        });
    }

    @Test
    void aCloneOfAnNtagWithALowerCounterIsDetectedAsAFork() throws CardException {
        SimulatedTag tag = soldTo(ChipType.NTAG215);
        for (int taps = 0; taps < 2; taps++) {
            WristbandSession session = tap.again(tag);
            session.read();
            session.write(sale(4500 - taps), BAR_1, BAR_1_KEY);
        }
        // the clone's own NFC counter counts this tap too (0 -> 1), the state binds 2
        tap.reader.inject(Fault.CLONED_TAG, 0);
        assertThat(tap.session().read()).isInstanceOf(TagReading.Forked.class);
    }

    @Test
    void aRestoredDumpOfAnAesWristbandIsARollback() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        tap.reader.inject(Fault.ROLLED_BACK_DUMP);
        WristbandSession session = tap.session();
        session.read();
        assertThat(session.write(sale(1000), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
        assertThat(tap.again(tag).read()).isInstanceOfSatisfying(TagReading.RolledBack.class, r -> {
            assertThat(r.state().balance()).isEqualTo(Money.eur(5000));
            assertThat(r.chipCounter()).isEqualTo(2);
        });
    }

    @Test
    void aRestoredDumpOfAnNtagCannotBeToldFromTheChipAlone() throws CardException {
        SimulatedTag tag = soldTo(ChipType.NTAG215);
        tap.reader.inject(Fault.ROLLED_BACK_DUMP);
        WristbandSession session = tap.session();
        session.read();
        session.write(sale(1000), BAR_1, BAR_1_KEY);
        assertThat(tap.again(tag).read()).isInstanceOfSatisfying(TagReading.Valid.class, v -> {
            assertThat(v.state().balance()).isEqualTo(Money.eur(5000));
            assertThat(v.rollbackDetectable()).isFalse();
        });
    }

    @Test
    void anUnpluggedReaderFailsEveryCallAndLeavesTheList() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        WristbandSession session = tap.again(tag);
        tap.reader.inject(Fault.READER_UNPLUGGED);
        assertThat(session.read()).isInstanceOfSatisfying(TagReading.Unreadable.class, u -> assertThat(u.reason())
                .isEqualTo(UnreadableReason.READER_FAILURE));
        assertThatThrownBy(() -> tap.reader.connect("*")).isInstanceOf(CardException.class);
        assertThatThrownBy(() -> tap.reader.isCardPresent()).isInstanceOf(CardException.class);
        assertThat(tap.readers.terminals().list()).isEmpty();
        tap.reader.clearFaults();
        assertThat(tap.readers.terminals().list()).hasSize(1);
    }

    @Test
    void aTagTakenAwayMidReadIsReportedAsRemoved() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        WristbandSession session = tap.again(tag);
        assertThat(session.identify()).isInstanceOf(TagIdentity.Identified.class);
        tap.reader.remove();
        assertThat(session.read()).isInstanceOfSatisfying(TagReading.Unreadable.class, u -> {
            assertThat(u.reason()).isEqualTo(UnreadableReason.TAG_REMOVED);
            assertThat(u.uid()).contains(UID);
        });
    }

    @Test
    void anotherFestivalsKeyFailsAuthentication() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        tap.again(tag);
        WristbandKeys otherFestival =
                WristbandKeys.of(Bytes.fromHex("000102030405060708090a0b0c0d0e0f"), FestivalId.random());
        assertThat(tap.session(otherFestival).read())
                .isInstanceOfSatisfying(TagReading.Unreadable.class, u -> assertThat(u.reason())
                        .isEqualTo(UnreadableReason.AUTHENTICATION_FAILED));
        assertThat(tap.session(otherFestival).initialise())
                .isInstanceOfSatisfying(InitialiseOutcome.Refused.class, r -> assertThat(r.reason())
                        .isEqualTo(InitialiseOutcome.Reason.FOREIGN_KEY));
    }

    @Test
    void aStateForgedByAnUnknownTerminalOnAnNtagIsAForgery() throws CardException {
        SimulatedTag tag = soldTo(ChipType.NTAG215);
        ChipState rogue = new ChipState(9, 0, ROGUE, content(999_999, RECORD_2));
        writeSlotRaw(tag, WristbandLayout.Slot.B, ChipStateCodec.encodeSigned(rogue, UID, ROGUE_KEY));
        assertThat(tap.again(tag).read()).isInstanceOfSatisfying(TagReading.Forged.class, f -> assertThat(f.reason())
                .isEqualTo(ForgeryReason.UNKNOWN_WRITER));
    }

    @Test
    void aStateCopiedFromAnotherWristbandIsAForgery() throws CardException {
        SimulatedTag tag = soldTo(ChipType.NTAG215);
        TagUid other = TagUid.fromHex("04000000000001");
        ChipState copied = new ChipState(9, 0, BAR_1, content(999_999, RECORD_2));
        writeSlotRaw(tag, WristbandLayout.Slot.B, ChipStateCodec.encodeSigned(copied, other, BAR_1_KEY));
        assertThat(tap.again(tag).read()).isInstanceOfSatisfying(TagReading.Forged.class, f -> assertThat(f.reason())
                .isEqualTo(ForgeryReason.BAD_SIGNATURE));
    }

    private static void writeSlotRaw(SimulatedTag tag, WristbandLayout.Slot slot, byte[] bytes) {
        for (int page = 0; page < WristbandLayout.SLOT_PAGES; page++) {
            tag.overwritePage(slot.firstPage() + page, Arrays.copyOfRange(bytes, page * 4, page * 4 + 4));
        }
    }

    @Test
    void anUnknownTagTypeIsIdentifiedAsSuchAndNeverRead() throws CardException {
        tap.reader.present(SimulatedTag.unknown(UID, Bytes.fromHex("0004040201000b03")));
        WristbandSession session = tap.session();
        assertThat(session.identify())
                .isInstanceOfSatisfying(TagIdentity.UnknownType.class, u -> assertThat(u.version())
                        .isEqualTo(Bytes.fromHex("0004040201000b03")));
        assertThat(session.read()).isInstanceOfSatisfying(TagReading.Unreadable.class, u -> assertThat(u.reason())
                .isEqualTo(UnreadableReason.UNKNOWN_TAG_TYPE));
        assertThat(session.initialise())
                .isInstanceOfSatisfying(InitialiseOutcome.Refused.class, r -> assertThat(r.reason())
                        .isEqualTo(InitialiseOutcome.Reason.UNSUPPORTED_TAG));
    }

    @Test
    void anNtag213IsKnownButTooSmall() throws CardException {
        tap.reader.present(SimulatedTag.ntag(ChipType.NTAG213, UID));
        WristbandSession session = tap.session();
        assertThat(session.identify()).isInstanceOf(TagIdentity.Unsupported.class);
        assertThat(session.read()).isInstanceOfSatisfying(TagReading.Unreadable.class, u -> assertThat(u.reason())
                .isEqualTo(UnreadableReason.UNSUPPORTED_CHIP));
    }

    @Test
    void factoryTagsReadAsUnformattedBlanksAndRefuseWrites() throws CardException {
        for (SimulatedTag tag :
                new SimulatedTag[] {SimulatedTag.aesClass(UID), SimulatedTag.ntag(ChipType.NTAG216, UID)}) {
            tap.reader.present(tag);
            WristbandSession session = tap.session();
            assertThat(session.read()).isInstanceOfSatisfying(TagReading.Blank.class, b -> assertThat(b.formatted())
                    .isFalse());
            assertThat(session.write(content(100, RECORD_1), BAR_1, BAR_1_KEY))
                    .isInstanceOfSatisfying(WriteOutcome.Refused.class, r -> assertThat(r.reason())
                            .isEqualTo(WriteOutcome.Refusal.NOT_INITIALISED));
        }
    }

    @Test
    void initialisingAnEncodedWristbandIsRefusedAndChangesNothing() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        byte[] before = tag.exportMemory();
        assertThat(tap.again(tag).initialise())
                .isInstanceOfSatisfying(InitialiseOutcome.Refused.class, r -> assertThat(r.reason())
                        .isEqualTo(InitialiseOutcome.Reason.ALREADY_INITIALISED));
        assertThat(tag.exportMemory()).isEqualTo(before);
    }

    @Test
    void aTearDuringInitialisationIsAFailureAndTheTagCanBeInitialisedAgain() throws CardException {
        SimulatedTag tag = SimulatedTag.aesClass(UID);
        tap.reader.present(tag);
        tap.reader.inject(Fault.TEAR_AFTER_PAGE, 3);
        assertThat(tap.session().initialise()).isInstanceOf(InitialiseOutcome.Failed.class);
        tap.reader.present(tag);
        assertThat(tap.session().initialise()).isInstanceOf(InitialiseOutcome.Initialised.class);
    }

    @Test
    void writesAreRefusedWithoutAReadOrForTheWrongFestivalWalletOrReading() throws CardException {
        SimulatedTag tag = soldTo(ChipType.AES_CLASS);
        WristbandSession session = tap.again(tag);
        assertThat(refusal(session.write(sale(1), BAR_1, BAR_1_KEY))).isEqualTo(WriteOutcome.Refusal.NOT_READ);
        session.read();
        ChipContent otherFestival = new ChipContent(
                FestivalId.random(),
                content(1, RECORD_2).wallet(),
                Money.eur(1),
                RECORD_2,
                java.util.Set.of(),
                content(1, RECORD_2).offline());
        assertThat(refusal(session.write(otherFestival, BAR_1, BAR_1_KEY)))
                .isEqualTo(WriteOutcome.Refusal.WRONG_FESTIVAL);
        ChipContent otherWallet = new ChipContent(
                FESTIVAL,
                WalletId.random(),
                Money.eur(1),
                RECORD_2,
                java.util.Set.of(),
                content(1, RECORD_2).offline());
        assertThat(refusal(session.write(otherWallet, BAR_1, BAR_1_KEY))).isEqualTo(WriteOutcome.Refusal.WRONG_WALLET);

        assertThat(session.write(sale(4500), BAR_1, BAR_1_KEY)).isInstanceOf(WriteOutcome.Written.class);
        tap.reader.inject(Fault.CLONED_TAG, 0);
        WristbandSession clone = tap.session();
        assertThat(clone.read()).isInstanceOf(TagReading.Forked.class);
        assertThat(refusal(clone.write(sale(1), BAR_1, BAR_1_KEY))).isEqualTo(WriteOutcome.Refusal.NOT_WRITABLE);
    }

    private static WriteOutcome.Refusal refusal(WriteOutcome outcome) {
        assertThat(outcome).isInstanceOf(WriteOutcome.Refused.class);
        return ((WriteOutcome.Refused) outcome).reason();
    }

    @Test
    void faultsNeedingATagRefuseAnEmptyReader() {
        assertThatThrownBy(() -> tap.reader.inject(Fault.CLONED_TAG)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tap.reader.inject(Fault.ROLLED_BACK_DUMP)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> tap.reader.inject(Fault.TEAR_AFTER_PAGE, -1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
