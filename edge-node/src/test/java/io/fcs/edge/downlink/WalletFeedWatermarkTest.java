package io.fcs.edge.downlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.store.Database;
import io.fcs.edge.zone.DenyList;
import io.fcs.edge.zone.WalletReplica;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.TerminalId;
import org.junit.jupiter.api.Test;

/**
 * Central's wallet answer says up to which sequence of each terminal its balances include
 * (decision 0231): the replica is central's balance plus the local deltas not yet included, never
 * a delta counted twice, even when the poll overtakes central's acknowledgement.
 */
class WalletFeedWatermarkTest extends WalletFeedFixture {

    /** Central committed the terminal's records up to {@code watermark}; its ack has not reached the edge. */
    private void centralCommits(TerminalId terminal, long watermark, long balance) {
        festival.balances.put(wallet, balance);
        central.included.put(terminal, watermark);
        central.walletsChanged();
    }

    @Test
    void aKioskTopUpIsCountedOnceWhenThePollOvertakesCentralsAcknowledgement() {
        assertThat(replica.credit(uid, 2_000, Currency.EUR, "top-up-1", kiosk.toString()))
                .isInstanceOf(WalletReplica.Approved.class);
        recordArrives(kiosk, 1, -2_000);
        assertThat(replica.available(wallet)).contains(2_000L);

        centralCommits(kiosk, 1, 2_000);
        feed.pollOnce();

        assertThat(replica.available(wallet))
                .as("central's 20.00 includes the top-up: the local credit is not added again")
                .contains(2_000L);
        assertThat(replica.openHolds()).isZero();

        replica.recordsConfirmed(kiosk.toString(), 1); // the late acknowledgement changes nothing
        feed.pollOnce();
        assertThat(replica.available(wallet)).contains(2_000L);
    }

    @Test
    void localDeltasAboveTheWatermarkStayCountedOnTopOfCentralsBalance() {
        replica.credit(uid, 2_000, Currency.EUR, "top-up-1", kiosk.toString());
        recordArrives(kiosk, 1, -2_000);
        replica.credit(uid, 500, Currency.EUR, "top-up-2", kiosk.toString());
        recordArrives(kiosk, 2, -500);
        replica.credit(uid, 100, Currency.EUR, "top-up-3", kiosk.toString()); // its record not here yet
        replica.authorise(uid, 450, Currency.EUR, "sale-1", bar.toString());
        recordArrives(bar, 1, 450);

        centralCommits(kiosk, 1, 2_000); // central has the first top-up only
        feed.pollOnce();

        assertThat(replica.available(wallet))
                .as("2,000 from central + 500 + 100 − 450 still local")
                .contains(2_150L);
        assertThat(replica.openHolds()).isEqualTo(3);
    }

    @Test
    void aPollThatChangesNoWalletReleasesWhatTheWatermarksCover() {
        saleAppliedAtCentralBeforeItsAcknowledgement();
        assertThat(replica.available(wallet)).contains(200L);

        central.included.put(bar, 1L); // the next answer changes no wallet but carries the watermark
        feed.pollOnce();

        assertThat(replica.openHolds()).isZero();
        assertThat(replica.available(wallet)).contains(600L);
    }

    @Test
    void watermarksOfOtherTerminalsOrUnreadableOnesReleaseNothing() throws Exception {
        festival.balances.put(wallet, 1_000L);
        central.walletsChanged();
        feed.pollOnce();
        replica.authorise(uid, 400, Currency.EUR, "sale-1", bar.toString());
        recordArrives(bar, 1, 400);

        centralCommits(kiosk, 5, 1_000);
        feed.pollOnce();
        replica.settleIncluded(
                new com.fasterxml.jackson.databind.ObjectMapper()
                        .readTree("{\"watermarks\": [{\"terminalId\": \"nope\", \"watermark\": 9},"
                                + " {\"terminalId\": \"%s\", \"watermark\": -1}, {\"terminalId\": \"%s\"}]}"
                                        .formatted(bar, bar)),
                Long.MIN_VALUE);

        assertThat(replica.openHolds()).isEqualTo(1);
        assertThat(replica.available(wallet)).contains(600L);
    }

    @Test
    void releasedHoldsStayReleasedAfterARestart() throws Exception {
        replica.credit(uid, 2_000, Currency.EUR, "top-up-1", kiosk.toString());
        recordArrives(kiosk, 1, -2_000);
        centralCommits(kiosk, 1, 2_000);
        feed.pollOnce();
        db.close();

        db = Database.open(dir);
        replica = new WalletReplica(db, new DenyList(db));
        assertThat(replica.available(wallet)).contains(2_000L);
        assertThat(replica.openHolds()).isZero();
    }
}
