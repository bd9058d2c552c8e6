package io.fcs.central.testing;

/**
 * Starts the embedded PostgreSQL 17 of the tests on 127.0.0.1 and keeps it running, for
 * benchmarks of a packaged central against PostgreSQL (docs/benchmarks.md). Prints the JDBC URL
 * (user and password {@code postgres}) and stops after {@code args[0]} minutes (default 30) or
 * when the process is stopped.
 */
public final class StandalonePostgres {

    private StandalonePostgres() {}

    public static void main(String[] args) throws InterruptedException {
        long minutes = args.length > 0 ? Long.parseLong(args[0]) : 30;
        System.out.println("JDBC_URL=" + EmbeddedPostgres.jdbcUrl());
        System.out.flush();
        Thread.sleep(minutes * 60_000);
    }
}
