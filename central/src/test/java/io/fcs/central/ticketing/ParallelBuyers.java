package io.fcs.central.ticketing;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.auth.Role;
import io.fcs.central.auth.UserAccounts;
import io.fcs.central.web.ApiException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Many buyers at once against one small quota (shared by the H2 test and the PostgreSQL IT):
 * demand is several times the quota; afterwards sold tickets never exceed it and the counter,
 * the orders and the VALID tickets agree.
 */
final class ParallelBuyers {

    private ParallelBuyers() {}

    static void oversellNeverHappens(
            TicketSales sales, UserAccounts users, JdbcClient jdbc, UUID ticketTypeId, int quota) throws Exception {
        int threads = 8;
        int attemptsPerThread = 12;
        List<CurrentUser> buyers = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            var user = users.create(
                    "buyer-" + UUID.randomUUID() + "@example.test",
                    "password-1234",
                    "Parallel Buyer",
                    Set.of(Role.ATTENDEE),
                    Set.of());
            buyers.add(new CurrentUser(user.id(), user.email(), user.roles(), Set.of()));
        }
        AtomicInteger boughtTickets = new AtomicInteger();
        AtomicInteger soldOut = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                CurrentUser buyer = buyers.get(t);
                Random random = new Random(42 + t);
                futures.add(pool.submit(() -> {
                    for (int a = 0; a < attemptsPerThread; a++) {
                        int quantity = 1 + random.nextInt(3);
                        try {
                            TicketSales.Order order =
                                    sales.buy(buyer, new TicketSales.Purchase(ticketTypeId, quantity, null, null));
                            boughtTickets.addAndGet(order.tickets().size());
                        } catch (ApiException e) {
                            if (!e.code().equals("sold_out")) {
                                throw e;
                            }
                            soldOut.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int sold = jdbc.sql("select sold from ticket_type where id = ?")
                .param(ticketTypeId)
                .query(Integer.class)
                .single();
        int valid = jdbc.sql("select count(*) from ticket where ticket_type_id = ? and status = 'VALID'")
                .param(ticketTypeId)
                .query(Integer.class)
                .single();
        int ordered = jdbc.sql("select coalesce(sum(quantity), 0) from ticket_order where ticket_type_id = ?"
                        + " and status = 'PAID'")
                .param(ticketTypeId)
                .query(Integer.class)
                .single();
        assertThat(sold).isLessThanOrEqualTo(quota).isEqualTo(valid).isEqualTo(ordered);
        assertThat(boughtTickets.get()).isEqualTo(sold);
        assertThat(soldOut.get()).as("demand exceeded the quota").isPositive();
        assertThat(sold).as("the quota was (nearly) used up").isGreaterThan(quota - 3);
    }
}
