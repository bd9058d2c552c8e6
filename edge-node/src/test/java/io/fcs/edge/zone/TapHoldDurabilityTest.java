package io.fcs.edge.zone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.edge.store.Database;
import io.fcs.protocol.value.Currency;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tap is decided at once but approved only once its hold is durable (decision 0154): the
 * store is held busy by a long transaction (as a big record batch does) to see the order.
 */
class TapHoldDurabilityTest {

    static final String UID = "04A1B2C3D4E5F6";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static WalletReplica replica(Database db, long balance) throws Exception {
        WalletReplica replica = new WalletReplica(db, new DenyList(db));
        replica.apply(JSON.readTree(WalletReplicaTest.snapshot(1, balance, false)));
        return replica;
    }

    /** Holds the store's lock until {@code release} opens; answers once the lock is held. */
    private static Future<?> busyStore(Database db, ExecutorService pool, CountDownLatch release) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Future<?> busy = pool.submit(() -> db.inTransaction(c -> {
            entered.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
        return busy;
    }

    @Test
    void anApprovalIsGivenOnlyAfterItsHoldIsCommittedButTheNextTapSeesTheDebitAtOnce() throws Exception {
        try (Database db = Database.open(dir)) {
            WalletReplica replica = replica(db, 1_000);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            CountDownLatch release = new CountDownLatch(1);
            Future<?> busy = busyStore(db, pool, release);

            var first = replica.authoriseAsync(UID, 600, Currency.EUR, "h1", "t");
            var second = replica.authoriseAsync(UID, 600, Currency.EUR, "h2", "t");

            assertThat(first).isNotDone();
            assertThat(second.getNow(null)).isInstanceOf(WalletReplica.Refused.class);
            assertThat(replica.totalAvailable()).isEqualTo(400);
            // the gauge reads beside the busy store: the committed state, no hold yet
            assertThat(replica.openHolds()).isZero();
            release.countDown();
            busy.get(30, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(first.get(30, TimeUnit.SECONDS))
                    .isEqualTo(new WalletReplica.Approved(((WalletReplica.Approved) first.get()).wallet(), 400, 250));
            assertThat(replica.openHolds()).isEqualTo(1);
        }
    }

    @Test
    void aResendWhileTheFirstHoldIsBeingWrittenWaitsForItAndDebitsOnce() throws Exception {
        try (Database db = Database.open(dir)) {
            WalletReplica replica = replica(db, 1_000);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            CountDownLatch release = new CountDownLatch(1);
            Future<?> busy = busyStore(db, pool, release);

            var first = replica.authoriseAsync(UID, 300, Currency.EUR, "h1", "t");
            var resent = replica.authoriseAsync(UID, 300, Currency.EUR, "h1", "t");

            assertThat(first).isNotDone();
            assertThat(resent).isNotDone();
            release.countDown();
            busy.get(30, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(first.get(30, TimeUnit.SECONDS)).isInstanceOf(WalletReplica.Approved.class);
            assertThat(resent.get(30, TimeUnit.SECONDS)).isInstanceOf(WalletReplica.Approved.class);
            assertThat(replica.totalAvailable()).isEqualTo(700);
            assertThat(replica.openHolds()).isEqualTo(1);
        }
    }

    @Test
    void aDebitTheStoreCannotWriteIsGivenBackAndNeverApproved() throws Exception {
        Database db = Database.open(dir);
        WalletReplica replica = replica(db, 1_000);
        db.close();

        assertThatThrownBy(() -> replica.authorise(UID, 300, Currency.EUR, "h1", "t"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(replica.totalAvailable()).isEqualTo(1_000);
        // not remembered as approved: the same request again is decided again, and fails again
        assertThatThrownBy(() -> replica.authorise(UID, 300, Currency.EUR, "h1", "t"))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> replica.credit(UID, 500, Currency.EUR, "h2", "t"))
                .isInstanceOf(IllegalStateException.class);
        assertThat(replica.totalAvailable()).isEqualTo(1_000);
    }
}
