-- Festivals and their set-up: zones (numbered 0..31 as QR tickets name them), gates, points of
-- sale with products, ticket types (numbered as QR tickets name them) and the zones each opens.
create table festival (
    id uuid primary key,
    name varchar(200) not null,
    venue varchar(200) not null,
    start_date date not null,
    end_date date not null,
    status varchar(16) not null,
    currency varchar(3) not null,
    time_zone varchar(64) not null,
    day_cutover varchar(5) not null,
    offline_allowance_cents bigint not null,
    config_version bigint not null,
    revocation_version bigint not null,
    created_by uuid,
    created_at timestamp with time zone not null
);

create table zone (
    id uuid primary key,
    festival_id uuid not null references festival (id),
    number integer not null,
    name varchar(100) not null,
    kind varchar(20) not null,
    capacity integer,
    created_at timestamp with time zone not null,
    constraint zone_name_uk unique (festival_id, name),
    constraint zone_number_uk unique (festival_id, number),
    constraint zone_number_ck check (number >= 0 and number < 32)
);

create table gate (
    id uuid primary key,
    festival_id uuid not null references festival (id),
    zone_id uuid not null references zone (id),
    name varchar(100) not null,
    created_at timestamp with time zone not null,
    constraint gate_name_uk unique (festival_id, name)
);

create table point_of_sale (
    id uuid primary key,
    festival_id uuid not null references festival (id),
    zone_id uuid not null references zone (id),
    name varchar(100) not null,
    kind varchar(16) not null,
    created_at timestamp with time zone not null,
    constraint pos_name_uk unique (festival_id, name)
);

create table product (
    id uuid primary key,
    pos_id uuid not null references point_of_sale (id),
    code varchar(32) not null,
    name varchar(100) not null,
    price_cents bigint not null,
    category varchar(32) not null,
    created_at timestamp with time zone not null,
    constraint product_code_uk unique (pos_id, code),
    constraint product_price_ck check (price_cents >= 0)
);

create table ticket_type (
    id uuid primary key,
    festival_id uuid not null references festival (id),
    type_code integer not null,
    name varchar(100) not null,
    price_cents bigint not null,
    currency varchar(3) not null,
    quota integer not null,
    sold integer not null,
    valid_first_day date not null,
    valid_day_mask integer not null,
    created_at timestamp with time zone not null,
    constraint ticket_type_name_uk unique (festival_id, name),
    constraint ticket_type_code_uk unique (festival_id, type_code),
    constraint ticket_type_quota_ck check (sold >= 0 and sold <= quota),
    constraint ticket_type_price_ck check (price_cents >= 0)
);

create table access_rule (
    ticket_type_id uuid not null references ticket_type (id),
    zone_id uuid not null references zone (id),
    primary key (ticket_type_id, zone_id)
);
