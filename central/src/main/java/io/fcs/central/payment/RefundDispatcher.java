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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends PENDING card refunds to the provider, never inside a database transaction (decision 0147):
 * claim the refund (a conditional update that also moves its next attempt, so two instances never
 * send it at once), call the provider with the refund id as idempotency key, then mark it DONE
 * (provider reference) or FAILED (the provider refused), audited. No answer or an error leaves it
 * PENDING for the next attempt, with a growing delay; a crash anywhere does the same.
 */
@Component
class RefundDispatcher {

    private static final Logger log = LoggerFactory.getLogger(RefundDispatcher.class);
    static final int MAX_DELAY_MINUTES = 60;

    private final JdbcClient jdbc;
    private final PaymentProvider provider;
    private final TransactionTemplate newTransaction;
    private final AuditLog audit;
    private final Clock clock;

    RefundDispatcher(
            JdbcClient jdbc,
            PaymentProvider provider,
            PlatformTransactionManager transactions,
            AuditLog audit,
            Clock clock) {
        this.jdbc = jdbc;
        this.provider = provider;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.audit = audit;
        this.clock = clock;
    }

    /** Sends every refund that is due; answers how many were settled (DONE or FAILED) now. */
    @Scheduled(
            fixedDelayString = "${central.payment.refund-retry:PT30S}",
            initialDelayString = "${central.payment.refund-retry:PT30S}")
    int sendDue() {
        List<UUID> due = jdbc.sql("select id from payment_refund where status = 'PENDING' and next_attempt_at <= ?"
                        + " order by next_attempt_at fetch first 100 rows only")
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

    /** Sends one refund if it is PENDING and due; true when it was settled (DONE or FAILED). */
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
                long delayMinutes = Math.min(MAX_DELAY_MINUTES, 1L << Math.min(attempts, 6));
                int won = jdbc.sql("update payment_refund set attempts = attempts + 1, next_attempt_at = ?,"
                                + " updated_at = ? where id = ? and status = 'PENDING' and next_attempt_at <= ?")
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
                            .params(truncate(noAnswer.toString()), now(), refundId)
                            .update());
            return false;
        }
        newTransaction.executeWithoutResult(s -> {
            switch (outcome) {
                case PaymentProvider.Authorisation.Accepted accepted -> {
                    jdbc.sql("update payment_refund set status = 'DONE', provider_ref = ?, updated_at = ? where id = ?"
                                    + " and status = 'PENDING'")
                            .params(accepted.providerRef(), now(), refundId)
                            .update();
                    audit.record(
                            "psp:" + provider.name(),
                            "payment.refunded",
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
                case PaymentProvider.Authorisation.Declined declined -> {
                    jdbc.sql("update payment_refund set status = 'FAILED', last_error = ?, updated_at = ? where id = ?"
                                    + " and status = 'PENDING'")
                            .params(truncate(declined.reason()), now(), refundId)
                            .update();
                    audit.record(
                            "psp:" + provider.name(),
                            "payment.refund_failed",
                            refund.festivalId(),
                            refund.paymentId().toString(),
                            Map.of(
                                    "refundId",
                                    refundId.toString(),
                                    "amountCents",
                                    refund.amount(),
                                    "reason",
                                    declined.reason()));
                }
            }
        });
        return true;
    }

    private static String truncate(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
