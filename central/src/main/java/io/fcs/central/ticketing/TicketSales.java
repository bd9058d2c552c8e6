package io.fcs.central.ticketing;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.CurrentUser;
import io.fcs.central.auth.UserAccounts;
import io.fcs.central.config.PersonalData;
import io.fcs.central.festival.Festival;
import io.fcs.central.festival.Festivals;
import io.fcs.central.festival.Zone;
import io.fcs.central.jdbc.GroupCommit;
import io.fcs.central.jdbc.TimeOrderedIds;
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
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
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
    private final JdbcTemplate template;
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
    private final Duration unpaidOrderTtl;
    private final GroupCommit orders;
    private final TimeOrderedIds ids;

    TicketSales(
            JdbcClient jdbc,
            JdbcTemplate template,
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
            Clock clock,
            @Value("${central.tickets.unpaid-order-ttl:PT15M}") Duration unpaidOrderTtl,
            @Value("${central.tickets.orders-per-commit:64}") int ordersPerCommit,
            ObjectProvider<MeterRegistry> meters) {
        this.jdbc = jdbc;
        this.template = template;
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
        if (unpaidOrderTtl.isNegative() || unpaidOrderTtl.isZero()) {
            throw new IllegalArgumentException(
                    "central.tickets.unpaid-order-ttl must be positive, was " + unpaidOrderTtl);
        }
        this.unpaidOrderTtl = unpaidOrderTtl;
        this.ids = new TimeOrderedIds(clock);
        this.orders = new GroupCommit(
                Objects.requireNonNull(tx.getTransactionManager(), "transaction manager"),
                "ticket-orders",
                ordersPerCommit,
                GroupCommit.Join.CALLER_TRANSACTION);
        meters.ifAvailable(orders::bindTo);
    }

    @PreDestroy
    void stop() {
        orders.close();
    }

    /** The orders' group commit, for its gauges. */
    GroupCommit orderCommits() {
        return orders;
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
        record Reserved(UUID orderId, UUID paymentId) {}
        // Read and prepared on the caller's thread: one read for the type and its festival's status
        // (the hot path of a sales spike) and the holder's encrypted name. Only refusals are taken
        // from this read; a sale is decided by the conditional UPDATE of the quota below.
        ForSale type = forSale(purchase.ticketTypeId());
        if (type.status().equals(Festival.Status.CLOSED.name())
                || type.status().equals(Festival.Status.ARCHIVED.name())) {
            throw ApiException.unprocessable("sales_closed", "ticket sales of this festival are closed");
        }
        // Plainly sold out at this read: refused before anything is written (decision 0148).
        if (type.left() < purchase.quantity()) {
            throw soldOut(purchase.quantity());
        }
        String holder = personalData.encrypt(users.name(caller.id()).orElseThrow(() -> ApiException.notFound("user")));
        long amount = Math.multiplyExact(type.priceCents(), (long) purchase.quantity());
        Reserved reserved;
        try {
            // One unit of the orders' group commit (decision 0263): order, tickets, payment row and
            // audit first (no lock shared with other buyers), the quota's conditional UPDATE last
            // (decision 0142); committed together with the other orders placed at that moment.
            reserved = orders.execute(s -> {
                UUID orderId = ids.next();
                OffsetDateTime now = now();
                UUID paymentId = amount > 0
                        ? payments.prepare(PURPOSE, orderId, type.festivalId(), amount, type.currency())
                        : null;
                jdbc.sql("insert into ticket_order (id, festival_id, ticket_type_id, buyer_id, quantity, amount_cents,"
                                + " currency, status, payment_id, idempotency_key, request_hash, created_at)"
                                + " values (?, ?, ?, ?, ?, ?, ?, 'PENDING_PAYMENT', ?, ?, ?, ?)")
                        .params(
                                orderId,
                                type.festivalId(),
                                type.id(),
                                caller.id(),
                                purchase.quantity(),
                                amount,
                                type.currency(),
                                paymentId,
                                purchase.idempotencyKey(),
                                requestHash,
                                now)
                        .update();
                List<Object[]> tickets = new ArrayList<>(purchase.quantity());
                for (int i = 0; i < purchase.quantity(); i++) {
                    tickets.add(new Object[] {
                        ids.next(),
                        type.festivalId(),
                        type.id(),
                        orderId,
                        caller.id(),
                        holder,
                        type.priceCents(),
                        type.currency(),
                        now
                    });
                }
                template.batchUpdate(
                        "insert into ticket (id, festival_id, ticket_type_id, order_id, owner_id, holder_name_enc,"
                                + " price_cents, currency, status, created_at)"
                                + " values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?)",
                        tickets);
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
                int taken = jdbc.sql("update ticket_type set sold = sold + ? where id = ? and sold + ? <= quota")
                        .params(purchase.quantity(), type.id(), purchase.quantity())
                        .update();
                if (taken == 0) {
                    throw soldOut(purchase.quantity());
                }
                if (amount == 0) {
                    markPaid(orderId, null);
                }
                return new Reserved(orderId, paymentId);
            });
        } catch (DuplicateKeyException sameKeyConcurrently) {
            return replay(caller.id(), purchase.idempotencyKey(), requestHash).orElseThrow(() -> sameKeyConcurrently);
        }
        if (reserved.paymentId() != null) {
            Payments.Payment payment;
            try {
                payment = payments.authorise(reserved.paymentId(), purchase.cardToken());
            } catch (RuntimeException providerOrConfirmationFailed) {
                // Nothing was confirmed (the confirmation rolled back): give the places back.
                tx.executeWithoutResult(s -> release(reserved.orderId(), "payment_error"));
                throw providerOrConfirmationFailed;
            }
            if (payment.status() == Payments.Status.DECLINED) {
                tx.executeWithoutResult(s -> release(reserved.orderId(), "payment_declined"));
                throw new ApiException(HttpStatus.PAYMENT_REQUIRED, "payment_declined", "the card was declined");
            }
        }
        return new Order(reserved.orderId(), false, ticketsOfOrder(reserved.orderId()));
    }

    /** A ticket type as a purchase reads it: its price, its festival and that festival's status, what is left. */
    private record ForSale(UUID id, UUID festivalId, long priceCents, String currency, String status, long left) {}

    private ForSale forSale(UUID ticketTypeId) {
        return jdbc.sql("select tt.id, tt.festival_id, tt.price_cents, tt.currency, f.status,"
                        + " tt.quota - tt.sold from ticket_type tt join festival f on f.id = tt.festival_id"
                        + " where tt.id = ?")
                .param(ticketTypeId)
                .query((rs, n) -> new ForSale(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getLong(6)))
                .optional()
                .orElseThrow(() -> ApiException.notFound("ticket type"));
    }

    private static ApiException soldOut(int quantity) {
        return ApiException.conflict("sold_out", "fewer than " + quantity + " tickets of this type are left");
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
            // The order expired or failed before the capture arrived: the money goes back.
            log.warn("payment {} confirmed for order {} that is not pending: refunded", paymentId, orderId);
            record Closed(UUID festivalId, long amount) {}
            Optional<Closed> closed = jdbc.sql("select festival_id, amount_cents from ticket_order where id = ?")
                    .param(orderId)
                    .query((rs, n) -> new Closed(rs.getObject(1, UUID.class), rs.getLong(2)))
                    .optional();
            audit.record(
                    "system",
                    "ticket.payment_for_closed_order",
                    closed.map(Closed::festivalId).orElse(null),
                    orderId.toString(),
                    Map.of("paymentId", paymentId == null ? "none" : paymentId.toString()));
            if (paymentId != null && closed.isPresent() && closed.get().amount() > 0) {
                // The capture reached the provider: it is owed back (refunds payable) until the
                // provider confirms the refund (decision 0220).
                Money captured = Money.of(
                        closed.get().amount(),
                        Currency.of(jdbc.sql("select currency from payment where id = ?")
                                .param(paymentId)
                                .query(String.class)
                                .single()));
                post(JournalEntry.builder(
                                FestivalId.of(closed.get().festivalId()),
                                "ticket-order-closed:" + orderId,
                                EntryCategory.TICKETING)
                        .description("Capture for a closed ticket order, owed back")
                        .occurredAt(clock.instant())
                        .move(AccountKey.pspClearing(), AccountKey.refundsPayable(), captured)
                        .build());
                payments.refund(
                        paymentId, closed.get().festivalId(), closed.get().amount(), "ticket_order", orderId);
            }
            return;
        }
        List<IssuedTicket> tickets = ticketsOfOrder(orderId);
        if (tickets.isEmpty()) {
            return;
        }
        TicketType type = types.find(tickets.getFirst().ticketTypeId()).orElseThrow();
        TicketIssuer issuer = keys.issuer(type.festivalId());
        Zones zones = zones(type);
        ValidDays days = ValidDays.of(type.validDays());
        OffsetDateTime paidAt = now();
        List<Object[]> signed = new ArrayList<>(tickets.size());
        for (IssuedTicket t : tickets) {
            Ticket ticket = Ticket.of(TicketId.of(t.id()), FestivalId.of(t.festivalId()), type.typeCode(), days, zones);
            String initials = initials(t.holderName());
            if (!initials.isEmpty()) {
                ticket = ticket.withInitials(initials);
            }
            signed.add(new Object[] {issuer.issue(ticket), paidAt, t.id()});
        }
        template.batchUpdate("update ticket set status = 'VALID', qr_code = ?, paid_at = ? where id = ?", signed);
        audit.record(
                "ticket.order_paid",
                type.festivalId(),
                orderId.toString(),
                Map.of("tickets", tickets.size(), "paymentId", paymentId == null ? "free" : paymentId.toString()));
        long amount = tickets.stream().mapToLong(IssuedTicket::priceCents).sum();
        if (amount > 0) {
            // Last: the festival-wide accounts' balance shards are held only until the commit.
            post(JournalEntry.builder(
                            FestivalId.of(type.festivalId()), "ticket-order:" + orderId, EntryCategory.TICKETING)
                    .description("Ticket sale " + type.name() + " x" + tickets.size())
                    .occurredAt(clock.instant())
                    .debit(AccountKey.pspClearing(), Money.of(amount, Currency.of(type.currency())))
                    .credit(AccountKey.ticketRevenue(), Money.of(amount, Currency.of(type.currency())))
                    .build());
        }
    }

    /** PENDING_PAYMENT → FAILED: tickets CANCELLED, quota given back. */
    private void release(UUID orderId, String reason) {
        release(orderId, reason, "FAILED", "ticket.order_failed");
    }

    /** PENDING_PAYMENT → {@code finalStatus}: tickets CANCELLED, quota given back; false if not pending. */
    private boolean release(UUID orderId, String reason, String finalStatus, String auditAction) {
        record Row(UUID festivalId, UUID typeId, int quantity) {}
        Optional<Row> row = jdbc.sql("select festival_id, ticket_type_id, quantity from ticket_order where id = ?")
                .param(orderId)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)))
                .optional();
        if (row.isEmpty()) {
            return false;
        }
        int changed = jdbc.sql("update ticket_order set status = ? where id = ? and status = 'PENDING_PAYMENT'")
                .params(finalStatus, orderId)
                .update();
        if (changed == 0) {
            return false;
        }
        jdbc.sql("update ticket set status = 'CANCELLED', revoked_at = ? where order_id = ?")
                .params(now(), orderId)
                .update();
        jdbc.sql("update ticket_type set sold = sold - ? where id = ? and sold >= ?")
                .params(row.get().quantity(), row.get().typeId(), row.get().quantity())
                .update();
        audit.record(
                auditAction,
                row.get().festivalId(),
                orderId.toString(),
                Map.of("reason", reason, "quantity", row.get().quantity()));
        return true;
    }

    /**
     * Orders still unpaid {@code central.tickets.unpaid-order-ttl} after they were placed expire
     * (decision 0143): EXPIRED, their tickets CANCELLED and their places back in the quota, each
     * in its own short transaction. A capture that still arrives for one is refunded (see
     * {@link #markPaid}). Answers how many expired; at most {@code limit} per call.
     */
    public int expireUnpaidOrders(int limit) {
        OffsetDateTime cutoff = now().minus(unpaidOrderTtl);
        List<UUID> due = jdbc.sql("select id from ticket_order where status = 'PENDING_PAYMENT' and created_at < ?"
                        + " order by created_at fetch first " + Math.max(1, limit) + " rows only")
                .param(cutoff)
                .query(UUID.class)
                .list();
        int expired = 0;
        for (UUID orderId : due) {
            Boolean done = tx.execute(
                    s -> release(orderId, "unpaid after " + unpaidOrderTtl, "EXPIRED", "ticket.order_expired"));
            if (Boolean.TRUE.equals(done)) {
                expired++;
            }
        }
        return expired;
    }

    @Scheduled(
            fixedDelayString = "${central.tickets.expiry-check:PT30S}",
            initialDelayString = "${central.tickets.expiry-check:PT30S}")
    void expireUnpaidOrders() {
        try {
            int expired;
            do {
                expired = expireUnpaidOrders(200);
            } while (expired == 200);
        } catch (RuntimeException e) {
            log.warn("unpaid ticket orders could not be expired yet: {}", e.toString());
        }
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
                    .move(
                            AccountKey.ticketRevenue(),
                            AccountKey.refundsPayable(),
                            Money.of(ticket.priceCents(), Currency.of(ticket.currency())))
                    .build());
            // Owed back from now on; refunds payable → PSP clearing when the provider confirms (0220).
            payments.refund(paymentId, ticket.festivalId(), ticket.priceCents(), "ticket", ticketId);
        }
        audit.record(
                "ticket.refunded",
                ticket.festivalId(),
                ticketId.toString(),
                Map.of("priceCents", ticket.priceCents(), "currency", ticket.currency(), "revocationVersion", version));
        return find(ticketId).orElseThrow();
    }

    /**
     * Revokes a VALID ticket of {@code festivalId} for entry, without a refund (decision 0280):
     * copies of it were admitted, so from now on every gate refuses it as FRAUD. REVOKED, on the
     * deny list, audited with {@code reason}; its payment stays with the festival, and a refund the
     * holder may be owed is a decision of its own. Unknown or another festival's ticket 404, a
     * ticket not VALID 409.
     */
    @Transactional
    public IssuedTicket revokeAsCopied(UUID festivalId, UUID ticketId, String reason) {
        IssuedTicket ticket = find(ticketId)
                .filter(t -> t.festivalId().equals(festivalId))
                .orElseThrow(() -> ApiException.notFound("ticket"));
        int changed = jdbc.sql("update ticket set status = 'REVOKED', revoked_at = ? where id = ? and status = 'VALID'")
                .params(now(), ticketId)
                .update();
        if (changed == 0) {
            throw ApiException.conflict("ticket_not_valid", "the ticket is " + ticket.status() + ", not VALID");
        }
        long version = revocations.revoke(festivalId, ticketId, "FRAUD", clock.instant());
        audit.record(
                "ticket.revoked",
                festivalId,
                ticketId.toString(),
                Map.of("reason", reason, "revocationVersion", version));
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
