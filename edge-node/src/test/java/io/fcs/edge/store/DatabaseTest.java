package io.fcs.edge.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {

    @TempDir
    Path dir;

    private static void insert(java.sql.Connection c, int value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO item (value) VALUES (?)")) {
            ps.setInt(1, value);
            ps.executeUpdate();
        }
    }

    private static List<Integer> items(Database db) {
        return db.inTransaction(c -> {
            List<Integer> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT value FROM item ORDER BY value")) {
                while (rs.next()) {
                    out.add(rs.getInt(1));
                }
            }
            return out;
        });
    }

    @Test
    void everySharedWorkOfManyThreadsIsCommittedAndSurvivesAReopen() throws Exception {
        try (Database db = Database.open(dir)) {
            db.migrate("CREATE TABLE item (value INTEGER PRIMARY KEY)");
            ExecutorService pool = Executors.newFixedThreadPool(16);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                int value = i;
                results.add(pool.submit(() -> db.inSharedTransaction(c -> {
                    insert(c, value);
                    return value;
                })));
            }
            for (int i = 0; i < 400; i++) {
                assertThat(results.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
            }
            pool.shutdown();
        }
        try (Database db = Database.open(dir)) {
            assertThat(items(db)).hasSize(400).startsWith(0, 1, 2).endsWith(399);
        }
    }

    @Test
    void aFailingSharedWorkIsRolledBackAloneAndItsCallerSeesTheFailure() throws Exception {
        try (Database db = Database.open(dir)) {
            db.migrate("CREATE TABLE item (value INTEGER PRIMARY KEY)");
            db.inSharedTransaction(c -> {
                insert(c, 1);
                return null;
            });
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> results = new ArrayList<>();
            for (int i = 2; i < 50; i++) {
                int value = i;
                results.add(pool.submit(() -> db.inSharedTransaction(c -> {
                    insert(c, value);
                    if (value == 7) {
                        insert(c, 1); // duplicate key: this work fails after writing 7
                    }
                    return null;
                })));
            }
            int failed = 0;
            for (Future<?> f : results) {
                try {
                    f.get(30, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(Database.StoreException.class);
                    failed++;
                }
            }
            pool.shutdown();
            assertThat(failed).isEqualTo(1);
            assertThat(items(db)).hasSize(48).doesNotContain(7);
        }
    }

    @Test
    void sharedWorkIsRefusedOnceTheStoreIsClosed() {
        Database db = Database.open(dir);
        db.close();
        assertThatThrownBy(() -> db.inSharedTransaction(c -> null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void anAsyncSharedWorkCompletesOnlyAfterItsCommitAndAFailingOneFailsAlone() throws Exception {
        try (Database db = Database.open(dir)) {
            db.migrate("CREATE TABLE item (value INTEGER PRIMARY KEY)");
            java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            // a record batch holding the store: the committer cannot commit until it is done
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
            var ok = db.inSharedTransactionAsync(c -> {
                insert(c, 1);
                return 1;
            });
            var duplicate = db.inSharedTransactionAsync(c -> {
                insert(c, 1);
                return 2;
            });
            assertThat(ok).isNotDone();
            assertThat(duplicate).isNotDone();
            release.countDown();
            busy.get(30, TimeUnit.SECONDS);
            pool.shutdown();
            assertThat(ok.get(30, TimeUnit.SECONDS)).isEqualTo(1);
            assertThatThrownBy(() -> duplicate.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(Database.StoreException.class);
            assertThat(items(db)).containsExactly(1);
        }
    }

    @Test
    void theWalIsStartedOverWhileCommitsFollowEachOtherWithoutPause() throws Exception {
        int restartFrames = 256; // 1 MiB of 4 KiB pages
        long written = 0;
        try (Database db = Database.open(dir, restartFrames)) {
            db.migrate("CREATE TABLE page (id INTEGER PRIMARY KEY, data BLOB NOT NULL)");
            ExecutorService writers = Executors.newFixedThreadPool(4);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            List<Future<Long>> done = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int writer = w;
                // the same 64 rows rewritten: the database stays small, only the WAL could grow
                done.add(writers.submit(() -> {
                    long bytes = 0;
                    for (int i = 0; bytes < 12L << 20 && System.nanoTime() < deadline; i++) {
                        int id = writer * 16 + i % 16;
                        db.inSharedTransaction(c -> {
                            try (PreparedStatement ps =
                                    c.prepareStatement("INSERT OR REPLACE INTO page VALUES (?, randomblob(16384))")) {
                                ps.setInt(1, id);
                                return ps.executeUpdate();
                            }
                        });
                        bytes += 16384;
                    }
                    return bytes;
                }));
            }
            for (Future<Long> f : done) {
                written += f.get(90, TimeUnit.SECONDS);
            }
            writers.shutdown();
            Path wal = dir.resolve("edge.db-wal");
            assertThat(written).isGreaterThanOrEqualTo(48L << 20);
            assertThat(db.walRestarts()).isPositive();
            // Started over, the WAL holds what was written since the last restart (a checkpoint
            // interval or two at this rate); never started over, it would hold every frame written.
            assertThat(java.nio.file.Files.size(wal)).isLessThan(written / 2);
        }
    }
}
