-- Cashless wallets and wristbands (central-b, io.fcs.central.wallet). Money is never stored here:
-- a wallet's balance is its WALLET account in the ledger. What is here is who owns the wallet,
-- which wristbands point at it, what the wristband chip is known to carry (for pendingCents), and
-- the festival's change version (edges poll "what changed since version N").

CREATE TABLE festival_change (
    festival_id UUID   NOT NULL PRIMARY KEY,
    version     BIGINT NOT NULL
);

CREATE TABLE cashless_wallet (
    id                UUID        NOT NULL PRIMARY KEY,
    festival_id       UUID        NOT NULL,
    owner_id          UUID,
    currency          VARCHAR(3)  NOT NULL,
    status            VARCHAR(16) NOT NULL,
    chip_balance      BIGINT      NOT NULL,
    chip_counter      BIGINT      NOT NULL,
    offline_allowance BIGINT      NOT NULL,
    version           BIGINT      NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uq_cashless_wallet_owner UNIQUE (festival_id, owner_id)
);

CREATE INDEX ix_cashless_wallet_version ON cashless_wallet (festival_id, version);

CREATE TABLE cashless_wristband (
    festival_id UUID         NOT NULL,
    uid         VARCHAR(32)  NOT NULL,
    wallet_id   UUID         NOT NULL REFERENCES cashless_wallet (id),
    status      VARCHAR(16)  NOT NULL,
    reason      VARCHAR(200),
    linked_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    blocked_at  TIMESTAMP WITH TIME ZONE,
    version     BIGINT       NOT NULL,
    CONSTRAINT pk_cashless_wristband PRIMARY KEY (festival_id, uid)
);

CREATE INDEX ix_cashless_wristband_wallet ON cashless_wristband (wallet_id);
CREATE INDEX ix_cashless_wristband_version ON cashless_wristband (festival_id, version);

-- Idempotency-Key of money calls: the first result is kept and answered again for the same body.
CREATE TABLE cashless_request (
    scope        VARCHAR(64)  NOT NULL,
    request_key  VARCHAR(200) NOT NULL,
    request_hash VARCHAR(64)  NOT NULL,
    wallet_id    UUID         NOT NULL,
    balance      BIGINT       NOT NULL,
    pending      BIGINT       NOT NULL,
    currency     VARCHAR(3)   NOT NULL,
    transaction_id UUID       NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_cashless_request PRIMARY KEY (scope, request_key)
);

-- Festival cashless policy: offline allowance and what happens to unused balances after the event.
CREATE TABLE cashless_policy (
    festival_id          UUID        NOT NULL PRIMARY KEY,
    currency             VARCHAR(3)  NOT NULL,
    offline_allowance    BIGINT      NOT NULL,
    refunds_open         BOOLEAN     NOT NULL,
    refund_fee           BIGINT      NOT NULL,
    refund_methods       VARCHAR(64) NOT NULL,
    version              BIGINT      NOT NULL
);

CREATE TABLE cashless_refund (
    id          UUID        NOT NULL PRIMARY KEY,
    festival_id UUID        NOT NULL,
    wallet_id   UUID        NOT NULL REFERENCES cashless_wallet (id),
    method      VARCHAR(16) NOT NULL,
    amount      BIGINT      NOT NULL,
    fee         BIGINT      NOT NULL,
    currency    VARCHAR(3)  NOT NULL,
    iban        VARCHAR(34),
    status      VARCHAR(16) NOT NULL,
    entry_id    UUID        NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
