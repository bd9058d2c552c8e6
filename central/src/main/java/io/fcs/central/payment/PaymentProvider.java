package io.fcs.central.payment;

/**
 * The port to a card payment service provider (PSP). Authorisation is synchronous; the capture
 * is confirmed asynchronously by a webhook signed with HMAC-SHA256 ({@link PaymentWebhooks}).
 * The built-in adapter is {@link SandboxPaymentProvider}.
 */
public interface PaymentProvider {

    String name();

    /** Asks the provider to authorise and capture {@code request}; the outcome of the authorisation. */
    Authorisation authorise(PaymentRequest request);

    /** Refunds {@code amountCents} of a captured payment. */
    Authorisation refund(String providerRef, long amountCents, String currency);

    /**
     * Refunds with an idempotency key (central's refund id): the provider refunds once however often
     * the same key is sent (decision 0147). Adapters whose provider takes such keys override this.
     */
    default Authorisation refund(String providerRef, long amountCents, String currency, String idempotencyKey) {
        return refund(providerRef, amountCents, currency);
    }

    record PaymentRequest(String merchantReference, long amountCents, String currency, String cardToken) {}

    /**
     * The provider did not answer (timeout, connection lost): the outcome is unknown, the payment
     * may have been authorised anyway. Adapters throw it instead of guessing.
     */
    final class NoAnswer extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NoAnswer(String message) {
            super(message);
        }
    }

    sealed interface Authorisation {
        /** Accepted; the capture will be confirmed by a webhook naming {@code providerRef}. */
        record Accepted(String providerRef) implements Authorisation {}

        record Declined(String reason) implements Authorisation {}
    }
}
