package io.fcs.central.finance;

import io.fcs.central.testing.PostgresTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** A copied ticket revoked from its admission conflict, on a real PostgreSQL: the same rules as on H2. */
class CopiedTicketReviewPostgresIT extends CopiedTicketReviewTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.pointAtEmbeddedPostgres(registry);
    }
}
