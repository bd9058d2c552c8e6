-- Record ingestion from edges (central-b, io.fcs.central.sync): every signed record a terminal
-- committed, kept as received; per terminal the watermark (highest contiguous sequence settled:
-- applied to the ledger, or refused for good); review items for finance.

CREATE TABLE sync_terminal (
    terminal_id   UUID    NOT NULL PRIMARY KEY,
    festival_id   UUID,
    watermark     BIGINT  NOT NULL,
    head_hash     BYTEA,
    received      BIGINT  NOT NULL,
    duplicates    BIGINT  NOT NULL,
    refused       BIGINT  NOT NULL,
    last_edge_id  UUID,
    last_batch_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE sync_record (
    terminal_id UUID        NOT NULL,
    sequence    BIGINT      NOT NULL,
    record_id   UUID        NOT NULL,
    festival_id UUID        NOT NULL,
    kind        VARCHAR(16) NOT NULL,
    -- HELD (stored, waiting for a missing predecessor), APPLIED (in the ledger), REFUSED (settled, posts nothing)
    status      VARCHAR(16) NOT NULL,
    reason      VARCHAR(32),
    hash        BYTEA       NOT NULL,
    bytes       BYTEA       NOT NULL,
    entry_id    UUID,
    voided_by   UUID,
    signed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_sync_record PRIMARY KEY (terminal_id, sequence),
    CONSTRAINT uq_sync_record_id UNIQUE (record_id)
);

CREATE INDEX ix_sync_record_festival ON sync_record (festival_id, status);

-- One chip counter value is spent once: a second record on the same wristband and counter is a
-- cloned or rolled-back chip (offline double spend).
CREATE TABLE sync_chip_use (
    festival_id    UUID        NOT NULL,
    uid            VARCHAR(32) NOT NULL,
    counter_before BIGINT      NOT NULL,
    record_id      UUID        NOT NULL,
    CONSTRAINT pk_sync_chip_use PRIMARY KEY (festival_id, uid, counter_before)
);

-- Every refusal of a record, as it happened (reconciliation counts them).
CREATE TABLE sync_refusal (
    id          UUID         NOT NULL PRIMARY KEY,
    terminal_id UUID         NOT NULL,
    festival_id UUID,
    sequence    BIGINT       NOT NULL,
    reason      VARCHAR(32)  NOT NULL,
    detail      VARCHAR(500) NOT NULL,
    edge_id     UUID,
    refused_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_sync_refusal_terminal ON sync_refusal (terminal_id);

CREATE TABLE review_item (
    id          UUID          NOT NULL PRIMARY KEY,
    festival_id UUID          NOT NULL,
    kind        VARCHAR(32)   NOT NULL,
    status      VARCHAR(16)   NOT NULL,
    terminal_id UUID,
    sequence    BIGINT,
    record_id   UUID,
    wallet_id   UUID,
    uid         VARCHAR(32),
    amount      BIGINT,
    currency    VARCHAR(3),
    detail      VARCHAR(1000) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    resolved_at TIMESTAMP WITH TIME ZONE,
    resolved_by UUID,
    resolution  VARCHAR(500)
);

CREATE INDEX ix_review_item_festival ON review_item (festival_id, status);

-- What edges report about themselves and their terminals (admin dashboard reads it).
CREATE TABLE edge_presence (
    edge_id     UUID   NOT NULL PRIMARY KEY,
    zone_id     UUID,
    sent_at     TIMESTAMP WITH TIME ZONE,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    backlog     BIGINT NOT NULL
);

CREATE TABLE terminal_presence (
    terminal_id   UUID         NOT NULL PRIMARY KEY,
    edge_id       UUID         NOT NULL,
    zone_id       UUID,
    online        BOOLEAN      NOT NULL,
    last_seen     TIMESTAMP WITH TIME ZONE,
    queue_depth   BIGINT       NOT NULL,
    reader_errors BIGINT       NOT NULL,
    clock_skew_ms BIGINT       NOT NULL,
    app_version   VARCHAR(64),
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Gate admissions reported by edges (and CHECK_IN records), for review and ticket history.
CREATE TABLE gate_checkin (
    id          UUID        NOT NULL PRIMARY KEY,
    festival_id UUID,
    ticket_id   UUID,
    uid         VARCHAR(32),
    terminal_id UUID,
    zone_id     UUID,
    edge_id     UUID,
    checked_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    offline     BOOLEAN     NOT NULL,
    outcome     VARCHAR(32),
    source      VARCHAR(16) NOT NULL,
    received_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX ix_gate_checkin_ticket ON gate_checkin (ticket_id);
