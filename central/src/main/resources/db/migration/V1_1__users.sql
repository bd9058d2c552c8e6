-- Users of central (staff and attendees). Personal data is stored encrypted (AES-GCM, key
-- outside the database); the e-mail is found through a keyed hash (HMAC-SHA256).
create table app_user (
    id uuid primary key,
    email_hash varchar(64) not null,
    email_enc varchar(1024) not null,
    name_enc varchar(2048) not null,
    password_hash varchar(200) not null,
    status varchar(16) not null,
    created_at timestamp with time zone not null,
    erased_at timestamp with time zone,
    constraint app_user_email_hash_uk unique (email_hash)
);

create table user_role (
    user_id uuid not null references app_user (id),
    role varchar(20) not null,
    primary key (user_id, role)
);

create table user_festival (
    user_id uuid not null references app_user (id),
    festival_id uuid not null,
    primary key (user_id, festival_id)
);

-- Rotating refresh tokens, stored as SHA-256 hashes; one family per login. Re-use of a spent
-- token revokes the whole family.
create table refresh_token (
    id uuid primary key,
    family_id uuid not null,
    user_id uuid not null references app_user (id),
    token_hash varchar(64) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    spent_at timestamp with time zone,
    revoked_at timestamp with time zone,
    constraint refresh_token_hash_uk unique (token_hash)
);
create index refresh_token_family_ix on refresh_token (family_id);

-- Failed logins per (e-mail, client address) key, for throttling.
create table login_failure (
    id uuid primary key,
    key_hash varchar(64) not null,
    failed_at timestamp with time zone not null
);
create index login_failure_key_ix on login_failure (key_hash, failed_at);
