package io.fcs.terminal.tap;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.reader.SimulatedTag;
import io.fcs.protocol.tag.ChipType;
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
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.ui.Messages;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain NTAG21x wristbands (no per-chip secret, clonable): offline allowance 0 by default, so an
 * offline sale is refused as "online only" unless the configuration gives them an allowance.
 */
class PlainChipOfflineTest {

    private static final Duration WAIT = Duration.ofMillis(200);
    private static final FestivalId FESTIVAL = FestivalId.random();
    private static final TerminalId BAR = TerminalId.random();
    private static final Ed25519.SigningKey KEY = Ed25519.generate();
    private static final FestivalTime TIME = FestivalTime.of("Europe/Paris");
    private static final Money BEER = Money.eur(550);

    @TempDir
    Path dir;

    private TerminalStore store;
    private SimulatedNfcReader reader;
    private boolean edgeUp;

    @BeforeEach
    void setUp() {
        store = TerminalStore.open(dir);
        reader = new SimulatedNfcReader(new SmartcardNfcReader.Keys(
                WristbandKeys.of(new byte[16], FESTIVAL), WriterKeys.of(Map.of(BAR, KEY.verificationKey())), BAR, KEY));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private WalletTaps bar(OfflinePolicy policy) {
        return new WalletTaps(
                reader,
                store,
                new StoreRecordBook(store, new SignedRecordCodec(KEY, FESTIVAL, BAR), () -> {}),
                (recordId, uid, walletId, amount, balance, counter, timeout) -> edgeUp
                        ? new Authoriser.Granted(balance.minus(amount))
                        : new Authoriser.Unreachable("edge down"),
                policy,
                Clock.fixed(Instant.parse("2026-07-10T20:00:00Z"), ZoneOffset.UTC),
                Currency.EUR);
    }

    private void issueNtag() {
        reader.issue(
                SimulatedTag.ntag(ChipType.NTAG215, TagUid.fromHex("04aabbccddee01")),
                WalletId.random(),
                Money.eur(3000),
                BAR,
                KEY);
    }

    private TapOutcome sell(WalletTaps taps) {
        return taps.pay(
                BEER, new WalletTaps.Context("Alice", "", List.of(new RecordDraft.Line("BEER", 1, 550)), ""), WAIT);
    }

    @Test
    void anOfflineSaleOnAPlainNtagWristbandIsRefusedAsOnlineOnlyAndNothingIsRecorded() {
        issueNtag();

        TapOutcome outcome = sell(bar(new OfflinePolicy(Money.eur(5000), TIME)));

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.ONLINE_ONLY));
        assertThat(store.journalOfKind("SALE")).isEmpty();
        assertThat(store.pendingChipWrite("04aabbccddee01")).isEmpty();
    }

    @Test
    void aPlainNtagWristbandPaysThroughTheEdge() {
        issueNtag();
        edgeUp = true;

        TapOutcome outcome = sell(bar(new OfflinePolicy(Money.eur(5000), TIME)));

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> {
            assertThat(ok.authority()).isEqualTo(TapOutcome.Authority.EDGE);
            assertThat(ok.newBalance()).isEqualTo(Money.eur(2450));
        });
    }

    @Test
    void aConfiguredPlainChipAllowanceLetsAPlainNtagWristbandPayOfflineWithinIt() {
        issueNtag();
        WalletTaps taps = bar(new OfflinePolicy(
                Money.eur(5000),
                TIME,
                OfflinePolicy.DAY,
                Money.eur(OfflinePolicy.plainChipAllowanceMinor(Optional.of("1000")))));

        TapOutcome first = sell(taps);
        TapOutcome second = sell(taps);

        assertThat(first).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.authority())
                .isEqualTo(TapOutcome.Authority.OFFLINE));
        assertThat(second).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.OFFLINE_LIMIT));
    }

    @Test
    void anAesClassWristbandKeepsTheGeneralAllowanceOffline() {
        reader.issue(TagUid.fromHex("04aabbccddee02"), WalletId.random(), Money.eur(3000), BAR, KEY);

        TapOutcome outcome = sell(bar(new OfflinePolicy(Money.eur(5000), TIME)));

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.authority())
                .isEqualTo(TapOutcome.Authority.OFFLINE));
    }

    @Test
    void anUnreadableOrNegativeAllowanceSettingMeansOnlineOnly() {
        assertThat(OfflinePolicy.plainChipAllowanceMinor(Optional.empty())).isZero();
        assertThat(OfflinePolicy.plainChipAllowanceMinor(Optional.of("ten"))).isZero();
        assertThat(OfflinePolicy.plainChipAllowanceMinor(Optional.of("-5"))).isZero();
        assertThat(OfflinePolicy.plainChipAllowanceMinor(Optional.of(" 700 "))).isEqualTo(700);
    }

    @Test
    void theOnlineOnlyRefusalHasItsOwnTextInFrenchAndEnglish() {
        for (String language : List.of("fr", "en")) {
            Messages messages = Messages.of(language);
            assertThat(messages.get("tap.refused.ONLINE_ONLY")).isNotEqualTo("tap.refused.ONLINE_ONLY");
            assertThat(messages.get("tap.refused.ONLINE_ONLY.detail")).isNotEqualTo("tap.refused.ONLINE_ONLY.detail");
        }
        assertThat(Messages.of("fr").get("tap.refused.ONLINE_ONLY")).isEqualTo("Paiement en ligne uniquement");
        assertThat(Messages.of("en").get("tap.refused.ONLINE_ONLY")).isEqualTo("Online only");
    }
}
