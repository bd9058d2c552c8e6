package io.fcs.edge.downlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.zone.WalletReplica;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.TerminalId;
import org.junit.jupiter.api.Test;

/** The wallet poll and the holds of the zone: central's balance and the open holds never overlap. */
class CentralFeedTest extends WalletFeedFixture {

    /** Central applied the terminal's records up to {@code watermark} and its balance moved to {@code balance}. */
    private void centralApplies(TerminalId terminal, long watermark, long balance) {
        festival.balances.put(wallet, balance);
        central.walletsChanged();
        replica.recordsConfirmed(terminal.toString(), watermark);
    }

    @Test
    void aWristbandToppedUpAndThenChargedCarriesTheToppedUpAmountMinusTheSale() {
        assertThat(replica.credit(uid, 2_000, Currency.EUR, "top-up-1", kiosk.toString()))
                .isInstanceOf(WalletReplica.Approved.class);
        recordArrives(kiosk, 1, -2_000);
        centralApplies(kiosk, 1, 2_000);
        feed.pollOnce();

        var sale = replica.authorise(uid, 450, Currency.EUR, "sale-1", bar.toString());

        assertThat(sale).isInstanceOf(WalletReplica.Approved.class);
        assertThat(((WalletReplica.Approved) sale).availableAfterCents())
                .as("what the bar writes onto the chip")
                .isEqualTo(1_550);
        assertThat(replica.available(wallet)).contains(1_550L);
    }

    @Test
    void holdsAreReleasedOnceCentralHasAppliedTheirRecords() {
        festival.balances.put(wallet, 1_000L);
        central.walletsChanged();
        feed.pollOnce();
        replica.authorise(uid, 400, Currency.EUR, "sale-1", bar.toString());
        recordArrives(bar, 1, 400);
        assertThat(replica.available(wallet)).contains(600L);

        feed.pollOnce(); // central has not got the record yet
        assertThat(replica.openHolds()).isEqualTo(1);
        assertThat(replica.available(wallet)).contains(600L);

        centralApplies(bar, 1, 600);
        feed.pollOnce();

        assertThat(replica.openHolds()).isZero();
        assertThat(replica.available(wallet)).contains(600L);
    }

    @Test
    void aHoldConfirmedAfterThePollLeftStaysUntilTheNextPoll() {
        festival.balances.put(wallet, 1_000L);
        central.walletsChanged();
        feed.pollOnce();
        replica.authorise(uid, 400, Currency.EUR, "sale-1", bar.toString());
        recordArrives(bar, 1, 400);

        long pollLeft = replica.syncMark(); // central answered its balance before it applied the record
        replica.recordsConfirmed(bar.toString(), 1);
        replica.settleConfirmedBefore(pollLeft);
        assertThat(replica.openHolds())
                .as("released before central's balance has it: a double spend")
                .isEqualTo(1);
        assertThat(replica.available(wallet)).contains(600L);

        festival.balances.put(wallet, 600L);
        central.walletsChanged();
        feed.pollOnce();
        assertThat(replica.openHolds()).isZero();
        assertThat(replica.available(wallet)).contains(600L);
    }

    @Test
    void aPollThatBringsNoChangeStillReleasesHoldsCentralAlreadyCounted() {
        saleAppliedAtCentralBeforeItsAcknowledgement();
        assertThat(replica.available(wallet))
                .as("counted twice for one cycle: safe side")
                .contains(200L);

        replica.recordsConfirmed(bar.toString(), 1);
        feed.pollOnce();

        assertThat(replica.openHolds()).isZero();
        assertThat(replica.available(wallet)).contains(600L);
    }
}
