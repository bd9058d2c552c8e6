package io.fcs.central.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL (zonky embedded binaries, 17.x) per test JVM, started on first use on a
 * free port of 127.0.0.1 and stopped when the JVM exits.
 */
public final class EmbeddedPostgres {

    /**
     * System property: {@code -Dbench.pgss=true} starts the server with {@code pg_stat_statements}
     * (for the benchmarks' breakdown of where the database's time goes).
     */
    public static final String STATEMENT_STATISTICS = "bench.pgss";

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres instance;

    private EmbeddedPostgres() {}

    public static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres get() {
        if (instance == null) {
            try {
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
                        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                                .setServerConfig("listen_addresses", "127.0.0.1")
                                // each cached Spring test context keeps a pool of its own
                                .setServerConfig("max_connections", "300");
                if (Boolean.getBoolean(STATEMENT_STATISTICS)) {
                    // server time per statement, nested ones (triggers) too, planning included
                    builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                            .setServerConfig("pg_stat_statements.track", "all")
                            .setServerConfig("pg_stat_statements.track_planning", "on");
                }
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres started = builder.start();
                instance = started;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException ignored) {
                        // the JVM is exiting
                    }
                }));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
        }
        return instance;
    }

    public static String jdbcUrl() {
        return get().getJdbcUrl("postgres", "postgres");
    }
}
