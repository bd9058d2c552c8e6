package io.fcs.edge.downlink;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.edge.inbox.TerminalKeys;
import io.fcs.edge.store.Database;
import io.fcs.edge.store.KeyValues;
import io.fcs.edge.testing.FakeCentral;
import io.fcs.edge.testing.TestFestival;
import io.fcs.edge.uplink.CentralClient;
import io.fcs.edge.zone.DenyList;
import io.fcs.edge.zone.WalletReplica;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.TerminalId;
import io.fcs.protocol.value.WalletId;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wallet poll and the holds of the zone: central's balance and the open holds never overlap. */
class CentralFeedTest {

    @TempDir
    Path dir;

    final TestFestival festival = new TestFestival();
    final TerminalId kiosk = festival.enrol();
    final TerminalId bar = festival.enrol();
    final String uid = festival.wallet(0);
    final WalletId wallet = festival.wristbands.get(uid);
    FakeCentral central;
    Database db;
    WalletReplica replica;
    CentralFeed feed;
    ScheduledExecutorService scheduler;

    @BeforeEach
    void start() throws Exception {
        central = new FakeCentral(festival);
        db = Database.open(dir);
        DenyList deny = new DenyList(db);
        replica = new WalletReplica(db, deny);
        scheduler = Executors.newSingleThreadScheduledExecutor();
        feed = new CentralFeed(
                new CentralClient(URI.create(central.url()), EdgeId.random(), Duration.ofSeconds(5)),
                festival.festival,
                replica,
                deny,
                new TerminalKeys(db),
                new KeyValues(db),
                Duration.ofSeconds(1),
                scheduler);
        central.walletsChanged();
        feed.pollOnce();
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
        db.close();
        central.close();
    }

    /** The terminal's record reached the edge: it takes over the hold of its authorisation. */
    private void recordArrives(TerminalId terminal, long sequence, long signedAmount) {
        long delta =
                db.inTransaction(c -> replica.recordArrived(c, terminal.toString(), sequence, wallet, signedAmount));
        replica.adjustHeld(wallet, delta);
    }

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
        festival.balances.put(wallet, 1_000L);
        central.walletsChanged();
        feed.pollOnce();
        replica.authorise(uid, 400, Currency.EUR, "sale-1", bar.toString());
        recordArrives(bar, 1, 400);
        // central applied it and a poll picked its balance up before the watermark came back
        festival.balances.put(wallet, 600L);
        central.walletsChanged();
        feed.pollOnce();
        assertThat(replica.available(wallet))
                .as("counted twice for one cycle: safe side")
                .contains(200L);

        replica.recordsConfirmed(bar.toString(), 1);
        feed.pollOnce();

        assertThat(replica.openHolds()).isZero();
        assertThat(replica.available(wallet)).contains(600L);
    }
}
