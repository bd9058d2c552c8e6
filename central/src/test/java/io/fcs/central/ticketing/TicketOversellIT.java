package io.fcs.central.ticketing;

import io.fcs.central.auth.UserAccounts;
import io.fcs.central.testing.PostgresTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class TicketOversellIT extends PostgresTest {

    @Autowired
    TicketSales sales;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void parallelBuyersNeverExceedTheQuotaOnPostgresql() throws Exception {
        String festival = createFestival("Rush PG");
        UUID type = UUID.fromString(createTicketType(festival, 4500, 40));
        ParallelBuyers.oversellNeverHappens(sales, users, jdbc, type, 40);
    }
}
