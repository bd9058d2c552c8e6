package io.fcs.terminal.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.Fault;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.PaymentMethod;
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
import io.fcs.protocol.value.RecordId;
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
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credits the edge downlinked go onto the wristband at its next tap, once, tear-safe. */
class PendingCreditTapTest {

    private static final Duration WAIT = Duration.ofMillis(200);
    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final TerminalId BAR = TerminalId.random();
    private static final Ed25519.SigningKey BAR_KEY = Ed25519.generate();
    private static final TagUid UID = TagUid.fromHex("04a1b2c3d4e5f7");

    @TempDir
    Path dir;

    private final WalletId wallet = WalletId.random();
    private final String creditId = UUID.randomUUID().toString();
    private final WalletTaps.Context bar =
            new WalletTaps.Context("Alice", "", List.of(new RecordDraft.Line("BEER", 1, 550)), "");
    private TerminalStore store;
    private SimulatedNfcReader reader;
    private WalletTaps taps;
    private SimulatedTag tag;

    @BeforeEach
    void setUp() {
        reader = new SimulatedNfcReader(new SmartcardNfcReader.Keys(
                WristbandKeys.of(new byte[16], FESTIVAL),
                WriterKeys.of(Map.of(BAR, BAR_KEY.verificationKey())),
                BAR,
                BAR_KEY));
        open();
        tag = reader.issue(UID, wallet, Money.eur(2000), BAR, BAR_KEY);
        store.putSetting(TerminalStore.CREDIT_PREFIX + creditId, wallet + ":1000");
        store.putSetting(TerminalStore.CREDIT_PREFIX + UUID.randomUUID(), WalletId.random() + ":700");
    }

    private void open() {
        store = TerminalStore.open(dir);
        taps = new WalletTaps(
                reader,
                store,
                new StoreRecordBook(store, new SignedRecordCodec(BAR_KEY, FESTIVAL, BAR), () -> {}),
                (recordId, uid, walletId, amount, balance, counter, timeout) ->
                        new Authoriser.Granted(balance.minus(amount)),
                new OfflinePolicy(Money.eur(1000), FestivalTime.of("Europe/Paris")),
                Clock.fixed(Instant.parse("2026-07-10T20:00:00Z"), ZoneOffset.UTC),
                Currency.EUR);
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
    void pendingCreditIsLoadedAtTheNextSaleAsAnOnlineTopUpByTheEdgeAndShown() {
        TapOutcome sale = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(sale).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> {
            assertThat(ok.loaded()).isEqualTo(Money.eur(1000));
            assertThat(ok.newBalance()).isEqualTo(Money.eur(2450));
        });
        assertThat(records()).hasSize(2).first().satisfies(credit -> {
            assertThat(credit.record().kind()).isEqualTo(io.fcs.protocol.record.RecordKind.TOP_UP);
            assertThat(credit.record().id()).isEqualTo(RecordId.parse(creditId));
            assertThat(credit.record().payment()).contains(PaymentMethod.ONLINE);
            assertThat(credit.record().authority()).isEqualTo(Authority.EDGE);
            assertThat(credit.record().amount()).isEqualTo(Money.eur(1000));
            assertThat(credit.record().wallet()).contains(wallet);
            assertThat(credit.isSignedBy(BAR_KEY.verificationKey())).isTrue();
        });
        assertThat(store.creditApplied(creditId)).isTrue();

        TapOutcome next = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(next).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> {
            assertThat(ok.loaded()).isEqualTo(Money.zero(Currency.EUR));
            assertThat(ok.newBalance()).isEqualTo(Money.eur(1900));
        });
        assertThat(records()).hasSize(3);
        assertThat(chipBalance()).isEqualTo(Money.eur(1900));
    }

    @Test
    void tornCreditWriteIsFinishedAfterARestartAndNeverLoadedTwice() {
        reader.device().inject(Fault.TEAR_AFTER_PAGE, 5);

        TapOutcome torn = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(torn).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.TAP_AGAIN));
        assertThat(records()).hasSize(1);
        store.close();
        open();
        // the edge downlinks the same credit again before it learns it was loaded
        store.putSetting(TerminalStore.CREDIT_PREFIX + creditId, wallet + ":1000");
        reader.device().clearFaults();
        reader.device().remove();
        reader.device().present(tag);

        TapOutcome sale = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(sale).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.newBalance())
                .isEqualTo(Money.eur(2450)));
        assertThat(records()).hasSize(2);
        assertThat(records().stream().filter(r -> r.record().id().equals(RecordId.parse(creditId))))
                .hasSize(1);
        assertThat(chipBalance()).isEqualTo(Money.eur(2450));
        assertThat(store.owedCredits(wallet.toString())).isEmpty();
    }

    @Test
    void creditInAnotherCurrencyIsNeverLoadedOntoTheChip() {
        store.putSetting(TerminalStore.CREDIT_PREFIX + creditId, wallet + ":1000:CHF");

        TapOutcome sale = taps.pay(Money.eur(550), bar, WAIT);

        assertThat(sale).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> {
            assertThat(ok.loaded()).isEqualTo(Money.zero(Currency.EUR));
            assertThat(ok.newBalance()).isEqualTo(Money.eur(1450));
        });
        assertThat(records()).hasSize(1);
        assertThat(store.creditApplied(creditId)).isFalse();
    }
}
