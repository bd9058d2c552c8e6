package io.fcs.terminal.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.Fault;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.record.RecordCodec;
import io.fcs.protocol.record.RecordDecoding;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WriterKeys;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import io.fcs.terminal.device.nfc.SimulatedNfcReader;
import io.fcs.terminal.device.nfc.SmartcardNfcReader;
import io.fcs.terminal.store.OutboxEntry;
import io.fcs.terminal.store.TerminalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole tap path over the protocol's simulated reader and tags, with each of its faults. */
class SimulatedReaderTapTest {

    private static final Duration WAIT = Duration.ofMillis(200);
    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final TerminalId BAR = TerminalId.random();
    private static final Ed25519.SigningKey BAR_KEY = Ed25519.generate();
    private static final TagUid UID = TagUid.fromHex("04a1b2c3d4e5f6");

    @TempDir
    Path dir;

    private TerminalStore store;
    private SimulatedNfcReader reader;
    private WalletTaps taps;
    private SimulatedTag tag;
    private final WalletTaps.Context bar =
            new WalletTaps.Context("Alice", "", List.of(new RecordDraft.Line("BEER", 1, 550)), "");

    @BeforeEach
    void setUp() {
        store = TerminalStore.open(dir);
        reader = new SimulatedNfcReader(new SmartcardNfcReader.Keys(
                WristbandKeys.of(new byte[16], FESTIVAL),
                WriterKeys.of(Map.of(BAR, BAR_KEY.verificationKey())),
                BAR,
                BAR_KEY));
        taps = new WalletTaps(
                reader,
                store,
                new StoreRecordBook(store, new SignedRecordCodec(BAR_KEY, FESTIVAL, BAR), () -> {}),
                (recordId, uid, walletId, amount, balance, counter, timeout) ->
                        new Authoriser.Granted(balance.minus(amount)),
                new OfflinePolicy(Money.eur(1000), FestivalTime.of("Europe/Paris")),
                Clock.fixed(Instant.parse("2026-07-10T20:00:00Z"), ZoneOffset.UTC),
                Currency.EUR);
        tag = reader.issue(UID, WalletId.random(), Money.eur(2000), BAR, BAR_KEY);
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private List<SignedRecord> records() {
        return store.unacknowledged(100).stream()
                .map(OutboxEntry::bytes)
                .map(RecordCodec::decodeSigned)
                .map(d -> ((RecordDecoding.Decoded<SignedRecord>) d).value())
                .toList();
    }

    private Money chipBalance() {
        reader.device().remove();
        reader.device().present(tag);
        return taps.readout(WAIT).orElseThrow().state().balance();
    }

    @Test
    void aSaleReadsVerifiesRecordsAndWritesTheSimulatedChip() {
        TapOutcome outcome = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.newBalance())
                .isEqualTo(Money.eur(1450)));
        assertThat(tag.counter()).isEqualTo(2);
        assertThat(records()).singleElement().satisfies(r -> {
            assertThat(r.record().chip()).hasValueSatisfying(c -> {
                assertThat(c.before()).isEqualTo(1);
                assertThat(c.after()).isEqualTo(2);
            });
            assertThat(r.isSignedBy(BAR_KEY.verificationKey())).isTrue();
        });
        assertThat(chipBalance()).isEqualTo(Money.eur(1450));
    }

    @Test
    void saleIsFinishedByTheNextTapWhenTheChipTearsAfterAFewPages() {
        reader.device().inject(Fault.TEAR_AFTER_PAGE, 5);

        TapOutcome torn = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(torn).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.TAP_AGAIN));
        assertThat(records()).hasSize(1);
        reader.device().clearFaults();
        reader.device().present(tag);

        TapOutcome completed = taps.completePending(WAIT);

        assertThat(completed).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.newBalance())
                .isEqualTo(Money.eur(1450)));
        assertThat(records()).hasSize(1);
        assertThat(store.pendingChipWrite(UID.hex())).isEmpty();
        assertThat(chipBalance()).isEqualTo(Money.eur(1450));
    }

    @Test
    void aCounterIncrementCutOffIsRecognisedAsLandedAndNotWrittenTwice() {
        reader.device().inject(Fault.TEAR_BEFORE_INCREMENT);

        TapOutcome torn = taps.pay(Money.eur(550), bar, WAIT);
        reader.device().clearFaults();
        reader.device().present(tag);
        TapOutcome next = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(torn).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.TAP_AGAIN));
        assertThat(next).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.newBalance())
                .isEqualTo(Money.eur(900)));
        assertThat(records()).hasSize(2);
        assertThat(chipBalance()).isEqualTo(Money.eur(900));
    }

    @Test
    void aCardRemovedBeforeTheWriteLeavesTheSalePendingForItsNextTap() {
        reader.device().inject(Fault.TEAR_AFTER_PAGE, 0);

        TapOutcome removed = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(removed).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.TAP_AGAIN));
        assertThat(store.pendingChipWrite(UID.hex())).isPresent();
        reader.device().clearFaults();
        assertThat(chipBalance()).isEqualTo(Money.eur(1450));
        assertThat(store.pendingChipWrite(UID.hex())).isEmpty();
        assertThat(records()).hasSize(1);
    }

    @Test
    void aClonedWristbandIsRefusedAsClonedAndBlocked() {
        taps.pay(Money.eur(550), bar, WAIT);
        reader.device().inject(Fault.CLONED_TAG, 0);

        TapOutcome outcome = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.CLONED));
        assertThat(store.wristbandDenied(UID.hex())).isPresent();
        assertThat(records()).hasSize(1);
    }

    @Test
    void aRolledBackDumpIsRefusedAndBlocked() {
        reader.device().inject(Fault.ROLLED_BACK_DUMP);
        taps.pay(Money.eur(550), bar, WAIT);
        reader.device().remove();
        reader.device().present(tag);

        TapOutcome outcome = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.ROLLED_BACK));
        assertThat(store.wristbandDenied(UID.hex())).isPresent();
        assertThat(records()).hasSize(1);
    }

    @Test
    void anUnpluggedReaderIsReportedAndNothingIsRecorded() {
        reader.device().inject(Fault.READER_UNPLUGGED);

        TapOutcome outcome = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.READER_UNAVAILABLE));
        assertThat(reader.present()).isFalse();
        assertThat(records()).isEmpty();
    }

    @Test
    void noTagBeforeTheWaitEndsChargesNothing() {
        reader.device().remove();

        assertThat(taps.pay(Money.eur(550), bar, WAIT))
                .isEqualTo(TapOutcome.Refused.of(TapOutcome.Reason.NO_WRISTBAND));
        assertThat(records()).isEmpty();
    }
}
