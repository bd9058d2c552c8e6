package io.fcs.central.portal;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.ticketing.IssuedTicket;
import io.fcs.central.ticketing.TicketSales;
import io.fcs.central.wallet.CashlessService;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * In-page notices of an attendee: a top-up credited to the account, a ticket paid, a ticket
 * refunded. They are derived from the ledger and the tickets themselves (nothing else has to
 * publish them): each check writes the events not seen before, keyed by the transaction or
 * ticket, so each is announced once however often the page polls.
 */
@Service
class Notices {

    enum Kind {
        TOP_UP_LOADED,
        TICKET_PAID,
        TICKET_REFUNDED
    }

    record Notice(UUID id, Kind kind, long amountCents, String currency, String label, Instant at) {}

    private static final int HISTORY_PER_FESTIVAL = 20;

    private final JdbcClient jdbc;
    private final TicketSales tickets;
    private final CashlessService cashless;
    private final Clock clock;

    Notices(JdbcClient jdbc, TicketSales tickets, CashlessService cashless, Clock clock) {
        this.jdbc = jdbc;
        this.tickets = tickets;
        this.cashless = cashless;
        this.clock = clock;
    }

    /** Records what is new for the attendee, then answers the notices not dismissed yet, newest first. */
    List<Notice> unseen(CurrentUser user) {
        for (IssuedTicket t : tickets.ofOwner(user.id())) {
            switch (t.status()) {
                case VALID ->
                    add(user.id(), "ticket-paid:" + t.id(), Kind.TICKET_PAID, t.priceCents(), t.currency(), t.type());
                case REFUNDED -> {
                    add(user.id(), "ticket-paid:" + t.id(), Kind.TICKET_PAID, t.priceCents(), t.currency(), t.type());
                    add(
                            user.id(),
                            "ticket-refunded:" + t.id(),
                            Kind.TICKET_REFUNDED,
                            t.priceCents(),
                            t.currency(),
                            t.type());
                }
                default -> {}
            }
        }
        for (CashlessService.Account account : cashless.accounts(user)) {
            for (CashlessService.Movement m : cashless.history(user, account.festivalId(), HISTORY_PER_FESTIVAL)) {
                if ("TOP_UP".equals(m.category()) && m.amountCents() > 0) {
                    add(
                            user.id(),
                            "top-up:" + m.transactionId(),
                            Kind.TOP_UP_LOADED,
                            m.amountCents(),
                            m.currency(),
                            "");
                }
            }
        }
        return jdbc.sql("select id, kind, amount_cents, currency, label, created_at from portal_notice"
                        + " where user_id = ? and seen_at is null order by created_at desc, id limit 20")
                .param(user.id())
                .query((rs, n) -> new Notice(
                        rs.getObject(1, UUID.class),
                        Kind.valueOf(rs.getString(2)),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Dismisses every notice shown so far. */
    void dismissAll(UUID userId) {
        jdbc.sql("update portal_notice set seen_at = ? where user_id = ? and seen_at is null")
                .params(now(), userId)
                .update();
    }

    private void add(UUID userId, String key, Kind kind, long amountCents, String currency, String label) {
        try {
            jdbc.sql("insert into portal_notice (id, user_id, notice_key, kind, amount_cents, currency, label,"
                            + " created_at) select ?, ?, ?, ?, ?, ?, ?, ? where not exists (select 1 from"
                            + " portal_notice where user_id = ? and notice_key = ?)")
                    .params(
                            UUID.randomUUID(),
                            userId,
                            key,
                            kind.name(),
                            amountCents,
                            currency,
                            label.length() > 200 ? label.substring(0, 200) : label,
                            now(),
                            userId,
                            key)
                    .update();
        } catch (DuplicateKeyException addedByAParallelPoll) {
            // the other request wrote the same notice: once is what we want
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
