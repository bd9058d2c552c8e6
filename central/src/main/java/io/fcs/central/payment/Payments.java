package io.fcs.central.payment;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.jdbc.TimeOrderedIds;
import io.fcs.central.web.ApiException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Card payments for other packages (ticket orders, online wallet top-ups). A payment is stored (PENDING) and committed
 * before the provider is asked, because the provider's confirming webhook may arrive at any
 * moment after; the webhook moves it to CAPTURED and publishes {@link PaymentConfirmed}.
 */
@Service
public class Payments {

    public enum Status {
        PENDING,
        AUTHORISED,
        DECLINED,
        CAPTURED,
        FAILED,
        REFUNDED
    }

    public record Payment(
            UUID id, String purpose, UUID referenceId, long amountCents, String currency, Status status) {}

    private final JdbcClient jdbc;
    private final PaymentProvider provider;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final CardRefunds cardRefunds;
    private final Clock clock;
    private final TimeOrderedIds ids;

    Payments(
            JdbcClient jdbc,
            PaymentProvider provider,
            TransactionTemplate tx,
            AuditLog audit,
            ApplicationEventPublisher events,
            CardRefunds cardRefunds,
            Clock clock) {
        this.jdbc = jdbc;
        this.cardRefunds = cardRefunds;
        this.events = events;
        this.provider = provider;
        this.tx = tx;
        this.audit = audit;
        this.clock = clock;
        this.ids = new TimeOrderedIds(clock);
    }

    /**
     * Starts a card payment and returns it after the provider's answer: DECLINED, AUTHORISED
     * (capture confirmation still to come) or already CAPTURED (the provider confirmed at once).
     * Must not be called inside a transaction.
     */
    public Payment start(
            String purpose, UUID referenceId, UUID festivalId, long amountCents, String currency, String cardToken) {
        UUID id = tx.execute(s -> prepare(purpose, referenceId, festivalId, amountCents, currency));
        return authorise(id, cardToken);
    }

    /**
     * Stores a PENDING payment in the caller's transaction (so it commits with the order it pays
     * for); {@link #authorise} asks the provider once that transaction has committed.
     */
    public UUID prepare(String purpose, UUID referenceId, UUID festivalId, long amountCents, String currency) {
        if (amountCents <= 0) {
            throw new IllegalArgumentException("a payment is positive, was " + amountCents);
        }
        UUID id = ids.next();
        OffsetDateTime now = now();
        jdbc.sql("insert into payment (id, provider, provider_ref, purpose, reference_id,"
                        + " festival_id, amount_cents, currency, status, created_at, updated_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, 'PENDING', ?, ?)")
                .params(
                        id,
                        provider.name(),
                        unansweredRef(id),
                        purpose,
                        referenceId,
                        festivalId,
                        amountCents,
                        currency,
                        now,
                        now)
                .update();
        return id;
    }

    /** The provider reference a payment has until the provider's answer or capture names it. */
    static String unansweredRef(UUID paymentId) {
        return "pending:" + paymentId;
    }

    /**
     * Asks the provider to authorise a committed PENDING payment (see {@link #prepare}) and answers
     * it as {@link #start} does. Must not be called inside a transaction: the provider's confirming
     * webhook commits on its own.
     */
    public Payment authorise(UUID id, String cardToken) {
        Payment payment = find(id).orElseThrow(() -> new IllegalStateException("no payment " + id));
        PaymentProvider.Authorisation outcome;
        try {
            outcome = provider.authorise(new PaymentProvider.PaymentRequest(
                    id.toString(), payment.amountCents(), payment.currency(), cardToken));
        } catch (PaymentProvider.NoAnswer noAnswer) {
            // Unknown outcome: the payment stays PENDING (a later webhook still settles it) and
            // finance is asked to check with the provider (decision 0145).
            tx.executeWithoutResult(s -> {
                UUID festivalId = jdbc.sql("select festival_id from payment where id = ?")
                        .param(id)
                        .query(UUID.class)
                        .optional()
                        .orElse(null);
                audit.record(
                        "psp:" + provider.name(),
                        "payment.outcome_unknown",
                        festivalId,
                        id.toString(),
                        Map.of("amountCents", payment.amountCents(), "currency", payment.currency()));
                events.publishEvent(new PaymentOutcomeUnknown(
                        id,
                        payment.purpose(),
                        payment.referenceId(),
                        festivalId,
                        payment.amountCents(),
                        payment.currency(),
                        noAnswer.getMessage()));
            });
            throw new ApiException(
                    HttpStatus.BAD_GATEWAY,
                    "payment_outcome_unknown",
                    "the payment provider did not answer; the payment is checked by finance and refunded if it was"
                            + " taken");
        }
        switch (outcome) {
            case PaymentProvider.Authorisation.Accepted accepted ->
                // One statement, no transaction of its own: the webhook may already have captured it,
                // and then stored this reference too, so nothing is written (decision 0148).
                jdbc.sql("update payment set provider_ref = ?, status = case when status = 'PENDING'"
                                + " then 'AUTHORISED' else status end, updated_at = ? where id = ?"
                                + " and (status = 'PENDING' or provider_ref <> ?)")
                        .params(accepted.providerRef(), now(), id, accepted.providerRef())
                        .update();
            case PaymentProvider.Authorisation.Declined declined ->
                tx.executeWithoutResult(s -> {
                    jdbc.sql("update payment set status = 'DECLINED', updated_at = ? where id = ?")
                            .params(now(), id)
                            .update();
                    UUID festivalId = jdbc.sql("select festival_id from payment where id = ?")
                            .param(id)
                            .query(UUID.class)
                            .optional()
                            .orElse(null);
                    audit.record(
                            "psp:" + provider.name(),
                            "payment.declined",
                            festivalId,
                            id.toString(),
                            Map.of(
                                    "amountCents",
                                    payment.amountCents(),
                                    "currency",
                                    payment.currency(),
                                    "reason",
                                    declined.reason()));
                });
        }
        return find(id).orElseThrow();
    }

