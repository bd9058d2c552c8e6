package io.fcs.edge.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
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
