package io.fcs.central.ticketing;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.CurrentUser;
import io.fcs.central.auth.UserAccounts;
import io.fcs.central.config.PersonalData;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.festival.Zone;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.EntryCategory;
import io.fcs.central.ledger.JournalEntry;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.ledger.PostingResult;
import io.fcs.central.payment.PaymentConfirmed;
import io.fcs.central.payment.PaymentFailed;
import io.fcs.central.payment.Payments;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Sha256;
import io.fcs.protocol.ticket.Ticket;
import io.fcs.protocol.ticket.TicketIssuer;
import io.fcs.protocol.ticket.ValidDays;
import io.fcs.protocol.ticket.Zones;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TicketId;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ticket purchases, all or nothing: the quota is taken by one conditional UPDATE in the database
 * ({@code sold = sold + q where sold + q <= quota}), never read-modify-write in Java, so no
 * concurrency oversells. The order is committed as PENDING, then paid through {@link Payments};
 * the provider's confirmation makes the tickets VALID and signs their QR codes. A declined or
 * failed payment gives the quota back.
 */
@Service
public class TicketSales {

    static final String PURPOSE = "ticket_order";
    private static final Logger log = LoggerFactory.getLogger(TicketSales.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Festivals festivals;
    private final TicketTypes types;
    private final TicketKeys keys;
    private final Payments payments;
    private final UserAccounts users;
    private final PersonalData personalData;
    private final JdbcTicketRevocations revocations;
    private final AuditLog audit;
    private final Ledger ledger;
    private final Clock clock;

    TicketSales(
            JdbcClient jdbc,
            TransactionTemplate tx,
            Festivals festivals,
            TicketTypes types,
            TicketKeys keys,
            Payments payments,
            UserAccounts users,
            PersonalData personalData,
            JdbcTicketRevocations revocations,
            AuditLog audit,
            Ledger ledger,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.festivals = festivals;
        this.types = types;
        this.keys = keys;
        this.payments = payments;
        this.users = users;
        this.personalData = personalData;
        this.revocations = revocations;
        this.audit = audit;
        this.ledger = ledger;
        this.clock = clock;
    }

    public record Purchase(UUID ticketTypeId, int quantity, String cardToken, String idempotencyKey) {}

    public record Order(UUID id, boolean replayed, List<IssuedTicket> tickets) {}

    /** Buys {@code quantity} tickets for the caller; see the class comment. */
    public Order buy(CurrentUser caller, Purchase purchase) {
        String requestHash = Bytes.hex(Sha256.hash((purchase.ticketTypeId() + "|" + purchase.quantity() + "|"
                        + (purchase.cardToken() == null ? "" : purchase.cardToken()))
                .getBytes(StandardCharsets.UTF_8)));
        if (purchase.idempotencyKey() != null) {
            Optional<Order> earlier = replay(caller.id(), purchase.idempotencyKey(), requestHash);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        record Reserved(UUID orderId, UUID festivalId, long amount, String currency) {}
        Reserved reserved;
        try {
            reserved = tx.execute(s -> {
                TicketType type =
                        types.find(purchase.ticketTypeId()).orElseThrow(() -> ApiException.notFound("ticket type"));
                Festival festival = festivals.find(type.festivalId()).orElseThrow();
                if (festival.status() == Festival.Status.CLOSED || festival.status() == Festival.Status.ARCHIVED) {
                    throw ApiException.unprocessable("sales_closed", "ticket sales of this festival are closed");
                }
                if (!users.exists(caller.id())) {
                    throw ApiException.notFound("user");
                }
                long amount = Math.multiplyExact(type.priceCents(), (long) purchase.quantity());
                int taken = jdbc.sql("update ticket_type set sold = sold + ? where id = ? and sold + ? <= quota")
                        .params(purchase.quantity(), type.id(), purchase.quantity())
                        .update();
                if (taken == 0) {
                    throw ApiException.conflict(
                            "sold_out", "fewer than " + purchase.quantity() + " tickets of this type are left");
                }
                UUID orderId = UUID.randomUUID();
                OffsetDateTime now = now();
                jdbc.sql("insert into ticket_order (id, festival_id, ticket_type_id, buyer_id, quantity, amount_cents,"
                                + " currency, status, idempotency_key, request_hash, created_at)"
                                + " values (?, ?, ?, ?, ?, ?, ?, 'PENDING_PAYMENT', ?, ?, ?)")
                        .params(
                                orderId,
                                type.festivalId(),
                                type.id(),
                                caller.id(),
                                purchase.quantity(),
                                amount,
                                type.currency(),
                                purchase.idempotencyKey(),
                                requestHash,
                                now)
                        .update();
                String holder = personalData.encrypt(users.require(caller.id()).name());
                for (int i = 0; i < purchase.quantity(); i++) {
                    jdbc.sql("insert into ticket (id, festival_id, ticket_type_id, order_id, owner_id, holder_name_enc,"
                                    + " price_cents, currency, status, created_at)"
                                    + " values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)")
                            .params(
                                    UUID.randomUUID(),
                                    type.festivalId(),
                                    type.id(),
                                    orderId,
                                    caller.id(),
                                    holder,
                                    type.priceCents(),
                                    type.currency(),
                                    now)
                            .update();
                }
                audit.record(
                        "ticket.order_created",
                        type.festivalId(),
                        orderId.toString(),
                        Map.of(
                                "ticketTypeId",
                                type.id().toString(),
                                "quantity",
                                purchase.quantity(),
                                "amountCents",
                                amount));
                if (amount == 0) {
                    markPaid(orderId, null);
                }
                return new Reserved(orderId, type.festivalId(), amount, type.currency());
            });
        } catch (DuplicateKeyException sameKeyConcurrently) {
            return replay(caller.id(), purchase.idempotencyKey(), requestHash).orElseThrow(() -> sameKeyConcurrently);
        }
        if (reserved.amount() > 0) {
            Payments.Payment payment;
            try {
                payment = payments.start(
                        PURPOSE,
                        reserved.orderId(),
                        reserved.festivalId(),
                        reserved.amount(),
                        reserved.currency(),
                        purchase.cardToken());
            } catch (RuntimeException providerOrConfirmationFailed) {
                // Nothing was confirmed (the confirmation rolled back): give the places back.
                tx.executeWithoutResult(s -> release(reserved.orderId(), "payment_error"));
                throw providerOrConfirmationFailed;
            }
            tx.executeWithoutResult(s -> jdbc.sql("update ticket_order set payment_id = ? where id = ?")
                    .params(payment.id(), reserved.orderId())
                    .update());
            if (payment.status() == Payments.Status.DECLINED) {
                tx.executeWithoutResult(s -> release(reserved.orderId(), "payment_declined"));
                throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "payment_declined", "the card was declined");
            }
        }
        return new Order(reserved.orderId(), false, ticketsOfOrder(reserved.orderId()));
    }

    private Optional<Order> replay(UUID buyer, String key, String requestHash) {
        record Earlier(UUID id, String hash) {}
        return jdbc.sql("select id, request_hash from ticket_order where buyer_id = ? and idempotency_key = ?")
                .params(buyer, key)
                .query((rs, n) -> new Earlier(rs.getObject(1, UUID.class), rs.getString(2)))
                .optional()
                .map(earlier -> {
                    if (!earlier.hash().equals(requestHash)) {
                        throw ApiException.conflict(
                                "idempotency_key_reused", "this Idempotency-Key was used for another request");
                    }
                    return new Order(earlier.id(), true, ticketsOfOrder(earlier.id()));
                });
    }

    @EventListener
    void paymentConfirmed(PaymentConfirmed event) {
        if (PURPOSE.equals(event.purpose())) {
            markPaid(event.referenceId(), event.paymentId());
        }
    }

    @EventListener
    void paymentFailed(PaymentFailed event) {
        if (PURPOSE.equals(event.purpose())) {
            release(event.referenceId(), event.reason());
        }
    }

    /** PENDING_PAYMENT → PAID: the tickets become VALID with their signed QR codes. */
    private void markPaid(UUID orderId, UUID paymentId) {
        int changed = jdbc.sql("update ticket_order set status = 'PAID', paid_at = ?, payment_id = coalesce(?,"
                        + " payment_id) where id = ? and status = 'PENDING_PAYMENT'")
                .params(now(), paymentId, orderId)
                .update();
        if (changed == 0) {
            log.warn("payment {} confirmed for order {} that is not pending", paymentId, orderId);
            audit.record("system", "ticket.payment_for_closed_order", null, orderId.toString(), Map.of());
            return;
        }
        List<IssuedTicket> tickets = ticketsOfOrder(orderId);
        if (tickets.isEmpty()) {
            return;
        }
        TicketType type = types.find(tickets.getFirst().ticketTypeId()).orElseThrow();
        long amount = tickets.stream().mapToLong(IssuedTicket::priceCents).sum();
        if (amount > 0) {
            post(JournalEntry.builder(
                            FestivalId.of(type.festivalId()), "ticket-order:" + orderId, EntryCategory.TICKETING)
                    .description("Ticket sale " + type.name() + " x" + tickets.size())
                    .occurredAt(clock.instant())
                    .debit(AccountKey.pspClearing(), Money.of(amount, Currency.of(type.currency())))
                    .credit(AccountKey.ticketRevenue(), Money.of(amount, Currency.of(type.currency())))
                    .build());
        }
        TicketIssuer issuer = keys.issuer(type.festivalId());
        Zones zones = zones(type);
        ValidDays days = ValidDays.of(type.validDays());
        for (IssuedTicket t : tickets) {
            Ticket ticket = Ticket.of(TicketId.of(t.id()), FestivalId.of(t.festivalId()), type.typeCode(), days, zones);
            String initials = initials(t.holderName());
            if (!initials.isEmpty()) {
                ticket = ticket.withInitials(initials);
            }
            jdbc.sql("update ticket set status = 'VALID', qr_code = ?, paid_at = ? where id = ?")
                    .params(issuer.issue(ticket), now(), t.id())
                    .update();
        }
        audit.record(
                "ticket.order_paid",
                type.festivalId(),
                orderId.toString(),
                Map.of("tickets", tickets.size(), "paymentId", paymentId == null ? "free" : paymentId.toString()));
    }

    /** PENDING_PAYMENT → FAILED: tickets CANCELLED, quota given back. */
    private void release(UUID orderId, String reason) {
        record Row(UUID festivalId, UUID typeId, int quantity) {}
        Optional<Row> row = jdbc.sql("select festival_id, ticket_type_id, quantity from ticket_order where id = ?")
                .param(orderId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)))
                .optional();
        if (row.isEmpty()) {
            return;
        }
        int changed = jdbc.sql("update ticket_order set status = 'FAILED' where id = ? and status = 'PENDING_PAYMENT'")
                .param(orderId)
                .update();
        if (changed == 0) {
            return;
        }
        jdbc.sql("update ticket set status = 'CANCELLED', revoked_at = ? where order_id = ?")
                .params(now(), orderId)
                .update();
        jdbc.sql("update ticket_type set sold = sold - ? where id = ? and sold >= ?")
                .params(row.get().quantity(), row.get().typeId(), row.get().quantity())
                .update();
        audit.record(
                "ticket.order_failed",
                row.get().festivalId(),
                orderId.toString(),
                Map.of("reason", reason, "quantity", row.get().quantity()));
    }

    /** Refunds a VALID ticket (owner or ADMIN): REFUNDED, revoked on the deny list, money back. */
    @Transactional
    public IssuedTicket refund(UUID ticketId, CurrentUser caller) {
        IssuedTicket ticket = find(ticketId).orElseThrow(() -> ApiException.notFound("ticket"));
        if (!ticket.ownerId().equals(caller.id()) && !caller.isAdmin()) {
            if (caller.canStaff(ticket.festivalId())) {
                throw ApiException.forbidden("only the ticket's owner or an ADMIN can refund it");
            }
            throw ApiException.notFound("ticket");
        }
        int changed = jdbc.sql(
                        "update ticket set status = 'REFUNDED', revoked_at = ? where id = ? and status = 'VALID'")
                .params(now(), ticketId)
                .update();
        if (changed == 0) {
            throw ApiException.conflict("ticket_not_refundable", "the ticket is " + ticket.status() + ", not VALID");
        }
        jdbc.sql("update ticket_type set sold = sold - 1 where id = ? and sold >= 1")
                .param(ticket.ticketTypeId())
                .update();
        UUID paymentId = jdbc.sql("select o.payment_id from ticket_order o join ticket t on t.order_id = o.id"
                        + " where t.id = ?")
                .param(ticketId)
                .query(UUID.class)
                .optional()
                .orElse(null);
        // Lock order (festival row before the audit head) matches the set-up changes: no deadlock.
        long version = revocations.revoke(ticket.festivalId(), ticketId, "REFUNDED", clock.instant());
        if (paymentId != null && ticket.priceCents() > 0) {
            post(JournalEntry.builder(
                            FestivalId.of(ticket.festivalId()), "ticket-refund:" + ticketId, EntryCategory.TICKETING)
                    .description("Ticket refund " + ticket.type())
                    .occurredAt(clock.instant())
                    .debit(AccountKey.ticketRevenue(), Money.of(ticket.priceCents(), Currency.of(ticket.currency())))
                    .credit(AccountKey.pspClearing(), Money.of(ticket.priceCents(), Currency.of(ticket.currency())))
                    .build());
            payments.refund(paymentId, ticket.festivalId(), ticket.priceCents());
        }
        audit.record(
                "ticket.refunded",
                ticket.festivalId(),
                ticketId.toString(),
                Map.of("priceCents", ticket.priceCents(), "currency", ticket.currency(), "revocationVersion", version));
        return find(ticketId).orElseThrow();
    }

    public List<IssuedTicket> ofOwner(UUID ownerId) {
        return query("where t.owner_id = ? order by t.created_at, t.id", ownerId);
    }

    public List<IssuedTicket> ofFestival(UUID festivalId, IssuedTicket.Status status) {
        if (status == null) {
            return query("where t.festival_id = ? order by t.created_at, t.id", festivalId);
        }
        return query("where t.festival_id = ? and t.status = ? order by t.created_at, t.id", festivalId, status.name());
    }

    public Optional<IssuedTicket> find(UUID ticketId) {
        return query("where t.id = ?", ticketId).stream().findFirst();
    }

    List<IssuedTicket> ticketsOfOrder(UUID orderId) {
        return query("where t.order_id = ? order by t.id", orderId);
    }

    private List<IssuedTicket> query(String where, Object... params) {
        List<IssuedTicket> rows = jdbc.sql("select t.id, t.festival_id, t.ticket_type_id, tt.name, t.owner_id,"
                        + " t.holder_name_enc, t.price_cents, t.currency, t.qr_code, t.status, t.created_at"
                        + " from ticket t join ticket_type tt on tt.id = t.ticket_type_id " + where)
                .params(params)
                .query(this::map)
                .list();
        return new ArrayList<>(rows);
    }

    private IssuedTicket map(ResultSet rs, int row) throws SQLException {
        return new IssuedTicket(
                rs.getObject(1, UUID.class),
                rs.getObject(2, UUID.class),
                rs.getObject(3, UUID.class),
                rs.getString(4),
                rs.getObject(5, UUID.class),
                personalData.decrypt(rs.getString(6)),
                rs.getLong(7),
                rs.getString(8),
                rs.getString(9),
                IssuedTicket.Status.valueOf(rs.getString(10)),
                rs.getObject(11, OffsetDateTime.class).toInstant());
    }

    private Zones zones(TicketType type) {
        if (type.zoneIds().isEmpty()) {
            return Zones.ALL;
        }
        int[] numbers = festivals.zones(type.festivalId()).stream()
                .filter(z -> type.zoneIds().contains(z.id()))
                .mapToInt(Zone::number)
                .toArray();
        return Zones.of(numbers);
    }

    /** Up to three initials A-Z of the holder's name (accents dropped), for a glance at an ID. */
    static String initials(String name) {
        if (name == null) {
            return "";
        }
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "")
                .toUpperCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (String word : ascii.split("[^A-Z]+")) {
            if (!word.isEmpty() && out.length() < 3) {
                out.append(word.charAt(0));
            }
        }
        return out.toString();
    }

    private void post(JournalEntry entry) {
        if (ledger.post(entry) instanceof PostingResult.Refused refused) {
            throw new IllegalStateException("ledger refused " + entry.idempotencyKey() + ": " + refused.detail());
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
