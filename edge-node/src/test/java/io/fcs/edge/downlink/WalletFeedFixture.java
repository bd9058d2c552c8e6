package io.fcs.edge.downlink;

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
import org.junit.jupiter.api.io.TempDir;

/**
 * An edge's wallet replica fed by a fake central through the real poll: one wallet, a kiosk and a
 * bar enrolled; the tests move central's balance and the terminal records and poll.
 */
abstract class WalletFeedFixture {

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
    void recordArrives(TerminalId terminal, long sequence, long signedAmount) {
        long delta =
                db.inTransaction(c -> replica.recordArrived(c, terminal.toString(), sequence, wallet, signedAmount));
        replica.adjustHeld(wallet, delta);
    }

    /**
     * Central's balance 1,000; a 400 sale at the bar, its record at the edge; central applied it
     * and a poll picked up the new balance (600) before central's acknowledgement of the record
     * came back: the hold is still open.
     */
    void saleAppliedAtCentralBeforeItsAcknowledgement() {
        festival.balances.put(wallet, 1_000L);
        central.walletsChanged();
        feed.pollOnce();
        replica.authorise(uid, 400, Currency.EUR, "sale-1", bar.toString());
        recordArrives(bar, 1, 400);
        festival.balances.put(wallet, 600L);
        central.walletsChanged();
        feed.pollOnce();
    }
}
