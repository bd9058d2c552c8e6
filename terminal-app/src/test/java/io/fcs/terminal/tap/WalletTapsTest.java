package io.fcs.terminal.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.record.RecordCodec;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.terminal.device.nfc.ChipRead;
import io.fcs.terminal.device.nfc.ChipState;
import io.fcs.terminal.device.nfc.FakeReader;
import io.fcs.terminal.store.JournalLine;
import io.fcs.terminal.store.OutboxEntry;
import io.fcs.terminal.store.TerminalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletTapsTest {

    private static final Duration WAIT = Duration.ofMillis(10);
    private static final String UID = "04a1b2c3d4e5f6";

    @TempDir
    Path dir;

    private TerminalStore store;
    private final FakeReader reader = new FakeReader();
    private final Deque<Authoriser.Answer> edge = new ArrayDeque<>();
    private final Ed25519.SigningKey key = Ed25519.generate();
    private WalletTaps taps;
    private final WalletTaps.Context bar =
            new WalletTaps.Context("Alice", "", List.of(new RecordDraft.Line("BEER", 1, 550)), "");

    @BeforeEach
    void setUp() {
        store = TerminalStore.open(dir);
        StoreRecordBook book = new StoreRecordBook(
                store, new SignedRecordCodec(key, FestivalId.random(), TerminalId.random()), () -> {});
        Authoriser authoriser = (recordId, uid, walletId, amount, balance, counter, timeout) ->
                edge.isEmpty() ? new Authoriser.Unreachable("test") : edge.pop();
        taps = new WalletTaps(
                reader,
                store,
                book,
                authoriser,
                new OfflinePolicy(Money.eur(1000), FestivalTime.of("Europe/Paris")),
                Clock.fixed(Instant.parse("2026-07-10T20:00:00Z"), ZoneOffset.UTC),
                Currency.EUR);
        reader.inField = new FakeReader.Band(UID, new ChipState("", Money.eur(2000), 7, "", false));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private List<SignedRecord> records() {
        return store.unacknowledged(100).stream()
                .map(OutboxEntry::bytes)
                .map(bytes -> RecordCodec.decodeSigned(bytes))
                .map(decoding -> ((io.fcs.protocol.record.RecordDecoding.Decoded<SignedRecord>) decoding).value())
                .toList();
    }

    @Test
    void saleApprovedByTheEdgeIsSignedChainedCommittedAndWrittenToTheChip() {
        edge.add(new Authoriser.Granted(Money.eur(1450)));

        TapOutcome outcome = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> {
            assertThat(ok.authority()).isEqualTo(TapOutcome.Authority.EDGE);
            assertThat(ok.newBalance()).isEqualTo(Money.eur(1450));
        });
        assertThat(reader.inField.state.balance()).isEqualTo(Money.eur(1450));
        assertThat(reader.inField.state.counter()).isEqualTo(8);
        assertThat(records()).singleElement().satisfies(signed -> {
            assertThat(signed.isSignedBy(key.verificationKey())).isTrue();
            assertThat(signed.record().sequence()).isEqualTo(1);
            assertThat(signed.record().amount()).isEqualTo(Money.eur(550));
            assertThat(signed.record().chip())
                    .hasValueSatisfying(c -> assertThat(c.after()).isEqualTo(8));
        });
        assertThat(store.pendingChipWrite(UID)).isEmpty();
    }

    @Test
    void saleIsRefusedForInsufficientFundsByTheEdgeAndNothingIsRecorded() {
        edge.add(new Authoriser.Declined(TapOutcome.Reason.INSUFFICIENT_FUNDS));

        TapOutcome outcome = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(outcome).isEqualTo(new TapOutcome.Refused(TapOutcome.Reason.INSUFFICIENT_FUNDS, UID, "edge"));
        assertThat(records()).isEmpty();
        assertThat(reader.inField.writes).isZero();
    }

    @Test
    void offlineSaleUsesTheChipBalanceWithinTheAllowanceAndIsFlagged() {
        TapOutcome first = taps.pay(Money.eur(550), bar, WAIT);
        TapOutcome second = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(first).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> {
            assertThat(ok.authority()).isEqualTo(TapOutcome.Authority.OFFLINE);
            assertThat(ok.newBalance()).isEqualTo(Money.eur(1450));
        });
        assertThat(second).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.OFFLINE_LIMIT));
        assertThat(records()).singleElement().satisfies(signed -> assertThat(
                        signed.record().authority())
                .isEqualTo(io.fcs.protocol.record.Authority.OFFLINE));
    }

    @Test
    void offlineSaleBeyondTheChipBalanceIsInsufficientFunds() {
        TapOutcome outcome = taps.pay(Money.eur(2500), bar, WAIT);

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.INSUFFICIENT_FUNDS));
    }

    @Test
    void tornWriteKeepsTheSaleAndTheNextTapFinishesItWithoutChargingAgain() {
        edge.add(new Authoriser.Granted(Money.eur(1450)));
        reader.inField.faults.add(FakeReader.WriteFault.TEAR);

        TapOutcome torn = taps.pay(Money.eur(550), bar, WAIT);
        assertThat(torn).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.TAP_AGAIN));
        assertThat(records()).hasSize(1);
        assertThat(store.pendingChipWrite(UID)).isPresent();
        assertThat(reader.inField.state.balance()).isEqualTo(Money.eur(2000));

        TapOutcome completed = taps.completePending(WAIT);

        assertThat(completed).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.newBalance())
                .isEqualTo(Money.eur(1450)));
        assertThat(reader.inField.state.balance()).isEqualTo(Money.eur(1450));
        assertThat(records()).hasSize(1);
        assertThat(store.pendingChipWrite(UID)).isEmpty();
    }

    @Test
    void aCardRemovedBeforeTheWriteIsFinishedAtItsNextSaleWhichStartsFromTheOwedBalance() {
        edge.add(new Authoriser.Granted(Money.eur(1450)));
        reader.inField.faults.add(FakeReader.WriteFault.REMOVE);
        taps.pay(Money.eur(550), bar, WAIT);

        TapOutcome next = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(next).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.newBalance())
                .isEqualTo(Money.eur(900)));
        assertThat(reader.inField.state.balance()).isEqualTo(Money.eur(900));
        assertThat(records()).hasSize(2);
    }

    @Test
    void rolledBackClonedOrForgedChipsAreRefusedAndDenied() {
        for (ChipRead.Problem problem :
                List.of(ChipRead.Problem.ROLLED_BACK, ChipRead.Problem.CLONED, ChipRead.Problem.FORGED)) {
            String uid = "04000000" + problem.ordinal();
            FakeReader.Band band = new FakeReader.Band(uid, null);
            band.problem = new ChipRead.Unusable(problem, "test");
            reader.inField = band;

            TapOutcome outcome = taps.pay(Money.eur(100), bar, WAIT);

            assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(
                            r.reason().name())
                    .isEqualTo(problem.name()));
            assertThat(store.wristbandDenied(uid)).isPresent();
        }
        assertThat(records()).isEmpty();
    }

    @Test
    void aWristbandOnTheDenyListIsBlocked() {
        store.denyWristband(UID, "lost");

        assertThat(taps.pay(Money.eur(100), bar, WAIT))
                .isInstanceOfSatisfying(
                        TapOutcome.Refused.class, r -> assertThat(r.reason()).isEqualTo(TapOutcome.Reason.BLOCKED));
    }

    @Test
    void noWristbandAndUnpluggedReaderHaveTheirOwnOutcomes() {
        reader.inField = null;
        assertThat(taps.pay(Money.eur(100), bar, WAIT))
                .isEqualTo(TapOutcome.Refused.of(TapOutcome.Reason.NO_WRISTBAND));
        reader.unplugged = true;
        assertThat(taps.pay(Money.eur(100), bar, WAIT))
                .isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                        .isEqualTo(TapOutcome.Reason.READER_UNAVAILABLE));
    }

    @Test
    void topUpCreditsTheChipAndRecordsThePaymentMethod() {
        TapOutcome outcome = taps.credit(
                RecordKind.TOPUP_CASH,
                Money.eur(2000),
                new WalletTaps.Context("Carol", "", List.of(), ""),
                WAIT,
                uid -> Optional.empty());

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.newBalance())
                .isEqualTo(Money.eur(4000)));
        assertThat(records()).singleElement().satisfies(signed -> assertThat(
                        signed.record().payment())
                .contains(io.fcs.protocol.record.PaymentMethod.CASH));
        assertThat(store.journalForWristband(UID, 5))
                .extracting(JournalLine::kind)
                .containsExactly("TOPUP_CASH");
    }

    @Test
    void recordsFormOneChainOfSequencesAndHashes() {
        edge.add(new Authoriser.Granted(Money.eur(1450)));
        edge.add(new Authoriser.Granted(Money.eur(900)));
        taps.pay(Money.eur(550), bar, WAIT);
        taps.pay(Money.eur(550), bar, WAIT);

        List<SignedRecord> records = records();

        assertThat(records).extracting(r -> r.record().sequence()).containsExactly(1L, 2L);
        assertThat(records.get(1).record().previousHash())
                .isEqualTo(records.get(0).hash());
        assertThat(records.get(0).record().previousHash().isGenesis()).isTrue();
    }
}
