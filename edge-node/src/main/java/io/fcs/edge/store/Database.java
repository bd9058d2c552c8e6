package io.fcs.edge.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The edge's durable store: one SQLite file in WAL mode with {@code synchronous=FULL}, so that
 * a committed transaction survives a kill -9 or a power cut. Every feature keeps its own tables
 * here and writes through {@link #inTransaction}; the single connection serialises writers
 * (SQLite does anyway) and keeps the commit order equal to the decision order.
 */
public final class Database implements AutoCloseable {

    /** Work inside one transaction; an exception rolls everything back. */
    @FunctionalInterface
    public interface Work<T> {
        T apply(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    /** Works waiting for the next shared commit; at most this many go into one transaction. */
    static final int MAX_SHARED_BATCH = 4096;

    private final LinkedBlockingQueue<Shared<?>> shared = new LinkedBlockingQueue<>();
    private Thread committer;
    private volatile boolean closed;
    private final Path file;

    private final int restartFrames;
    private final AtomicLong walRestarts = new AtomicLong();

    private Database(Connection connection, Path file, int restartFrames) {
        this.connection = connection;
        this.file = file;
        this.restartFrames = restartFrames;
    }

    public static Database open(Path folder) {
        return open(folder, RESTART_FRAMES);
    }

    /** As {@link #open(Path)}, the writer starting the WAL over past {@code restartFrames} frames. */
    static Database open(Path folder, int restartFrames) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve("edge.db");
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=10000");
                // checkpoints run on their own connection and thread (decision 0155), never
                // inside a commit that taps or record batches wait for
                s.execute("PRAGMA wal_autocheckpoint=0");
                // a WAL that grew past twice the restart size (a reader pinned old frames) is cut
                // back when it next starts over
                long pageSize;
                try (ResultSet rs = s.executeQuery("PRAGMA page_size")) {
                    pageSize = rs.next() ? rs.getLong(1) : 4096;
                }
                s.execute("PRAGMA journal_size_limit=" + 2L * restartFrames * pageSize);
            }
            connection.setAutoCommit(false);
            Database db = new Database(connection, file, restartFrames);
            db.startCheckpoints();
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + folder, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the edge store in " + folder, e);
        }
    }

    /** How often the checkpointer copies committed WAL frames into the database file. */
    static final long CHECKPOINT_INTERVAL_MS = 250;

    private Thread checkpointer;

    /**
     * WAL frames are copied into the database file by a thread of their own on a second
     * connection ({@code PRAGMA wal_checkpoint(PASSIVE)}: never blocks the writer), instead of
     * SQLite's automatic checkpoint, which runs inside whichever commit crosses 1,000 pages and
     * makes the taps waiting on that commit wait for the copy and its fsync too. Durability is
     * the WAL's ({@code synchronous=FULL}): a commit is durable before any checkpoint.
     */
    private void startCheckpoints() {
        Thread t = new Thread(this::checkpointLoop, "edge-store-checkpoint");
        t.setDaemon(true);
        checkpointer = t;
        t.start();
    }

    private void checkpointLoop() {
        Connection second = null;
        try {
            while (!closed) {
                try {
                    Thread.sleep(CHECKPOINT_INTERVAL_MS);
                } catch (InterruptedException e) {
                    break;
                }
                if (closed) {
                    break;
                }
                try {
                    if (second == null) {
                        second = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                        try (Statement s = second.createStatement()) {
                            s.execute("PRAGMA synchronous=FULL");
                            s.execute("PRAGMA busy_timeout=1000");
                        }
                    }
                    if (checkpoint(second) >= restartFrames) {
                        restartWal(second);
                    }
                } catch (SQLException e) {
                    // busy or the file went away: try again next time on a fresh connection
                    closeQuietly(second);
                    second = null;
                }
            }
        } finally {
            closeQuietly(second);
        }
    }

    /**
     * WAL frames past which the checkpointer makes the writer start the WAL over (64 MiB of the
     * default 4 KiB pages). SQLite starts the WAL from its beginning only when a write transaction begins after
     * a checkpoint copied every frame; with commits back to back the background checkpoint never
     * catches up between two of them, and the WAL grew without end under load (930 MB after a
     * 30-second run of 2,000 taps/s), decision 0260.
     */
    static final int RESTART_FRAMES = 16_384;

    /** One passive checkpoint on {@code c}; answers the WAL's frames at that moment. */
    private static int checkpoint(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
            return rs.next() ? rs.getInt(2) : 0;
        }
    }

    /**
     * Copies the frames committed since the last checkpoint while the store's lock keeps the
     * writer between transactions, so that its next transaction begins on a fully copied WAL
     * and writes it from the start. Short: the passive checkpoint just before copied the rest.
     */
    private void restartWal(Connection c) throws SQLException {
        lock.lock();
        try {
            checkpoint(c);
            walRestarts.incrementAndGet();
        } finally {
            lock.unlock();
        }
    }

    /** How many times the checkpointer made the writer start the WAL over (for tests and metrics). */
    public long walRestarts() {
        return walRestarts.get();
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken checkpoint connection
            }
        }
    }

    /** Runs {@code ddl} statements (idempotent {@code CREATE ... IF NOT EXISTS}) in one transaction. */
    public void migrate(String... ddl) {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                for (String statement : ddl) {
                    s.execute(statement);
                }
            }
            return null;
        });
    }

    private final Object readerLock = new Object();
    private Connection reader;

    /**
     * A read on a connection of its own, outside the store's lock: what it reads is the last
     * committed state (WAL readers never block the writer nor wait for it). For counts that
     * would otherwise hold every tap's commit while they read (metrics gauges).
     */
    public <T> T read(Work<T> work) {
        synchronized (readerLock) {
            try {
                if (reader == null) {
                    if (closed) {
                        throw new IllegalStateException("edge store " + file + " is closed");
                    }
                    reader = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
                    try (Statement s = reader.createStatement()) {
                        s.execute("PRAGMA busy_timeout=1000");
                    }
                }
                return work.apply(reader);
            } catch (SQLException e) {
                closeQuietly(reader);
                reader = null;
                throw new StoreException("edge store read failed in " + file, e);
            }
        }
    }

    public <T> T inTransaction(Work<T> work) {
        lock.lock();
        try {
            try {
                T result = work.apply(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
                if (e instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new StoreException("edge store transaction failed in " + file, (SQLException) e);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code work} in a transaction shared with the work other threads submit at the same
     * moment (group commit, decision 0150): one committer thread takes everything queued, runs it
     * in one transaction and commits once, so one fsync makes all of it durable. Blocks until this
     * work is committed, like {@link #inTransaction}. A work that fails is rolled back to its own
     * savepoint and only its caller sees the failure; the others still commit.
     */
    public <T> T inSharedTransaction(Work<T> work) {
        try {
            return inSharedTransactionAsync(work).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * As {@link #inSharedTransaction} without blocking the caller: the future completes once
     * {@code work} is durable (or failed, with the same exception {@link #inSharedTransaction}
     * throws). Completion runs on the committer thread right after the commit, so what depends on
     * it (the answer to a tap) leaves without another thread hop; such dependants must be short
     * and must never wait for the store or for a lock a store caller holds.
     */
    public <T> CompletableFuture<T> inSharedTransactionAsync(Work<T> work) {
        if (closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("edge store " + file + " is closed"));
        }
        Shared<T> mine = new Shared<>(work);
        committer();
        shared.add(mine);
        return mine.done;
    }

    private synchronized void committer() {
        if (committer == null) {
            committer = new Thread(this::commitLoop, "edge-store-commit");
            committer.setDaemon(true);
            committer.start();
        }
    }

    private void commitLoop() {
        List<Shared<?>> batch = new ArrayList<>();
        while (!closed) {
            try {
                Shared<?> first = shared.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                shared.drainTo(batch, MAX_SHARED_BATCH - 1);
                lock.lock();
                try {
                    commitShared(batch);
                } finally {
                    lock.unlock();
                }
                batch.forEach(Shared::release);
                batch.clear();
            } catch (InterruptedException e) {
                break;
            }
        }
        for (Shared<?> left = shared.poll(); left != null; left = shared.poll()) {
            left.failed(new IllegalStateException("edge store " + file + " is closed"));
            left.release();
        }
    }

    /**
     * Under the lock: the batch in one transaction. First without savepoints (two statements less
     * per work, decision 0155); if any work fails, everything is rolled back and the batch runs
     * again with each work behind its own savepoint, so that only the failing work's caller sees
     * the failure. A shared work may therefore run twice: it must only touch the connection.
     */
    private void commitShared(List<Shared<?>> batch) {
        if (batch.size() > 1) {
            try {
                for (Shared<?> item : batch) {
                    item.runPlain(connection);
                }
                connection.commit();
                return;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly();
            }
        }
        try {
            for (Shared<?> item : batch) {
                item.run(connection);
            }
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly();
            for (Shared<?> item : batch) {
                item.failed(e);
            }
        }
    }

    private final java.util.Map<String, java.sql.PreparedStatement> statements = new java.util.HashMap<>();

    /**
     * A prepared statement kept for the store's lifetime, for works that run often (a tap's hold):
     * only inside a work (the store's lock is held), never closed by the caller; parameters are
     * whatever the caller sets.
     */
    public java.sql.PreparedStatement cached(String sql) throws SQLException {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("a cached statement is only for work inside a transaction");
        }
        java.sql.PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    /** One caller's work in a shared transaction; the future publishes its outcome to the caller. */
    private final class Shared<T> {
        private final Work<T> work;
        private final CompletableFuture<T> done = new CompletableFuture<>();
        private T result;
        private Exception failure;

        Shared(Work<T> work) {
            this.work = work;
        }

        void runPlain(Connection connection) throws SQLException {
            result = work.apply(connection);
            failure = null;
        }

        void run(Connection connection) throws SQLException {
            failure = null;
            Savepoint savepoint = connection.setSavepoint();
            try {
                result = work.apply(connection);
                connection.releaseSavepoint(savepoint);
            } catch (SQLException | RuntimeException e) {
                connection.rollback(savepoint);
                connection.releaseSavepoint(savepoint);
                failure = e;
            }
        }

        void failed(Exception e) {
            if (failure == null) {
                failure = e;
            }
            result = null;
        }

        /** After the commit (or the rollback), outside the store's lock. */
        void release() {
            if (failure == null) {
                done.complete(result);
            } else if (failure instanceof SQLException sql) {
                done.completeExceptionally(new StoreException("edge store transaction failed in " + file, sql));
            } else {
                done.completeExceptionally(failure);
            }
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection is broken; the next transaction reports it
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        closed = true;
        Thread running;
        synchronized (this) {
            running = committer;
        }
        if (running != null) {
            try {
                running.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (checkpointer != null) {
            checkpointer.interrupt();
            try {
                checkpointer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (readerLock) {
            closeQuietly(reader);
            reader = null;
        }
        lock.lock();
        try {
            for (java.sql.PreparedStatement ps : statements.values()) {
                ps.close();
            }
            statements.clear();
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the edge store " + file, e);
        } finally {
            lock.unlock();
        }
    }

    /** The durable store failed: a broken invariant of the machine, not of the input. */
    public static final class StoreException extends RuntimeException {
        public StoreException(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
