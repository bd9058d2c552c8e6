package io.fcs.central.payment;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.EntryCategory;
import io.fcs.central.ledger.JournalEntry;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.ledger.PostingResult;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The life of a card refund after it was requested (decision 0220). Whoever requests it has moved
 * its amount into refunds payable in the same transaction; the money leaves refunds payable for
 * PSP clearing only when the provider's signed webhook confirms the refund ({@link #confirmed}).
 * A refund the provider refuses, or never answers, ends FAILED ({@link #failed}) with its money
 * still owed in refunds payable, and finance retries it, pays it by bank transfer or writes it off
 * — each an audited posting, each in the caller's transaction.
 */
@Service
public class CardRefunds {

    private static final Logger log = LoggerFactory.getLogger(CardRefunds.class);

    public enum Status {
        /** Requested, not yet accepted by the provider. */
        PENDING,
        /** Accepted by the provider; its confirmation is awaited. */
        SENT,
        /** Confirmed by the provider: refunds payable → PSP clearing. */
        DONE,
        /** Refused by the provider or unanswered after every attempt: finance acts. */
        FAILED,
        /** Finance sent it again as a new refund ({@code retryOf} names this one). */
        RETRIED,
        /** Finance paid it by bank transfer: refunds payable → bank. */
        TRANSFERRED,
        /** Finance wrote it off with a reason: refunds payable → adjustments. */
        WRITTEN_OFF
    }

    static final Set<Status> OPEN = Set.of(Status.PENDING, Status.SENT);

    /** A card refund as the provider was asked for it. */
    public record View(
            UUID id,
            UUID paymentId,
            UUID festivalId,
            String source,
            UUID sourceId,
            long amountCents,
            String currency,
            Status status,
            int attempts,
            String lastError,
            UUID reviewItemId,
            UUID retryOf) {}

    private final JdbcClient jdbc;
    private final Ledger ledger;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final ObjectProvider<RefundDispatcher> dispatcher;
    private final Clock clock;

    CardRefunds(
            JdbcClient jdbc,
            Ledger ledger,
            AuditLog audit,
            ApplicationEventPublisher events,
            ObjectProvider<RefundDispatcher> dispatcher,
            Clock clock) {
        this.jdbc = jdbc;
        this.ledger = ledger;
        this.audit = audit;
        this.events = events;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    public Optional<View> find(UUID refundId) {
        return select("where r.id = ?", refundId).stream().findFirst();
    }

    /** The refunds a cause requested (e.g. {@code cashless_refund} and its id), oldest first, retries included. */
    public List<View> ofSource(String source, UUID sourceId) {
        return select("where r.source = ? and r.source_id = ? order by r.created_at, r.id", source, sourceId);
    }

    /** The refund a review item was raised for. */
    public Optional<View> byReviewItem(UUID reviewItemId) {
        return select("where r.review_item_id = ?", reviewItemId).stream().findFirst();
    }

    /** Remembers which review item finance acts on for a FAILED refund. */
    public void linkReview(UUID refundId, UUID reviewItemId) {
        jdbc.sql("update payment_refund set review_item_id = ? where id = ?")
                .params(reviewItemId, refundId)
                .update();
    }

    /** Writes a PENDING refund and has it sent once the caller's transaction commits. */
    UUID create(
            UUID paymentId,
            UUID festivalId,
            long amountCents,
            String currency,
            String source,
            UUID sourceId,
            UUID retryOf) {
        UUID refundId = UUID.randomUUID();
        OffsetDateTime now = now();
        jdbc.sql("insert into payment_refund (id, payment_id, festival_id, amount_cents, currency, status, attempts,"
                        + " next_attempt_at, created_at, updated_at, source, source_id, retry_of)"
                        + " values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?, ?)")
                .params(
                        refundId,
                        paymentId,
                        festivalId,
                        amountCents,
                        currency,
                        now,
                        now,
                        now,
                        source,
                        sourceId,
                        retryOf)
                .update();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dispatcher.getObject().send(refundId);
                }
            });
        } else {
            dispatcher.getObject().send(refundId);
        }
        return refundId;
    }

    /**
     * The provider confirmed the refund (its signed webhook), in the caller's transaction: DONE and
     * refunds payable → PSP clearing, once. A refund finance had already settled another way is
     * booked too (the money did leave the provider: refunds payable goes below zero, owed back by
     * the attendee) and audited for finance. False when it was confirmed already.
     */
    boolean confirmed(UUID refundId, String providerRef, String actor) {
        View refund = lock(refundId).orElseThrow(() -> ApiException.notFound("refund"));
        if (refund.status() == Status.DONE) {
            return false;
        }
        boolean late =
                refund.status() != Status.PENDING && refund.status() != Status.SENT && refund.status() != Status.FAILED;
        if (!late) {
            jdbc.sql("update payment_refund set status = 'DONE', provider_ref = coalesce(?, provider_ref),"
                            + " updated_at = ? where id = ?")
                    .params(providerRef, now(), refundId)
                    .update();
        }
        settle(refund, "card-refund:" + refundId, AccountKey.pspClearing(), "Refund to card " + refundId);
        Map<String, Object> details = details(refund);
        details.put("providerRef", providerRef == null ? "" : providerRef);
        if (late) {
            log.warn(
                    "card refund {} confirmed by the provider after finance settled it as {}",
                    refundId,
                    refund.status());
            details.put("settledAs", refund.status().name());
            audit.record(
                    actor,
                    "payment.refund_confirmed_late",
                    refund.festivalId(),
                    refund.paymentId().toString(),
                    details);
            return true;
        }
        audit.record(
                actor,
                "payment.refunded",
                refund.festivalId(),
                refund.paymentId().toString(),
                details);
        events.publishEvent(new CardRefundSettled(refundId, refund.source(), refund.sourceId(), Status.DONE.name()));
        return true;
    }

    /**
     * The refund failed (the provider refused it, or every attempt went unanswered), in the caller's
     * transaction: FAILED, its money stays in refunds payable, {@link CardRefundFailed} is published
     * (finance's review item). False when it was not PENDING or SENT.
     */
    boolean failed(UUID refundId, String reason, String actor) {
        View refund = lock(refundId).orElseThrow(() -> ApiException.notFound("refund"));
        if (!OPEN.contains(refund.status())) {
            return false;
        }
        jdbc.sql("update payment_refund set status = 'FAILED', last_error = ?, updated_at = ? where id = ?")
                .params(truncate(reason), now(), refundId)
                .update();
        Map<String, Object> details = details(refund);
        details.put("reason", reason);
        audit.record(
                actor,
                "payment.refund_failed",
                refund.festivalId(),
                refund.paymentId().toString(),
                details);
        events.publishEvent(new CardRefundFailed(
                refundId,
                refund.paymentId(),
                refund.festivalId(),
                refund.source(),
                refund.sourceId(),
                refund.amountCents(),
                refund.currency(),
                reason));
        events.publishEvent(new CardRefundSettled(refundId, refund.source(), refund.sourceId(), Status.FAILED.name()));
        return true;
    }

    /** Finance sends a FAILED refund again, as a new refund to the same card. Answers the new refund's id. */
    public UUID retry(UUID refundId, String reason) {
        View refund = requireFailed(refundId);
        close(refund, Status.RETRIED, "retried: " + reason);
        UUID next = create(
                refund.paymentId(),
                refund.festivalId(),
                refund.amountCents(),
                refund.currency(),
                refund.source(),
                refund.sourceId(),
                refund.id());
        Map<String, Object> details = details(refund);
        details.put("retryRefundId", next.toString());
        details.put("reason", reason);
        audit.record(
                "payment.refund_retried",
                refund.festivalId(),
                refund.paymentId().toString(),
                details);
        events.publishEvent(new CardRefundSettled(refundId, refund.source(), refund.sourceId(), Status.RETRIED.name()));
        return next;
    }

    /** Finance paid a FAILED refund by bank transfer (its reference): refunds payable → bank, audited. */
    public void paidByTransfer(UUID refundId, String reference) {
        View refund = requireFailed(refundId);
        close(refund, Status.TRANSFERRED, "bank transfer " + reference);
        settle(
                refund,
                "card-refund-transfer:" + refundId,
                AccountKey.bank(),
                "Bank transfer of failed card refund " + refundId + " ref " + reference);
        Map<String, Object> details = details(refund);
        details.put("reference", reference);
        audit.record(
                "payment.refund_transferred",
                refund.festivalId(),
                refund.paymentId().toString(),
                details);
        events.publishEvent(
                new CardRefundSettled(refundId, refund.source(), refund.sourceId(), Status.TRANSFERRED.name()));
    }

    /** Finance wrote a FAILED refund off with a reason: refunds payable → adjustments, audited. */
    public void writeOff(UUID refundId, String reason) {
        View refund = requireFailed(refundId);
        close(refund, Status.WRITTEN_OFF, "written off: " + reason);
        PostingResult posted = ledger.post(JournalEntry.builder(
                        FestivalId.of(refund.festivalId()),
                        "card-refund-write-off:" + refundId,
                        EntryCategory.WRITE_OFF)
                .description("Write-off of failed card refund " + refundId + ": " + reason)
                .move(AccountKey.refundsPayable(), AccountKey.adjustments(), money(refund))
                .build());
        refusedIsBroken(posted, refundId);
        Map<String, Object> details = details(refund);
        details.put("reason", reason);
        audit.record(
                "payment.refund_written_off",
                refund.festivalId(),
                refund.paymentId().toString(),
                details);
        events.publishEvent(
                new CardRefundSettled(refundId, refund.source(), refund.sourceId(), Status.WRITTEN_OFF.name()));
    }

    private View requireFailed(UUID refundId) {
        View refund = lock(refundId).orElseThrow(() -> ApiException.notFound("refund"));
        if (refund.status() != Status.FAILED) {
            throw ApiException.conflict("refund_not_failed", "the card refund is " + refund.status() + ", not FAILED");
        }
        if (refund.festivalId() == null) {
            throw ApiException.conflict("refund_not_failed", "the card refund belongs to no festival");
        }
        return refund;
    }

    private void close(View refund, Status status, String resolution) {
        jdbc.sql("update payment_refund set status = ?, resolution = ?, updated_at = ? where id = ? and status ="
                        + " 'FAILED'")
                .params(status.name(), truncate(resolution), now(), refund.id())
                .update();
    }

    private void settle(View refund, String key, AccountKey to, String description) {
        if (refund.festivalId() == null) {
            log.warn("card refund {} belongs to no festival: nothing to post", refund.id());
            return;
        }
        PostingResult posted =
                ledger.post(JournalEntry.builder(FestivalId.of(refund.festivalId()), key, EntryCategory.SETTLEMENT)
                        .description(description)
                        .move(AccountKey.refundsPayable(), to, money(refund))
                        .build());
        refusedIsBroken(posted, refund.id());
    }

    private static void refusedIsBroken(PostingResult posted, UUID refundId) {
        if (posted instanceof PostingResult.Refused refused) {
            throw new IllegalStateException("ledger refused the card refund " + refundId + ": " + refused.detail());
        }
    }

    private static Money money(View refund) {
        return Money.of(refund.amountCents(), Currency.of(refund.currency()));
    }

    private static Map<String, Object> details(View refund) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("refundId", refund.id().toString());
        details.put("amountCents", refund.amountCents());
        details.put("currency", refund.currency());
        return details;
    }

    private Optional<View> lock(UUID refundId) {
        boolean exists = jdbc.sql("select id from payment_refund where id = ? for update")
                .param(refundId)
                .query(UUID.class)
                .optional()
                .isPresent();
        return exists ? find(refundId) : Optional.empty();
    }

    private List<View> select(String where, Object... params) {
        return jdbc.sql("select r.id, r.payment_id, coalesce(r.festival_id, p.festival_id), r.source, r.source_id,"
                        + " r.amount_cents, r.currency, r.status, r.attempts, r.last_error, r.review_item_id,"
                        + " r.retry_of from payment_refund r join payment p on p.id = r.payment_id " + where)
                .params(params)
                .query((rs, n) -> new View(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getObject(5, UUID.class),
                        rs.getLong(6),
                        rs.getString(7),
                        Status.valueOf(rs.getString(8)),
                        rs.getInt(9),
                        rs.getString(10),
                        rs.getObject(11, UUID.class),
                        rs.getObject(12, UUID.class)))
                .list();
    }

    static String truncate(String text) {
        return text == null ? null : text.length() > 500 ? text.substring(0, 500) : text;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
