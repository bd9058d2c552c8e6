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
    void aResentRequestGetsTheSameApprovalEvenWhenItTookTheLastOfTheBalance() throws Exception {
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            replica.apply(JSON.readTree(snapshot(1, 1_000, false)));
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1_000, Currency.EUR, "h1", "t"))
                    .isInstanceOf(WalletReplica.Approved.class);
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1_000, Currency.EUR, "h1", "t"))
                    .isInstanceOf(WalletReplica.Approved.class);
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1_000, Currency.EUR, "h2", "t"))
                    .isInstanceOf(WalletReplica.Refused.class);
            assertThat(replica.totalAvailable()).isZero();
        }
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1_000, Currency.EUR, "h1", "t"))
                    .as("still the same request after a restart")
                    .isInstanceOf(WalletReplica.Approved.class);
            assertThat(replica.totalAvailable()).isZero();
        }
    }

    static final class Switch implements java.util.function.BooleanSupplier {
        volatile boolean on;

        @Override
        public boolean getAsBoolean() {
            return on;
        }
    }

    /** A clock that the test moves by hand. */
    static final class HandClock extends java.time.Clock {
        volatile java.time.Instant now;

        HandClock(java.time.Instant now) {
            this.now = now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return java.time.ZoneOffset.UTC;
        }

        @Override
        public java.time.Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public java.time.Instant instant() {
            return now;
        }
    }

    @Test
    void withoutCentralAWristbandSpendsAtMostItsOfflineAllowancePerFestivalDay() throws Exception {
        Switch cutOff = new Switch();
        // festival day starts at 06:00 Paris time; 23:00 and 05:00 local are the same festival day
        HandClock clock = new HandClock(java.time.Instant.parse("2026-07-10T21:00:00Z"));
        var paris = new io.fcs.protocol.value.FestivalTime(
                java.time.ZoneId.of("Europe/Paris"), io.fcs.protocol.value.FestivalTime.DEFAULT_CUTOVER);
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            replica.offlineRule(new WalletReplica.OfflineRule(cutOff, () -> paris, clock));
            replica.apply(JSON.readTree(snapshot(1, 10_000, false))); // allowance 2,000
            assertThat(replica.authorise("04A1B2C3D4E5F6", 5_000, Currency.EUR, "online", "t"))
                    .as("with central, the balance is the only limit")
                    .isInstanceOf(WalletReplica.Approved.class);
            cutOff.on = true;
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1_500, Currency.EUR, "o1", "t"))
                    .isInstanceOf(WalletReplica.Approved.class);
            assertThat(replica.authorise("04A1B2C3D4E5F6", 600, Currency.EUR, "o2", "t"))
                    .isEqualTo(new WalletReplica.Refused(WalletReplica.Refusal.OFFLINE_ALLOWANCE_SPENT, 3_500));
            assertThat(replica.authorise("04A1B2C3D4E5F6", 500, Currency.EUR, "o3", "t"))
                    .isInstanceOf(WalletReplica.Approved.class);
            clock.now = java.time.Instant.parse("2026-07-11T03:00:00Z"); // 05:00 in Paris: same festival day
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1, Currency.EUR, "o4", "t"))
                    .isInstanceOf(WalletReplica.Refused.class);
        }
        try (Database db = Database.open(dir)) {
            WalletReplica replica = new WalletReplica(db, new DenyList(db));
            replica.offlineRule(new WalletReplica.OfflineRule(cutOff, () -> paris, clock));
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1, Currency.EUR, "o5", "t"))
                    .as("what was spent offline survives a restart")
                    .isInstanceOf(WalletReplica.Refused.class);
            clock.now = java.time.Instant.parse("2026-07-11T04:30:00Z"); // 06:30 in Paris: the next day
            assertThat(replica.authorise("04A1B2C3D4E5F6", 2_000, Currency.EUR, "o6", "t"))
                    .isInstanceOf(WalletReplica.Approved.class);
            assertThat(replica.offlineSpentToday(
                            replica.walletOf("04a1b2c3d4e5f6").orElseThrow()))
                    .isEqualTo(2_000);
            cutOff.on = false;
            assertThat(replica.authorise("04A1B2C3D4E5F6", 1_000, Currency.EUR, "back", "t"))
                    .as("central is back: the allowance no longer limits")
                    .isInstanceOf(WalletReplica.Approved.class);
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
