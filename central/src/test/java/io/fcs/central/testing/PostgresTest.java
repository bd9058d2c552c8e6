package io.fcs.central.testing;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of Spring integration tests ({@code *IT}) on a real PostgreSQL: the same configuration as
 * {@link CentralTest} with the datasource pointed at the JVM's embedded PostgreSQL, so all ITs
 * share one cached context and one database server.
 */
public abstract class PostgresTest extends CentralTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        pointAtEmbeddedPostgres(registry);
    }

    /**
     * Points the datasource at the JVM's embedded PostgreSQL, for a test whose scenarios are
     * shared with an H2 test and so cannot extend this class.
     */
    public static void pointAtEmbeddedPostgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", EmbeddedPostgres::jdbcUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "20");
        // a context the test run has moved past keeps few connections open
        registry.add("spring.datasource.hikari.minimum-idle", () -> "2");
    }
}
