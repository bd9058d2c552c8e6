package io.fcs.central.payment;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The built-in provider: authorises every card except the test tokens below, and confirms the
 * capture at once by delivering a signed {@code payment.captured} webhook through the same
 * verification path as a real provider's HTTP call.
 *
 * <ul>
 *   <li>{@code tok_declined}: the authorisation is declined ({@code card_declined});
 *   <li>{@code tok_deferred}: accepted, but no webhook is sent (the payment stays pending until
 *       one is posted to {@code /payments/webhook});
 *   <li>{@code tok_timeout}: the provider does not answer ({@link PaymentProvider.NoAnswer}): the
 *       outcome is unknown;
 *   <li>{@code tok_refund_refused}: accepted and captured, but a refund of it is refused at once
 *       ({@code refund_refused});
 *   <li>{@code tok_refund_fails}: accepted and captured; a refund of it is accepted, then a signed
 *       {@code refund.failed} webhook follows ({@code card_expired});
 *   <li>anything else: accepted and captured.
 * </ul>
 *
 * <p>An accepted refund is confirmed by a signed {@code refund.succeeded} webhook (decision 0220),
 * delivered through the same verification path right after the answer is given; tests can hold
 * those confirmations back ({@link #holdRefundConfirmations}) to post webhooks themselves.
 */
@Component
class SandboxPaymentProvider implements PaymentProvider {

    static final String DECLINED = "tok_declined";
    static final String DEFERRED = "tok_deferred";
    static final String TIMEOUT = "tok_timeout";
    static final String REFUND_REFUSED = "tok_refund_refused";
    static final String REFUND_FAILS = "tok_refund_fails";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final java.util.Map<String, String> refunds = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger unansweredRefunds =
            new java.util.concurrent.atomic.AtomicInteger();
    private final Map<String, String> refundBehaviour = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean holdRefundConfirmations;
    private final ObjectProvider<PaymentWebhooks> webhooks;
    private final WebhookSignature signature;
    private final Clock clock;

    SandboxPaymentProvider(ObjectProvider<PaymentWebhooks> webhooks, WebhookSignature signature, Clock clock) {
        this.webhooks = webhooks;
        this.signature = signature;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "sandbox";
    }

    @Override
    public Authorisation authorise(PaymentRequest request) {
        if (DECLINED.equals(request.cardToken())) {
            return new Authorisation.Declined("card_declined");
        }
        if (TIMEOUT.equals(request.cardToken())) {
            throw new NoAnswer("sandbox: no answer to the authorisation of " + request.merchantReference());
        }
        String ref = "sbx_" + UUID.randomUUID();
        if (REFUND_REFUSED.equals(request.cardToken()) || REFUND_FAILS.equals(request.cardToken())) {
            refundBehaviour.put(ref, request.cardToken());
        }
        if (!DEFERRED.equals(request.cardToken())) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("eventId", "evt_" + UUID.randomUUID());
            event.put("type", "payment.captured");
            event.put("merchantReference", request.merchantReference());
            event.put("providerRef", ref);
            event.put("amountCents", request.amountCents());
            event.put("currency", request.currency());
            String body = JSON.writeValueAsString(event);
            long now = clock.instant().getEpochSecond();
            webhooks.getObject().receive(Long.toString(now), signature.sign(now, body), body);
        }
        return new Authorisation.Accepted(ref);
    }

    @Override
    public Authorisation refund(String providerRef, long amountCents, String currency) {
        return refund(providerRef, amountCents, currency, UUID.randomUUID().toString());
    }

    /**
     * Once per idempotency key: the same key answers the same refund reference (and confirms it
     * again). The confirmation (or failure) comes as a signed webhook naming the key.
     */
    @Override
    public Authorisation refund(String providerRef, long amountCents, String currency, String idempotencyKey) {
        if (unansweredRefunds.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new NoAnswer("sandbox: no answer to the refund " + idempotencyKey);
        }
        String behaviour = refundBehaviour.get(providerRef);
        if (REFUND_REFUSED.equals(behaviour)) {
            return new Authorisation.Declined("refund_refused");
        }
        String ref = refunds.computeIfAbsent(idempotencyKey, k -> "sbx_refund_" + UUID.randomUUID());
        if (!holdRefundConfirmations) {
            boolean fails = REFUND_FAILS.equals(behaviour);
            String body = refundEvent(idempotencyKey, ref, amountCents, currency, fails);
            long now = clock.instant().getEpochSecond();
            webhooks.getObject().receive(Long.toString(now), signature.sign(now, body), body);
        }
        return new Authorisation.Accepted(ref);
    }

    /** The body of a refund webhook as this provider sends it. */
    static String refundEvent(String merchantReference, String ref, long amountCents, String currency, boolean fails) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("eventId", "evt_" + UUID.randomUUID());
        event.put("type", fails ? "refund.failed" : "refund.succeeded");
        event.put("merchantReference", merchantReference);
        event.put("providerRef", ref);
        event.put("amountCents", amountCents);
        event.put("currency", currency);
        if (fails) {
            event.put("reason", "card_expired");
        }
        return JSON.writeValueAsString(event);
    }

    /** While true, accepted refunds are not confirmed by webhook (a provider that confirms later). */
    void holdRefundConfirmations(boolean hold) {
        holdRefundConfirmations = hold;
    }

    /** The next {@code count} refund calls get no answer (a provider outage), for tests of retries. */
    void leaveRefundsUnanswered(int count) {
        unansweredRefunds.set(count);
    }
}
