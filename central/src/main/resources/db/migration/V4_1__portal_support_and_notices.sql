-- Attendee portal: messages sent through the support page (personal data encrypted at rest) and
-- the in-page notices an attendee has been shown (top-up loaded, ticket paid or refunded).
create table portal_support_request (
    id uuid primary key,
    user_id uuid,
    festival_id uuid,
    name_enc varchar(1024) not null,
    email_enc varchar(1024) not null,
    topic varchar(32) not null,
    message_enc varchar(12000) not null,
    status varchar(16) not null,
    created_at timestamp with time zone not null
);
create index portal_support_created_ix on portal_support_request (created_at);

create table portal_notice (
    id uuid primary key,
    user_id uuid not null,
    notice_key varchar(200) not null,
    kind varchar(32) not null,
    amount_cents bigint,
    currency varchar(3),
    label varchar(200),
    created_at timestamp with time zone not null,
    seen_at timestamp with time zone,
    constraint portal_notice_key_uk unique (user_id, notice_key)
);
create index portal_notice_user_ix on portal_notice (user_id, seen_at);
