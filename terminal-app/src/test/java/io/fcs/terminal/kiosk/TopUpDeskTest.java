package io.fcs.terminal.kiosk;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.FestivalTime;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import io.fcs.terminal.device.nfc.ChipState;
import io.fcs.terminal.device.nfc.FakeReader;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.store.TerminalStore;
import io.fcs.terminal.tap.Authoriser;
import io.fcs.terminal.tap.OfflinePolicy;
import io.fcs.terminal.tap.SignedRecordCodec;
import io.fcs.terminal.tap.StoreRecordBook;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.tap.WalletTaps;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopUpDeskTest {

    private static final Duration WAIT = Duration.ofMillis(10);

    @TempDir
    Path dir;

    private TerminalStore store;
    private final FakeReader reader = new FakeReader();
    private final SandboxPaymentProvider payments = new SandboxPaymentProvider();
    private TopUpDesk desk;
    private final Staff carol = Staff.parse("Carol:4321");

    @BeforeEach
    void setUp() {
        store = TerminalStore.open(dir);
        Clock clock = Clock.fixed(Instant.parse("2026-07-10T20:00:00Z"), ZoneOffset.UTC);
        StoreRecordBook book = new StoreRecordBook(
                store, new SignedRecordCodec(Ed25519.generate(), FestivalId.random(), TerminalId.random()), () -> {});
        WalletTaps taps = new WalletTaps(
                reader,
                store,
                book,
                Authoriser.offline(),
                new OfflinePolicy(Money.eur(5000), FestivalTime.of("Europe/Paris")),
                clock,
                Currency.EUR);
        desk = new TopUpDesk(taps, store, book, payments, clock);
        reader.inField = new FakeReader.Band("04a1b2c3d4", new ChipState("", Money.eur(500), 3, "", false));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    @Test
    void cardTopUpIsPaidFirstThenCreditedAndShowsInTheRecentHistory() {
        TapOutcome outcome = desk.topUpByCard(Money.eur(2000), WAIT);

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Approved.class, ok -> assertThat(ok.newBalance())
                .isEqualTo(Money.eur(2500)));
        assertThat(payments.payments()).isEqualTo(1);
        assertThat(desk.balance(WAIT)).isInstanceOfSatisfying(BalanceOutcome.Balance.class, b -> {
            assertThat(b.balance()).isEqualTo(Money.eur(2500));
            assertThat(b.recent()).hasSize(1);
        });
    }

    @Test
    void aDeclinedCardCreditsNothing() {
        TapOutcome outcome = desk.topUpByCard(Money.eur(2013), WAIT);

        assertThat(outcome).isInstanceOfSatisfying(TapOutcome.Refused.class, r -> assertThat(r.reason())
                .isEqualTo(TapOutcome.Reason.PAYMENT_DECLINED));
        assertThat(reader.inField.state.balance()).isEqualTo(Money.eur(500));
        assertThat(store.queueDepth()).isZero();
    }

    @Test
    void cashTopUpsNeedAnOpenDrawerAndTheCloseShowsTheDifference() {
        assertThat(desk.topUpCash(Money.eur(1000), carol, WAIT))
                .isEqualTo(TapOutcome.Refused.of(TapOutcome.Reason.DRAWER_CLOSED));

        desk.openDrawer(carol, Money.eur(10000));
        desk.topUpCash(Money.eur(1000), carol, WAIT);
        desk.topUpCash(Money.eur(2000), carol, WAIT);
        DrawerReport open = desk.drawer();
        DrawerReport closed = desk.closeDrawer(Money.eur(12950));

        assertThat(open.expected()).isEqualTo(Money.eur(13000));
        assertThat(open.topUps()).isEqualTo(2);
        assertThat(closed.open()).isFalse();
        assertThat(closed.difference()).contains(Money.eur(-50));
        assertThat(reader.inField.state.balance()).isEqualTo(Money.eur(3500));
        assertThat(desk.drawer().open()).isFalse();
        assertThat(store.journalOfKind("SHIFT_OPEN")).singleElement().satisfies(l -> assertThat(l.amountMinor())
                .isEqualTo(10000));
        assertThat(store.journalOfKind("SHIFT_CLOSE")).singleElement().satisfies(l -> assertThat(l.amountMinor())
                .isEqualTo(12950));
        assertThat(store.queueDepth()).isEqualTo(4);
    }

    @Test
    void balanceOfAnAbsentWristbandSaysSo() {
        reader.inField = null;

        assertThat(desk.balance(WAIT)).isEqualTo(new BalanceOutcome.Unavailable(TapOutcome.Reason.NO_WRISTBAND));
        assertThat(Optional.of(desk.drawer().open())).contains(false);
    }
}
