package io.fcs.edge.zone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.edge.store.Database;
import io.fcs.protocol.value.Currency;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalletReplicaTest {

    static final String WALLET = "11111111-1111-1111-1111-111111111111";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    static String snapshot(long version, long balance, boolean blocked) {
        return """
                {"version": %d, "complete": true, "wallets": [{"walletId": "%s", "balanceCents": %d,
                 "pendingCents": 250, "currency": "EUR", "blocked": %b, "offlineAllowanceCents": 2000,
                 "wristbands": ["04A1B2C3D4E5F6"]}]}""".formatted(version, WALLET, balance, blocked);
    }

    @Test
    void concurrentTapsOnOneWalletNeverSpendMoreThanItHolds() throws Exception {
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            replica.apply(JSON.readTree(snapshot(1, 1_000, false)));
            ExecutorService pool = Executors.newFixedThreadPool(8);
            AtomicInteger approved = new AtomicInteger();
            List<Future<?>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String hold = "hold-" + i;
                futures.add(pool.submit(() -> {
                    if (replica.authorise("04a1b2c3d4e5f6", 100, Currency.EUR, hold, "t")
                            instanceof WalletReplica.Approved) {
                        approved.incrementAndGet();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            assertThat(approved.get()).isEqualTo(10);
            assertThat(replica.totalAvailable()).isZero();
        }
    }

    @Test
    void theSameHoldAgainDoesNotDebitTwice() throws Exception {
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            replica.apply(JSON.readTree(snapshot(1, 1_000, false)));
            replica.authorise("04A1B2C3D4E5F6", 300, Currency.EUR, "h1", "t");
            var again = replica.authorise("04A1B2C3D4E5F6", 300, Currency.EUR, "h1", "t");
            assertThat(again).isInstanceOf(WalletReplica.Approved.class);
            assertThat(replica.totalAvailable()).isEqualTo(700);
        }
    }

    @Test
    void holdsSurviveARestartAndSettleOnceCentralAppliedThem() throws Exception {
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            replica.apply(JSON.readTree(snapshot(1, 1_000, false)));
            replica.authorise("04A1B2C3D4E5F6", 400, Currency.EUR, "h1", "t");
        }
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            assertThat(replica.version()).isEqualTo(1);
            assertThat(replica.totalAvailable()).isEqualTo(600);
            replica.apply(JSON.readTree(snapshot(2, 600, false)));
            replica.settle(List.of("h1"));
            assertThat(replica.totalAvailable()).isEqualTo(600);
        }
    }

    @Test
    void blockedWalletsUnknownAndDeniedWristbandsAreRefusedWithTheirReason() throws Exception {
        try (Database db = Database.open(dir)) {
            DenyList deny = new DenyList(db);
            WalletReplica replica = new WalletReplica(db, deny);
            replica.apply(JSON.readTree(snapshot(1, 1_000, true)));
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1, Currency.EUR, "a", "t"))
                    .isEqualTo(new WalletReplica.Refused(WalletReplica.Refusal.WALLET_BLOCKED, 1_000));
            assertThat(replica.authorise("0499", 1, Currency.EUR, "b", "t"))
                    .isEqualTo(new WalletReplica.Refused(WalletReplica.Refusal.UNKNOWN_WRISTBAND, 0));
            deny.apply(JSON.readTree(
                    "{\"version\": 3, \"wristbands\": [{\"uid\": \"04A1B2C3D4E5F6\", \"reason\": \"lost\"}]}"));
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1, Currency.EUR, "c", "t"))
                    .isEqualTo(new WalletReplica.Refused(WalletReplica.Refusal.WRISTBAND_DENIED, 0));
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1, Currency.of("USD"), "d", "t"))
                    .isInstanceOf(WalletReplica.Refused.class);
        }
    }
}
