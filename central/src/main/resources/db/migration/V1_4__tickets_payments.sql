-- Ticket orders (one purchase of one ticket type), their tickets, and card payments through a
-- payment provider. A ticket is VALID only once its order is paid.
create table ticket_order (
    id uuid primary key,
    festival_id uuid not null references festival (id),
    ticket_type_id uuid not null references ticket_type (id),
    buyer_id uuid not null references app_user (id),
    quantity integer not null,
    amount_cents bigint not null,
    currency varchar(3) not null,
    status varchar(20) not null,
    payment_id uuid,
    idempotency_key varchar(100),
    request_hash varchar(64),
    created_at timestamp with time zone not null,
    paid_at timestamp with time zone,
    constraint ticket_order_idempotency_uk unique (buyer_id, idempotency_key)
);

create table ticket (
    id uuid primary key,
    festival_id uuid not null references festival (id),
    ticket_type_id uuid not null references ticket_type (id),
    order_id uuid not null references ticket_order (id),
    owner_id uuid not null references app_user (id),
    holder_name_enc varchar(1024),
    price_cents bigint not null,
    currency varchar(3) not null,
    status varchar(16) not null,
    qr_code varchar(400),
    created_at timestamp with time zone not null,
    paid_at timestamp with time zone,
    revoked_at timestamp with time zone
);
create index ticket_owner_ix on ticket (owner_id);
create index ticket_order_ix on ticket (order_id);
create index ticket_festival_status_ix on ticket (festival_id, status);

create table payment (
    id uuid primary key,
    provider varchar(32) not null,
    provider_ref varchar(100) not null,
    purpose varchar(32) not null,
    reference_id uuid not null,
    festival_id uuid,
    amount_cents bigint not null,
    refunded_cents bigint not null default 0,
    currency varchar(3) not null,
    status varchar(16) not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint payment_provider_ref_uk unique (provider, provider_ref),
    constraint payment_refund_ck check (refunded_cents >= 0 and refunded_cents <= amount_cents)
);

-- Webhook events already processed: a replayed event id changes nothing.
create table payment_event (
    event_id varchar(100) primary key,
    payment_id uuid not null,
    type varchar(32) not null,
    received_at timestamp with time zone not null
);
