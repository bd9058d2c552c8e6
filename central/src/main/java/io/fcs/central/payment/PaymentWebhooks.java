package io.fcs.central.payment;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.config.CentralProperties;
import io.fcs.central.jdbc.GroupCommit;
import io.fcs.central.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies and applies the provider's webhooks: the HMAC signature over timestamp and raw body,
 * the timestamp inside the replay window, the event id not seen before, the payment known and the
 * amount and currency equal to what was asked. Only then does a capture confirm the payment.
 */
@Service
public class PaymentWebhooks {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The length of {@code payment.provider_ref}; a longer reference in a webhook is not stored. */
    static final int MAX_PROVIDER_REF = 100;

    private final WebhookSignature signature;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;
    private final Duration tolerance;
    private final Clock clock;
    private final CardRefunds cardRefunds;
    private final GroupCommit commits;

    PaymentWebhooks(
            WebhookSignature signature,
            JdbcClient jdbc,
            ApplicationEventPublisher events,
            AuditLog audit,
            CentralProperties properties,
            Clock clock,
            CardRefunds cardRefunds,
            PlatformTransactionManager transactions,
            @Value("${central.payment.webhooks-per-commit:64}") int webhooksPerCommit,
            ObjectProvider<MeterRegistry> meters) {
        this.cardRefunds = cardRefunds;
        this.commits = new GroupCommit(transactions, "payment-webhooks", webhooksPerCommit, GroupCommit.Join.NEVER);
        meters.ifAvailable(commits::bindTo);
        this.signature = signature;
        this.jdbc = jdbc;
        this.events = events;
        this.audit = audit;
        this.tolerance = properties.payment().webhookTolerance();
        this.clock = clock;
    }

    /** The webhook body (JSON). */
    record Event(
            String eventId,
            String type,
            String merchantReference,
            String providerRef,
            Long amountCents,
            String currency,
            String reason) {}

    public enum Outcome {
        APPLIED,
        DUPLICATE
    }

