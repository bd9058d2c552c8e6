package io.fcs.terminal.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.tag.TagUid;
import io.fcs.protocol.tag.WristbandKeys;
import io.fcs.protocol.tag.WriterKeys;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import io.fcs.terminal.device.nfc.ChipState;
import io.fcs.terminal.device.nfc.SimulatedNfcReader;
import io.fcs.terminal.device.nfc.SmartcardNfcReader;
import io.fcs.terminal.store.TerminalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline allowance lives on the wristband (its offline-allowance field, per period), so two
 * bars cut off from the edge count the same allowance; a terminal whose clock is wrong sells
 * nothing offline.
 */
class OfflineAllowanceTest {

    private static final Duration WAIT = Duration.ofMillis(200);
    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final TerminalId BAR_A = TerminalId.random();
    private static final TerminalId BAR_B = TerminalId.random();
    private static final Ed25519.SigningKey KEY_A = Ed25519.generate();
    private static final Ed25519.SigningKey KEY_B = Ed25519.generate();
    private static final TagUid UID = TagUid.fromHex("04a1b2c3d4e5f6");
    private static final FestivalTime TIME = FestivalTime.of("Europe/Paris");
    private static final Instant SATURDAY_NIGHT = Instant.parse("2026-07-11T20:00:00Z");

    @TempDir
    Path dir;

    private final Authoriser edgeDown =
            (recordId, uid, walletId, amount, balance, counter, timeout) -> new Authoriser.Unreachable("partition");
    private TerminalStore storeA;
    private TerminalStore storeB;
    private SimulatedNfcReader readerA;
    private SimulatedNfcReader readerB;
    private SimulatedTag tag;

    @BeforeEach
    void setUp() {
        storeA = TerminalStore.open(dir.resolve("a"));
        storeB = TerminalStore.open(dir.resolve("b"));
        WriterKeys writers = WriterKeys.of(Map.of(BAR_A, KEY_A.verificationKey(), BAR_B, KEY_B.verificationKey()));
        readerA = new SimulatedNfcReader(
                new SmartcardNfcReader.Keys(WristbandKeys.of(new byte[16], FESTIVAL), writers, BAR_A, KEY_A));
        readerB = new SimulatedNfcReader(
                new SmartcardNfcReader.Keys(WristbandKeys.of(new byte[16], FESTIVAL), writers, BAR_B, KEY_B));
        tag = readerA.issue(UID, WalletId.random(), Money.eur(5000), BAR_A, KEY_A);
    }

    @AfterEach
    void tearDown() {
        storeA.close();
        storeB.close();
    }

    private WalletTaps bar(
            TerminalId id, Ed25519.SigningKey key, TerminalStore store, SimulatedNfcReader reader, Instant now) {
        return new WalletTaps(
                reader,
                store,
                new StoreRecordBook(store, new SignedRecordCodec(key, FESTIVAL, id), () -> {}),
                edgeDown,
                new OfflinePolicy(Money.eur(1000), TIME),
                Clock.fixed(now, ZoneOffset.UTC),
                Currency.EUR);
    }

    private TapOutcome payAt(WalletTaps taps, SimulatedNfcReader reader, long minor) {
        readerA.device().remove();
        readerB.device().remove();
        reader.device().present(tag);
        return taps.pay(
                Money.eur(minor),
                new WalletTaps.Context("Alice", "", List.of(new RecordDraft.Line("BEER", 1, minor)), ""),
                WAIT);
    }

    private ChipState chip(WalletTaps taps, SimulatedNfcReader reader) {
        readerA.device().remove();
        readerB.device().remove();
        reader.device().present(tag);
        return taps.readout(WAIT).orElseThrow().state();
    }

