package io.fcs.central.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.testing.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Record ingestion on a real PostgreSQL: the same scenarios as on H2, here through the multi-row
 * inserts' conflict branches ({@code ON CONFLICT DO NOTHING} with a count of the rows inserted) and
 * the applied marks written by one {@code UPDATE ... FROM unnest(...)}.
 */
class RecordIngestionPostgresIT extends RecordIngestionScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.pointAtEmbeddedPostgres(registry);
    }

    @Test
    void theIngestionScenariosRunAgainstPostgresql() {
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    }
}
