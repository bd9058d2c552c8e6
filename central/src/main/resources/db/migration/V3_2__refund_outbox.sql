-- Card refunds asked of the payment provider, outside the database transaction (decision 0147):
-- the refund is written PENDING with the business change that causes it, the provider is called
-- after commit (idempotency key = the refund id), then the row is marked DONE or FAILED. A crash
-- in between leaves it PENDING: it is sent again at next_attempt_at.
create table payment_refund (
    id uuid primary key,
    payment_id uuid not null references payment (id),
    festival_id uuid,
    amount_cents bigint not null,
    currency varchar(3) not null,
    status varchar(16) not null,
    attempts integer not null,
    next_attempt_at timestamp with time zone not null,
    provider_ref varchar(100),
    last_error varchar(500),
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    constraint payment_refund_amount_ck check (amount_cents > 0)
);
create index payment_refund_due_ix on payment_refund (status, next_attempt_at);

-- Bank transfers of unused balances, marked paid by finance with the bank's reference.
alter table cashless_refund add column paid_at timestamp with time zone;
alter table cashless_refund add column paid_by uuid;
alter table cashless_refund add column transfer_reference varchar(100);
