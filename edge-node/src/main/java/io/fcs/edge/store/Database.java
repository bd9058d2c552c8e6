package io.fcs.edge.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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

    private Database(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    public static Database open(Path folder) {
        try {
            Files.createDirectories(folder);
            Path file = folder.resolve("edge.db");
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=FULL");
                s.execute("PRAGMA foreign_keys=ON");
                s.execute("PRAGMA busy_timeout=10000");
            }
            connection.setAutoCommit(false);
            return new Database(connection, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + folder, e);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot open the edge store in " + folder, e);
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
        if (closed) {
            throw new IllegalStateException("edge store " + file + " is closed");
        }
        Shared<T> mine = new Shared<>(work);
        committer();
        shared.add(mine);
        return mine.outcome(file);
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

    /** Under the lock: the batch in one transaction, each work behind its own savepoint. */
    private void commitShared(List<Shared<?>> batch) {
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

    /** One caller's work in a shared transaction; the latch publishes its outcome to the caller. */
    private static final class Shared<T> {
        private final Work<T> work;
        private final CountDownLatch done = new CountDownLatch(1);
        private T result;
        private Exception failure;

        Shared(Work<T> work) {
            this.work = work;
        }

        void run(Connection connection) throws SQLException {
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

        void release() {
            done.countDown();
        }

        T outcome(Path file) {
            boolean interrupted = false;
            while (true) {
                try {
                    done.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the work is queued: its outcome must still be known
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            if (failure instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (failure instanceof SQLException sql) {
                throw new StoreException("edge store transaction failed in " + file, sql);
            }
            return result;
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
        lock.lock();
        try {
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
