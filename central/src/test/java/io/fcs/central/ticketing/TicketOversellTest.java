package io.fcs.central.ticketing;

import io.fcs.central.auth.UserAccounts;
import io.fcs.central.testing.CentralTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class TicketOversellTest extends CentralTest {

    @Autowired
    TicketSales sales;

    @Autowired
    UserAccounts users;

    @Autowired
    JdbcClient jdbc;

    @Test
    void parallelBuyersNeverExceedTheQuotaOnH2() throws Exception {
        String festival = createFestival("Rush H2");
        UUID type = UUID.fromString(createTicketType(festival, 4500, 40));
        ParallelBuyers.oversellNeverHappens(sales, users, jdbc, type, 40);
    }
}