    public Optional<Payment> find(UUID id) {
        return jdbc.sql("select id, purpose, reference_id, amount_cents, currency, status from payment where id = ?")
                .param(id)
                .query((rs, n) -> new Payment(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getLong(4),
                        rs.getString(5),
                        Status.valueOf(rs.getString(6))))
                .optional();
    }

    /** A captured payment and how much of it can still be refunded. */
    public record Refundable(UUID id, long refundableCents, String currency) {}

    /** The captured payments started for {@code purpose}/{@code referenceId} with something left to refund, newest first. */
    public List<Refundable> refundable(String purpose, UUID referenceId) {
        return jdbc.sql("select id, amount_cents - refunded_cents, currency from payment where purpose = ?"
                        + " and reference_id = ? and status = 'CAPTURED' and refunded_cents < amount_cents"
                        + " order by created_at desc, id")
                .params(purpose, referenceId)
                .query((rs, n) -> new Refundable(rs.getObject(1, UUID.class), rs.getLong(2), rs.getString(3)))
                .list();
    }

    /** {@link #refund(UUID, UUID, long, String, UUID)} without a named cause. */
    public UUID refund(UUID paymentId, UUID festivalId, long amountCents) {
        return refund(paymentId, festivalId, amountCents, null, null);
    }

    /**
     * Refunds {@code amountCents} of a captured payment (decisions 0147, 0220): in the caller's
     * transaction the refunded sum grows (a conditional update: never beyond the captured amount)
     * and a PENDING refund is written; the provider is called only after that transaction has
     * committed, and again later until it answers. The caller has moved the amount into refunds
     * payable in the same transaction; it leaves for PSP clearing when the provider's webhook
     * confirms the refund ({@link CardRefunds}). {@code source}/{@code sourceId} name the cause
     * (e.g. {@code cashless_refund}), which hears of the outcome through {@link CardRefundSettled}.
     * Answers the refund's id.
     */
    public UUID refund(UUID paymentId, UUID festivalId, long amountCents, String source, UUID sourceId) {
        if (amountCents <= 0) {
            throw new IllegalArgumentException("a refund is positive, was " + amountCents);
        }
        String currency = jdbc.sql("select currency from payment where id = ?")
                .param(paymentId)
                .query(String.class)
                .optional()
                .orElseThrow(() -> ApiException.notFound("payment"));
        int changed = jdbc.sql("update payment set refunded_cents = refunded_cents + ?, updated_at = ?"
                        + " where id = ? and status = 'CAPTURED' and refunded_cents + ? <= amount_cents")
                .params(amountCents, now(), paymentId, amountCents)
                .update();
        if (changed == 0) {
            throw new ApiException(
                    HttpStatus.CONFLICT, "payment_not_refundable", "the payment is not captured or already refunded");
        }
        UUID refundId = cardRefunds.create(paymentId, festivalId, amountCents, currency, source, sourceId, null);
        audit.record(
                "payment.refund_requested",
                festivalId,
                paymentId.toString(),
                Map.of("refundId", refundId.toString(), "amountCents", amountCents, "currency", currency));
        return refundId;
    }

    /** A card refund as the provider was asked for it. */
    public record CardRefund(UUID id, UUID paymentId, long amountCents, String currency, String status, int attempts) {}

    /** A card refund by id (PENDING, SENT until the provider confirmed, then DONE or FAILED; see {@link CardRefunds}). */
    public Optional<CardRefund> cardRefund(UUID refundId) {
        return jdbc.sql(
                        "select id, payment_id, amount_cents, currency, status, attempts from payment_refund where id = ?")
                .param(refundId)
                .query((rs, n) -> new CardRefund(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6)))
                .optional();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