    /**
     * Verifies and applies one webhook delivery; refusals are {@link ApiException}s. The signature,
     * the window and the body are checked on the caller's thread; the event is applied as one unit
     * of the webhooks' group commit (decision 0263), always in a transaction of its own: the sandbox
     * delivers from inside a provider call, which may run in an after-commit callback whose
     * committed transaction is still bound to the thread.
     */
    public Outcome receive(String timestamp, String signatureHeader, String body) {
        long sentAt;
        try {
            sentAt = Long.parseLong(timestamp == null ? "" : timestamp.trim());
        } catch (NumberFormatException e) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_signature", "missing or bad webhook timestamp");
        }
        if (!signature.matches(timestamp.trim(), body, signatureHeader)) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "invalid_signature", "webhook signature does not match");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - sentAt);
        if (skew > tolerance.toSeconds()) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "stale_webhook", "webhook timestamp outside the window");
        }
        Event event;
        try {
            event = JSON.readValue(body, Event.class);
        } catch (JacksonException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "malformed_request", "webhook body is not a payment event");
        }
        if (event.eventId() == null
                || event.eventId().isBlank()
                || event.eventId().length() > 100
                || event.type() == null
                || event.merchantReference() == null) {
            throw ApiException.badRequest("webhook event lacks eventId, type or merchantReference");
        }
        return commits.execute(s -> apply(event));
    }

    private Outcome apply(Event event) {
        if (event.type().startsWith("refund.")) {
            return refundEvent(event);
        }
        UUID paymentId;
        try {
            paymentId = UUID.fromString(event.merchantReference());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("payment");
        }
        Payments.Payment payment = find(paymentId).orElseThrow(() -> ApiException.notFound("payment"));
        try {
            jdbc.sql("insert into payment_event (event_id, payment_id, type, received_at) values (?, ?, ?, ?)")
                    .params(event.eventId(), paymentId, event.type(), now())
                    .update();
        } catch (DuplicateKeyException replay) {
            return Outcome.DUPLICATE;
        }
        switch (event.type()) {
            case "payment.captured" -> captured(payment, event);
            case "payment.failed" -> failed(payment, event);
            default -> throw ApiException.badRequest("unknown webhook event type " + event.type());
        }
        return Outcome.APPLIED;
    }

    /**
     * {@code refund.succeeded} / {@code refund.failed}, naming central's refund id (the idempotency
     * key it was sent with) as merchant reference (decision 0220): the amount and currency must be
     * the refund's; each event id is applied once.
     */
    private Outcome refundEvent(Event event) {
        UUID refundId;
        try {
            refundId = UUID.fromString(event.merchantReference());
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("refund");
        }
        CardRefunds.View refund = cardRefunds.find(refundId).orElseThrow(() -> ApiException.notFound("refund"));
        if (!"refund.succeeded".equals(event.type()) && !"refund.failed".equals(event.type())) {
            throw ApiException.badRequest("unknown webhook event type " + event.type());
        }
        if (event.amountCents() == null
                || event.amountCents() != refund.amountCents()
                || !refund.currency().equals(event.currency())) {
            throw ApiException.unprocessable("amount_mismatch", "refunded amount differs from the refund");
        }
        if ("refund.failed".equals(event.type()) && refund.status() == CardRefunds.Status.DONE) {
            throw ApiException.conflict("refund_state", "the refund was confirmed already, it cannot fail");
        }
        try {
            jdbc.sql("insert into payment_event (event_id, payment_id, type, received_at) values (?, ?, ?, ?)")
                    .params(event.eventId(), refund.paymentId(), event.type(), now())
                    .update();
        } catch (DuplicateKeyException replay) {
            return Outcome.DUPLICATE;
        }
        boolean applied = "refund.succeeded".equals(event.type())
                ? cardRefunds.confirmed(refundId, event.providerRef(), "psp:webhook")
                : cardRefunds.failed(
                        refundId, event.reason() == null ? "refund_failed" : event.reason(), "psp:webhook");
        return applied ? Outcome.APPLIED : Outcome.DUPLICATE;
    }

    private void captured(Payments.Payment payment, Event event) {
        if (event.amountCents() == null
                || event.amountCents() != payment.amountCents()
                || !payment.currency().equals(event.currency())) {
            throw ApiException.unprocessable("amount_mismatch", "captured amount differs from the payment");
        }
        // A capture arriving before the authorisation's answer brings the provider's reference: it is
        // stored with the capture (only over the placeholder of an unanswered payment), so the answer
        // has nothing left to write (decision 0148).
        String providerRef = event.providerRef() == null
                        || event.providerRef().isBlank()
                        || event.providerRef().length() > MAX_PROVIDER_REF
                ? null
                : event.providerRef();
        int changed = jdbc.sql("update payment set status = 'CAPTURED', provider_ref = case when provider_ref = ?"
                        + " then coalesce(?, provider_ref) else provider_ref end, updated_at = ? where id = ?"
                        + " and status in ('PENDING', 'AUTHORISED')")
                .params(Payments.unansweredRef(payment.id()), providerRef, now(), payment.id())
                .update();
        if (changed == 0) {
            throw ApiException.conflict("payment_state", "payment is " + payment.status() + ", cannot be captured");
        }
        // Listeners post to the ledger; the audit append only queues the event (decision 0140).
        events.publishEvent(new PaymentConfirmed(
                payment.id(), payment.purpose(), payment.referenceId(), payment.amountCents(), payment.currency()));
        audit.record(
                "psp:webhook",
                "payment.captured",
                null,
                payment.id().toString(),
                Map.of("amountCents", payment.amountCents(), "currency", payment.currency()));
    }

    private void failed(Payments.Payment payment, Event event) {
        int changed = jdbc.sql("update payment set status = 'FAILED', updated_at = ? where id = ?"
                        + " and status in ('PENDING', 'AUTHORISED')")
                .params(now(), payment.id())
                .update();
        if (changed == 0) {
            throw ApiException.conflict("payment_state", "payment is " + payment.status() + ", cannot fail");
        }
        String reason = event.reason() == null ? "failed" : event.reason();
        audit.record("psp:webhook", "payment.failed", null, payment.id().toString(), Map.of("reason", reason));
        events.publishEvent(new PaymentFailed(payment.id(), payment.purpose(), payment.referenceId(), reason));
    }

    @PreDestroy
    void stop() {
        commits.close();
    }

    /** The webhooks' group commit, for its gauges. */
    GroupCommit commits() {
        return commits;
    }

    private Optional<Payments.Payment> find(UUID id) {
        return jdbc.sql("select id, purpose, reference_id, amount_cents, currency, status from payment where id = ?"
                        + " for update")
                .param(id)
                .query((rs, n) -> new Payments.Payment(
                        rs.getObject(1, UUID.class),
                        rs.getString(2),
                        rs.getObject(3, UUID.class),
                        rs.getLong(4),
                        rs.getString(5),
                        Payments.Status.valueOf(rs.getString(6))))
                .optional();
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
