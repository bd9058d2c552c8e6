-- An online top-up with an Idempotency-Key holds the key before the card is charged, so two
-- concurrent requests with the same key charge once; payment_id names the provider payment.
CREATE TABLE cashless_topup (
    scope        VARCHAR(64)  NOT NULL,
    request_key  VARCHAR(200) NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    payment_id   UUID,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_cashless_topup PRIMARY KEY (scope, request_key)
);
