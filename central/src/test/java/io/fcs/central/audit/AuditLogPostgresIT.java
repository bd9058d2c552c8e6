package io.fcs.central.audit;

import io.fcs.central.testing.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The audit log on a real PostgreSQL: the same rules as on H2, its events chained set-based. */
class AuditLogPostgresIT extends AuditLogTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.pointAtEmbeddedPostgres(registry);
    }
}
