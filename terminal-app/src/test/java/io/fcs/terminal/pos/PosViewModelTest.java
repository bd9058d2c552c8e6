package io.fcs.terminal.pos;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.value.Money;
import io.fcs.terminal.login.Staff;
import io.fcs.terminal.login.StaffDirectory;
import io.fcs.terminal.tap.TapOutcome;
import io.fcs.terminal.ui.Async;
import io.fcs.terminal.ui.Messages;
import io.fcs.terminal.ui.Tone;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PosViewModelTest {

    private final Staff alice = new Staff("Alice", "1234", Optional.empty(), false);
    private final Staff boss = new Staff("Boss", "9999", Optional.empty(), true);
    private final ScriptedSaleDesk desk = new ScriptedSaleDesk();
    private final List<Tone> sounds = new ArrayList<>();
    private PosViewModel model;

    @BeforeEach
    void setUp() {
        model = new PosViewModel(
                desk, new StaffDirectory(List.of(alice, boss)), Async.direct(), Messages.of("en"), sounds::add);
        model.start(alice);
    }

    @Test
    void productsComeFromThePriceListAndAddUpInTheCart() {
        assertThat(model.products()).hasSize(3);
        model.add(model.products().get(0));
        model.add(model.products().get(0));
        model.add(model.products().get(1));

        assertThat(model.cart()).hasSize(2);
        assertThat(model.cart().get(0).quantity()).isEqualTo(2);
        assertThat(model.totalProperty().get()).isEqualTo(Money.eur(1300));
        assertThat(model.totalTextProperty().get()).isEqualTo("€13.00");
    }

    @Test
    void approvedSaleShowsTheNewBalanceEmptiesTheCartAndGoesInTheShiftHistory() {
        model.add(model.products().get(0));
        model.charge();

        assertThat(desk.charged).singleElement().satisfies(sale -> {
            assertThat(sale.total()).isEqualTo(Money.eur(550));
            assertThat(sale.operator()).isEqualTo(alice);
        });
        assertThat(model.toneProperty().get()).isEqualTo(Tone.OK);
        assertThat(model.headlineProperty().get()).isEqualTo("Paid €5.50");
        assertThat(model.detailProperty().get()).isEqualTo("New balance: €10.00");
        assertThat(model.cart()).isEmpty();
        assertThat(model.history()).hasSize(1);
        assertThat(sounds).containsExactly(Tone.OK);
    }

    @Test
    void offlineApprovalIsVisiblyFlagged() {
        desk.outcomes.add(
                new TapOutcome.Approved("04aa", Money.eur(200), Money.eur(300), TapOutcome.Authority.OFFLINE, "r", 1));
        model.add(model.products().get(1));
        model.charge();

        assertThat(model.toneProperty().get()).isEqualTo(Tone.WARNING);
        assertThat(model.headlineProperty().get()).contains("OFFLINE");
    }

    @Test
    void aPlainWristbandWhileOfflineGetsTheOnlineOnlyScreenAndKeepsTheCart() {
        desk.outcomes.add(new TapOutcome.Refused(TapOutcome.Reason.ONLINE_ONLY, "04aa", "plain NTAG21x wristband"));
        model.add(model.products().get(0));
        model.charge();

        assertThat(model.toneProperty().get()).isEqualTo(Tone.REFUSED);
        assertThat(model.headlineProperty().get()).isEqualTo("Online only");
        assertThat(model.detailProperty().get()).contains("only pay while the terminal is online");
        assertThat(model.cart()).hasSize(1);
    }

    @Test
    void insufficientFundsKeepsTheCartForAnotherTry() {
        desk.outcomes.add(TapOutcome.Refused.of(TapOutcome.Reason.INSUFFICIENT_FUNDS));
        model.add(model.products().get(0));
        model.charge();

        assertThat(model.toneProperty().get()).isEqualTo(Tone.REFUSED);
        assertThat(model.headlineProperty().get()).isEqualTo("Insufficient funds");
        assertThat(model.cart()).hasSize(1);
        assertThat(sounds).containsExactly(Tone.REFUSED);
    }

    @Test
    void tornWriteAsksToTapAgainAndDoesNotLeaveTheSaleInTheCartToBeChargedTwice() {
        desk.outcomes.add(TapOutcome.Refused.of(TapOutcome.Reason.TAP_AGAIN));
        model.add(model.products().get(0));
        model.charge();

        assertThat(model.cart()).isEmpty();
        assertThat(desk.completions).isEqualTo(1);
        assertThat(desk.charged).hasSize(1);
    }

    @Test
    void tapAgainFinishesTheRecordedSaleOnTheChip() {
        desk.outcomes.add(TapOutcome.Refused.of(TapOutcome.Reason.TAP_AGAIN));
        desk.outcomes.add(
                new TapOutcome.Approved("04aa", Money.eur(0), Money.eur(450), TapOutcome.Authority.EDGE, "r", 0));
        model.add(model.products().get(0));
        model.charge();

        assertThat(model.headlineProperty().get()).isEqualTo("Sale completed");
        assertThat(model.detailProperty().get()).isEqualTo("New balance: €4.50");
    }

    @Test
    void blockedWristbandIsRefusedWithItsOwnMessage() {
        desk.outcomes.add(TapOutcome.Refused.of(TapOutcome.Reason.BLOCKED));
        model.add(model.products().get(0));
        model.charge();

        assertThat(model.headlineProperty().get()).isEqualTo("Wristband blocked");
    }

    @Test
    void chargingAnEmptyCartDoesNothing() {
        model.charge();

        assertThat(desk.charged).isEmpty();
        assertThat(model.chargeDisabledProperty().get()).isTrue();
    }

    @Test
    void voidNeedsASupervisorPin() {
        model.voidLastSale("1234");

        assertThat(model.headlineProperty().get()).isEqualTo("Only a supervisor can void a sale");
        desk.outcomes.add(
                new TapOutcome.Approved("04aa", Money.eur(550), Money.eur(1550), TapOutcome.Authority.EDGE, "v", 2));
        model.voidLastSale("9999");
        assertThat(model.headlineProperty().get()).isEqualTo("Sale voided: €5.50 given back");
    }

    @Test
    void closingTheShiftShowsTheTotals() {
        model.add(model.products().get(0));
        model.charge();
        model.closeShift();

        assertThat(desk.closed).isEqualTo(1);
        assertThat(model.headlineProperty().get()).isEqualTo("Shift closed");
        assertThat(model.detailProperty().get()).startsWith("1 sales €5.50");
    }
}
