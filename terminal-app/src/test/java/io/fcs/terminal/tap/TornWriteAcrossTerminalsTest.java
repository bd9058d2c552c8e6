package io.fcs.terminal.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.Fault;
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
import io.fcs.terminal.device.nfc.SimulatedNfcReader;
import io.fcs.terminal.device.nfc.SmartcardNfcReader;
import io.fcs.terminal.store.JournalLine;
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

/**
 * A torn chip write at one bar, a sale at another bar on the same wristband, then the first bar's
 * "tap again": the chip must end up with the ledger's balance, never with the first bar's old
 * figure written over the second bar's sale (decision 0166). Simulated AES-class tags, the
 * production tap path, two terminals with their own stores, one edge for the zone.
 */
class TornWriteAcrossTerminalsTest {

    private static final Duration WAIT = Duration.ofMillis(200);
    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final TerminalId BAR_A = TerminalId.random();
    private static final TerminalId BAR_B = TerminalId.random();
    private static final Ed25519.SigningKey KEY_A = Ed25519.generate();
    private static final Ed25519.SigningKey KEY_B = Ed25519.generate();
    private static final TagUid UID = TagUid.fromHex("04c0ffee0a0b0c");
    private static final long START = 5_000;
    private static final Money BEER = Money.eur(550);
    private static final Money WINE = Money.eur(700);

    @TempDir
    Path dir;

    /** The zone's edge: the wallet's live balance, reachable or not. */
    private static final class Edge {
        long balance = START;
        boolean up = true;

        Authoriser authoriser() {
            return (recordId, uid, walletId, amount, chipBalance, chipCounter, timeout) -> {
                if (!up) {
                    return new Authoriser.Unreachable("edge down");
                }
                if (balance < amount.minor()) {
                    return new Authoriser.Declined(TapOutcome.Reason.INSUFFICIENT_FUNDS);
                }
                balance -= amount.minor();
                return new Authoriser.Granted(Money.eur(balance));
            };
        }
    }

    private final Edge edge = new Edge();
    private TerminalStore storeA;
    private TerminalStore storeB;
    private SimulatedNfcReader readerA;
    private SimulatedNfcReader readerB;
    private WalletTaps barA;
    private WalletTaps barB;
    private SimulatedTag tag;

    @BeforeEach
    void setUp() {
        WriterKeys writers = WriterKeys.of(Map.of(BAR_A, KEY_A.verificationKey(), BAR_B, KEY_B.verificationKey()));
        storeA = TerminalStore.open(dir.resolve("a"));
        storeB = TerminalStore.open(dir.resolve("b"));
        readerA = new SimulatedNfcReader(
                new SmartcardNfcReader.Keys(WristbandKeys.of(new byte[16], FESTIVAL), writers, BAR_A, KEY_A));
        readerB = new SimulatedNfcReader(
                new SmartcardNfcReader.Keys(WristbandKeys.of(new byte[16], FESTIVAL), writers, BAR_B, KEY_B));
        barA = taps(BAR_A, KEY_A, storeA, readerA);
        barB = taps(BAR_B, KEY_B, storeB, readerB);
        tag = readerA.issue(UID, WalletId.random(), Money.eur(START), BAR_A, KEY_A);
    }

    private WalletTaps taps(TerminalId id, Ed25519.SigningKey key, TerminalStore store, SimulatedNfcReader reader) {
        return new WalletTaps(
                reader,
                store,
                new StoreRecordBook(store, new SignedRecordCodec(key, FESTIVAL, id), () -> {}),
                edge.authoriser(),
                new OfflinePolicy(Money.eur(5000), FestivalTime.of("Europe/Paris")),
                Clock.fixed(Instant.parse("2026-07-10T20:00:00Z"), ZoneOffset.UTC),
                Currency.EUR);
    }

    @AfterEach
    void tearDown() {
        storeA.close();
        storeB.close();
    }

    private static WalletTaps.Context sale(String code, Money price) {
        return new WalletTaps.Context("Alice", "", List.of(new RecordDraft.Line(code, 1, price.minor())), "");
    }

    /** Moves the wristband to {@code to}'s reader, clearing any fault left on the other one. */
    private void handTo(SimulatedNfcReader to) {
        for (SimulatedNfcReader reader : List.of(readerA, readerB)) {
            reader.device().clearFaults();
            reader.device().remove();
        }
        to.device().present(tag);
    }

