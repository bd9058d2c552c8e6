package io.fcs.central.testing;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One real PostgreSQL (zonky embedded binaries, 17.x) per test JVM, started on first use on a
 * free port of 127.0.0.1 and stopped when the JVM exits.
 */
public final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres instance;

    private EmbeddedPostgres() {}

    public static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres get() {
        if (instance == null) {
            try {
                io.zonky.test.db.postgres.embedded.EmbeddedPostgres started =
                        io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                                .setServerConfig("listen_addresses", "127.0.0.1")
                                .setServerConfig("max_connections", "100")
                                .start();
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