    @Test
    void theAllowanceSpentAtOneBarIsOnTheChipAndCountsAtTheNextBar() {
        WalletTaps barA = bar(BAR_A, KEY_A, storeA, readerA, SATURDAY_NIGHT);
        WalletTaps barB = bar(BAR_B, KEY_B, storeB, readerB, SATURDAY_NIGHT);

        TapOutcome atA = payAt(barA, readerA, 600);
        TapOutcome atB = payAt(barB, readerB, 600);
        TapOutcome smallAtB = payAt(barB, readerB, 400);

        assertThat(atA).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.authority())
                .isEqualTo(TapOutcome.Authority.OFFLINE));
        assertThat(atB).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.OFFLINE_LIMIT));
        assertThat(smallAtB).isInstanceOf(TapOutcome.Approved.class);
        long saturday = TIME.festivalDay(SATURDAY_NIGHT).toEpochDay();
        assertThat(chip(barB, readerB).offline()).isEqualTo(new ChipState.Offline(saturday, 1000, 0));
        assertThat(chip(barB, readerB).balance()).isEqualTo(Money.eur(4000));
    }

    @Test
    void theAllowanceRenewsWithTheNextFestivalDay() {
        WalletTaps saturday = bar(BAR_A, KEY_A, storeA, readerA, SATURDAY_NIGHT);
        WalletTaps sunday = bar(BAR_B, KEY_B, storeB, readerB, SATURDAY_NIGHT.plus(Duration.ofDays(1)));

        assertThat(payAt(saturday, readerA, 1000)).isInstanceOf(TapOutcome.Approved.class);
        assertThat(payAt(sunday, readerB, 1000)).isInstanceOf(TapOutcome.Approved.class);

        assertThat(chip(sunday, readerB).offline().spentMinor()).isEqualTo(1000);
        assertThat(chip(sunday, readerB).offline().period())
                .isEqualTo(TIME.festivalDay(SATURDAY_NIGHT).toEpochDay() + 1);
    }

    @Test
    void aSaleAuthorisedByTheEdgeLeavesTheChipsOfflineCountAlone() {
        WalletTaps offline = bar(BAR_A, KEY_A, storeA, readerA, SATURDAY_NIGHT);
        assertThat(payAt(offline, readerA, 300)).isInstanceOf(TapOutcome.Approved.class);
        WalletTaps online = new WalletTaps(
                readerB,
                storeB,
                new StoreRecordBook(storeB, new SignedRecordCodec(KEY_B, FESTIVAL, BAR_B), () -> {}),
                (recordId, uid, walletId, amount, balance, counter, timeout) ->
                        new Authoriser.Granted(balance.minus(amount)),
                new OfflinePolicy(Money.eur(1000), TIME),
                Clock.fixed(SATURDAY_NIGHT, ZoneOffset.UTC),
                Currency.EUR);

        assertThat(payAt(online, readerB, 2000))
                .isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.authority())
                        .isEqualTo(TapOutcome.Authority.EDGE));

        assertThat(chip(online, readerB).offline().spentMinor()).isEqualTo(300);
    }

    @Test
    void noOfflineSaleWhileTheTerminalClockIsFarFromTheEdges() {
        WalletTaps barA = bar(BAR_A, KEY_A, storeA, readerA, SATURDAY_NIGHT);
        AtomicLong skew = new AtomicLong(OfflinePolicy.MAX_CLOCK_SKEW.toMillis() + 1);
        barA.clockSkew(skew::get);

        TapOutcome wrongClock = payAt(barA, readerA, 300);
        skew.set(-1500);
        TapOutcome rightClock = payAt(barA, readerA, 300);

        assertThat(wrongClock).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.CLOCK_WRONG));
        assertThat(rightClock).isInstanceOf(TapOutcome.Approved.class);
        assertThat(storeA.journalOfKind("SALE")).singleElement();
    }

    @Test
    void aTerminalWhoseClockIsBehindTheChipsOfflinePeriodSellsNothingOffline() {
        WalletTaps ahead = bar(BAR_A, KEY_A, storeA, readerA, SATURDAY_NIGHT.plus(Duration.ofDays(1)));
        WalletTaps behind = bar(BAR_B, KEY_B, storeB, readerB, SATURDAY_NIGHT);
        assertThat(payAt(ahead, readerA, 300)).isInstanceOf(TapOutcome.Approved.class);

        TapOutcome outcome = payAt(behind, readerB, 300);

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.CLOCK_WRONG));
        assertThat(storeB.journalOfKind("SALE")).isEmpty();
    }

    @Test
    void anOwedChipStateKeepsItsOfflineCountInTheStore() {
        ChipState owed = new ChipState("w", Money.eur(100), 3, "r", false, new ChipState.Offline(20645, 600, 400));

        assertThat(ChipState.fromLocalBytes(owed.toLocalBytes())).isEqualTo(owed);
        assertThat(ChipState.fromLocalBytes(
                                "v1\nw\n100\nEUR\n3\nr\nfalse".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .offline())
                .isEqualTo(ChipState.Offline.NONE);
    }
}
