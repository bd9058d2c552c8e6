-- Enrolled terminals and edge nodes with their Ed25519 public keys; revocation is a time after
-- which a device's signatures post nothing.
create table device (
    id uuid primary key,
    festival_id uuid not null references festival (id),
    kind varchar(16) not null,
    mode varchar(16),
    zone_id uuid references zone (id),
    name varchar(100) not null,
    public_key varchar(64) not null,
    certificate_pem varchar(8000),
    status varchar(16) not null,
    revoked_at timestamp with time zone,
    revocation_reason varchar(500),
    created_at timestamp with time zone not null
);
create index device_festival_ix on device (festival_id);

-- Wristbands encoded by provisioning (UID, chip profile, optional ticket or staff binding).
create table wristband (
    uid varchar(32) primary key,
    festival_id uuid not null references festival (id),
    profile varchar(16) not null,
    ticket_id uuid,
    staff_user_id uuid,
    created_at timestamp with time zone not null
);
create index wristband_festival_ix on wristband (festival_id);

-- Festival ticket-signing keys (Ed25519). The private seed is stored encrypted with the data key.
create table ticket_key (
    festival_id uuid not null references festival (id),
    key_id varchar(64) not null,
    public_key varchar(64) not null,
    private_key_enc varchar(400) not null,
    valid_from timestamp with time zone not null,
    valid_until timestamp with time zone,
    created_at timestamp with time zone not null,
    primary key (festival_id, key_id)
);

-- Append-only, hash-chained audit log. audit_head holds the chain's head; appending locks it, so
-- sequence order is commit order and the chain has no forks.
create table audit_event (
    seq bigint primary key,
    at timestamp with time zone not null,
    actor varchar(100) not null,
    action varchar(100) not null,
    festival_id uuid,
    subject varchar(200),
    details varchar(8000) not null,
    prev_hash varchar(64) not null,
    hash varchar(64) not null
);
create index audit_event_festival_ix on audit_event (festival_id, seq);
create index audit_event_action_ix on audit_event (action, seq);

create table audit_head (
    id integer primary key,
    seq bigint not null,
    hash varchar(64) not null
);
insert into audit_head (id, seq, hash) values (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Revoked tickets (refunds, cancellations), numbered per festival by festival.revocation_version
-- under the festival row's lock, so "since version v" never misses a later-committed entry.
create table ticket_revocation (
    festival_id uuid not null references festival (id),
    version bigint not null,
    ticket_id uuid not null,
    reason varchar(32) not null,
    revoked_at timestamp with time zone not null,
    primary key (festival_id, version),
    constraint ticket_revocation_ticket_uk unique (ticket_id)
);
