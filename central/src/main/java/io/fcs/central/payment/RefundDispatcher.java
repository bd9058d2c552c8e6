package io.fcs.central.payment;

import io.fcs.central.audit.AuditLog;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends card refunds to the provider, never inside a database transaction (decisions 0147, 0220):
 * claim the refund (a conditional update that also moves its next attempt, so two instances never
 * send it at once), call the provider with the refund id as idempotency key, then mark it SENT
 * (accepted: the provider's signed webhook confirms it later, {@link PaymentWebhooks}) or FAILED
 * (refused). No answer or an error leaves it for the next attempt, with a growing delay; a crash
 * anywhere does the same. A SENT refund whose confirmation does not come is sent again under the
 * same key (the provider answers the same refund and confirms it again). After
 * {@code central.payment.refund-max-attempts} attempts without a confirmation it ends FAILED.
 */
@Component
class RefundDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RefundDispatcher.class);
    static final int MAX_DELAY_MINUTES = 60;

    private final JdbcClient jdbc;
    private final PaymentProvider provider;
    private final TransactionTemplate newTransaction;
    private final CardRefunds cardRefunds;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxAttempts;

    RefundDispatcher(
            JdbcClient jdbc,
            PaymentProvider provider,
            PlatformTransactionManager transactions,
            CardRefunds cardRefunds,
            AuditLog audit,
            Clock clock,
            @Value("${central.payment.refund-max-attempts:8}") int maxAttempts) {
        this.jdbc = jdbc;
        this.provider = provider;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.cardRefunds = cardRefunds;
        this.audit = audit;
        this.clock = clock;
        this.maxAttempts = Math.max(1, maxAttempts);
    }

    /** Sends every refund that is due; answers how many were settled (accepted, or FAILED) now. */
    @Scheduled(
            fixedDelayString = "${central.payment.refund-retry:PT30S}",
            initialDelayString = "${central.payment.refund-retry:PT30S}")
    int sendDue() {
        List<UUID> due = jdbc.sql("select id from payment_refund where status in ('PENDING', 'SENT')"
                        + " and next_attempt_at <= ? order by next_attempt_at fetch first 100 rows only")
                .param(now())
                .query(UUID.class)
                .list();
        int settled = 0;
        for (UUID id : due) {
            if (send(id)) {
                settled++;
            }
        }
        return settled;
    }

    /** Sends one refund if it is PENDING or SENT and due; true when the provider accepted or refused it. */
    boolean send(UUID refundId) {
        record Claimed(
                String providerRef, long amount, String currency, UUID festivalId, UUID paymentId, int attempts) {}
        Optional<Claimed> claimed;
        try {
            claimed = newTransaction.execute(s -> {
                OffsetDateTime now = now();
                int attempts = jdbc.sql("select attempts from payment_refund where id = ?")
                        .param(refundId)
                        .query(Integer.class)
                        .optional()
                        .orElse(0);
                if (attempts >= maxAttempts) {
                    // Every attempt went unconfirmed: finance decides (decision 0220).
                    cardRefunds.failed(refundId, "retries_exhausted", "psp:" + provider.name());
                    return Optional.<Claimed>empty();
                }
                long delayMinutes = Math.min(MAX_DELAY_MINUTES, 1L << Math.min(attempts, 6));
                int won = jdbc.sql("update payment_refund set attempts = attempts + 1, next_attempt_at = ?,"
                                + " updated_at = ? where id = ? and status in ('PENDING', 'SENT')"
                                + " and next_attempt_at <= ?")
                        .params(now.plus(Duration.ofMinutes(delayMinutes)), now, refundId, now)
                        .update();
                if (won == 0) {
                    return Optional.<Claimed>empty();
                }
                return jdbc.sql(
                                "select p.provider_ref, r.amount_cents, r.currency, r.festival_id, r.payment_id,"
                                        + " r.attempts from payment_refund r join payment p on p.id = r.payment_id where r.id = ?")
                        .param(refundId)
                        .query((rs, n) -> new Claimed(
                                rs.getString(1),
                                rs.getLong(2),
                                rs.getString(3),
                                rs.getObject(4, UUID.class),
                                rs.getObject(5, UUID.class),
                                rs.getInt(6)))
                        .optional();
            });
        } catch (RuntimeException e) {
            log.warn("refund {} could not be claimed: {}", refundId, e.toString());
            return false;
        }
        if (claimed == null || claimed.isEmpty()) {
            return false;
        }
        Claimed refund = claimed.get();
        PaymentProvider.Authorisation outcome;
        try {
            outcome = provider.refund(refund.providerRef(), refund.amount(), refund.currency(), refundId.toString());
        } catch (RuntimeException noAnswer) {
            log.warn("refund {} (attempt {}) got no answer: {}", refundId, refund.attempts(), noAnswer.toString());
            newTransaction.executeWithoutResult(
                    s -> jdbc.sql("update payment_refund set last_error = ?, updated_at = ?" + " where id = ?")
                            .params(CardRefunds.truncate(noAnswer.toString()), now(), refundId)
                            .update());
            return false;
        }
        newTransaction.executeWithoutResult(s -> {
            switch (outcome) {
                case PaymentProvider.Authorisation.Accepted accepted -> {
                    // The confirming webhook may have come first (DONE): then this changes nothing.
                    int sent = jdbc.sql("update payment_refund set status = 'SENT', provider_ref = ?, updated_at = ?"
                                    + " where id = ? and status = 'PENDING'")
                            .params(accepted.providerRef(), now(), refundId)
                            .update();
                    if (sent == 1) {
                        audit.record(
                                "psp:" + provider.name(),
                                "payment.refund_sent",
                                refund.festivalId(),
                                refund.paymentId().toString(),
                                Map.of(
                                        "refundId",
                                        refundId.toString(),
                                        "amountCents",
                                        refund.amount(),
                                        "currency",
                                        refund.currency()));
                    }
                }
                case PaymentProvider.Authorisation.Declined declined ->
                    cardRefunds.failed(refundId, declined.reason(), "psp:" + provider.name());
            }
        });
        return true;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