    /** Starting balance minus every sale both bars recorded: what the ledger will hold. */
    private Money ledger() {
        long sold = 0;
        for (TerminalStore store : List.of(storeA, storeB)) {
            sold += store.journalOfKind("SALE").stream()
                    .mapToLong(JournalLine::amountMinor)
                    .sum();
        }
        return Money.eur(START - sold);
    }

    private Money chip() {
        handTo(readerB);
        return barB.readout(WAIT).orElseThrow().state().balance();
    }

    private static void assertApproved(TapOutcome outcome) {
        assertThat(outcome).isInstanceOf(TapOutcome.Approved.class);
    }

    private static void assertTapAgain(TapOutcome outcome) {
        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.TAP_AGAIN));
    }

    @Test
    void aTornOfflineSaleFinishedAfterAnotherBarsOfflineSaleKeepsBothOnTheChip() {
        edge.up = false;
        readerA.device().inject(Fault.TEAR_AFTER_PAGE, 7);
        assertTapAgain(barA.pay(BEER, sale("BEER", BEER), WAIT));

        handTo(readerB);
        assertApproved(barB.pay(WINE, sale("WINE", WINE), WAIT));

        handTo(readerA);
        TapOutcome finished = barA.completePending(WAIT);

        assertApproved(finished);
        assertThat(storeA.pendingChipWrite(UID.hex())).isEmpty();
        assertThat(ledger()).isEqualTo(Money.eur(START - 550 - 700));
        assertThat(chip()).isEqualTo(ledger());
    }

    @Test
    void aTornOfflineSaleReBasedOntoAnotherBarsSaleAddsItsOfflineSpendingToTheChip() {
        edge.up = false;
        readerA.device().inject(Fault.TEAR_AFTER_PAGE, 3);
        barA.pay(BEER, sale("BEER", BEER), WAIT);
        handTo(readerB);
        barB.pay(WINE, sale("WINE", WINE), WAIT);
        handTo(readerA);
        barA.completePending(WAIT);

        handTo(readerB);
        assertThat(barB.readout(WAIT).orElseThrow().state().offline().spentMinor())
                .isEqualTo(550 + 700);
    }

    @Test
    void aTornEdgeSaleIsNotChargedTwiceWhenTheNextBarWroteTheEdgesBalance() {
        readerA.device().inject(Fault.TEAR_AFTER_PAGE, 12);
        assertTapAgain(barA.pay(BEER, sale("BEER", BEER), WAIT));

        handTo(readerB);
        assertApproved(barB.pay(WINE, sale("WINE", WINE), WAIT));

        handTo(readerA);
        assertApproved(barA.completePending(WAIT));

        assertThat(storeA.pendingChipWrite(UID.hex())).isEmpty();
        assertThat(ledger()).isEqualTo(Money.eur(edge.balance));
        assertThat(chip()).isEqualTo(ledger());
    }

    @Test
    void aTornEdgeSaleFinishedAfterAnOfflineSaleElsewhereIsAppliedOnTopOfIt() {
        readerA.device().inject(Fault.TEAR_AFTER_PAGE, 20);
        assertTapAgain(barA.pay(BEER, sale("BEER", BEER), WAIT));
        edge.up = false;

        handTo(readerB);
        assertApproved(barB.pay(WINE, sale("WINE", WINE), WAIT));

        handTo(readerA);
        assertApproved(barA.completePending(WAIT));

        assertThat(chip()).isEqualTo(ledger()).isEqualTo(Money.eur(START - 550 - 700));
    }

    @Test
    void aTornSaleThatLandedIsRecognisedAfterAnotherBarsSaleAndNotWrittenAgain() {
        edge.up = false;
        readerA.device().inject(Fault.TEAR_AFTER_INCREMENT);
        assertTapAgain(barA.pay(BEER, sale("BEER", BEER), WAIT));

        handTo(readerB);
        assertApproved(barB.pay(WINE, sale("WINE", WINE), WAIT));

        handTo(readerA);
        assertApproved(barA.completePending(WAIT));

        assertThat(storeA.pendingChipWrite(UID.hex())).isEmpty();
        assertThat(storeA.unresolvedChipWrites()).isEmpty();
        assertThat(chip()).isEqualTo(ledger()).isEqualTo(Money.eur(START - 550 - 700));
    }

    @Test
    void aTornSaleFinishedAfterTwoSalesElsewhereIsAppliedOnTopOfBoth() {
        edge.up = false;
        readerA.device().inject(Fault.TEAR_AFTER_PAGE, 9);
        assertTapAgain(barA.pay(BEER, sale("BEER", BEER), WAIT));
        handTo(readerB);
        assertApproved(barB.pay(WINE, sale("WINE", WINE), WAIT));
        handTo(readerB);
        assertApproved(barB.pay(WINE, sale("WINE", WINE), WAIT));

        handTo(readerA);
        assertApproved(barA.completePending(WAIT));

        assertThat(storeA.unresolvedChipWrites()).isEmpty();
        assertThat(chip()).isEqualTo(ledger()).isEqualTo(Money.eur(START - 550 - 700 - 700));
    }

    @Test
    void aTornSaleWrittenOverThreeTimesElsewhereIsKeptForReconciliationAndTheChipIsLeftAlone() {
        edge.up = false;
        readerA.device().inject(Fault.TEAR_AFTER_PAGE, 5);
        TapOutcome torn = barA.pay(BEER, sale("BEER", BEER), WAIT);
        for (int i = 0; i < 3; i++) {
            handTo(readerB);
            assertApproved(barB.pay(WINE, sale("WINE", WINE), WAIT));
        }
        Money beforeRetry = chip();

        handTo(readerA);
        barA.completePending(WAIT);

        assertThat(storeA.pendingChipWrite(UID.hex())).isEmpty();
        assertThat(storeA.unresolvedChipWrites()).singleElement().satisfies(u -> assertThat(u.recordId())
                .isEqualTo(((TapOutcome.Refused) torn).detail()));
        assertThat(chip()).isEqualTo(beforeRetry);
        assertThat(storeA.journalOfKind("SALE")).hasSize(1);
    }

    @Test
    void aTornSaleFinishedOnTheSameChipStateIsWrittenAsOwed() {
        edge.up = false;
        readerA.device().inject(Fault.TEAR_AFTER_PAGE, 30);
        assertTapAgain(barA.pay(BEER, sale("BEER", BEER), WAIT));

        handTo(readerA);
        assertApproved(barA.completePending(WAIT));

        assertThat(chip()).isEqualTo(ledger()).isEqualTo(Money.eur(START - 550));
    }

    @Test
    void anOwedWriteKeepsItsBaseStateAndAuthorityInTheStore() {
        io.fcs.terminal.device.nfc.ChipState base = new io.fcs.terminal.device.nfc.ChipState(
                "w",
                Money.eur(2000),
                4,
                "r0",
                false,
                new io.fcs.terminal.device.nfc.ChipState.Offline(20644, 100, 900),
                7);
        OwedWrite owed = new OwedWrite(base, base.next(Money.eur(1450), "r1"), TapOutcome.Authority.EDGE);

        assertThat(OwedWrite.fromLocalBytes(owed.toLocalBytes())).isEqualTo(owed);
        assertThat(OwedWrite.fromLocalBytes(base.toLocalBytes()).base()).isEmpty();
    }

    @Test
    void aRolledBackWristbandWithASaleStillPendingIsRefusedAndNothingIsWrittenOntoIt() {
        edge.up = false;
        readerA.device().inject(Fault.ROLLED_BACK_DUMP); // the attendee keeps an image of 50.00
        assertApproved(barA.pay(WINE, sale("WINE", WINE), WAIT));
        readerA.device().inject(Fault.TEAR_AFTER_PAGE, 4);
        assertTapAgain(barA.pay(BEER, sale("BEER", BEER), WAIT));
        readerA.device().remove();
        readerA.device().present(tag); // comes back with the old image restored
        long counterBefore = tag.counter();

        TapOutcome retry = barA.completePending(WAIT);

        assertThat(retry).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.ROLLED_BACK));
        assertThat(storeA.wristbandDenied(UID.hex())).isPresent();
        assertThat(tag.counter()).isEqualTo(counterBefore);
        assertThat(storeA.pendingChipWrite(UID.hex())).isPresent();
    }

    @Test
    void aClonedWristbandWithASaleStillPendingIsRefusedAndTheSaleStaysOwed() {
        edge.up = false;
        assertApproved(barA.pay(WINE, sale("WINE", WINE), WAIT));
        readerA.device().inject(Fault.TEAR_AFTER_PAGE, 4);
        assertTapAgain(barA.pay(BEER, sale("BEER", BEER), WAIT));
        handTo(readerA);
        readerA.device().inject(Fault.CLONED_TAG, 0); // a copy of the pages on a chip of its own

        TapOutcome retry = barA.completePending(WAIT);

        assertThat(retry).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.CLONED));
        assertThat(storeA.wristbandDenied(UID.hex())).isPresent();
        assertThat(storeA.pendingChipWrite(UID.hex())).isPresent();
    }
}
