-- Per-zone rules edges apply (decisions 0151, 0230, 0232): how a credential admitted before may
-- enter the zone again, and the zone's share of the festival's offline allowance per wristband
-- (null: an equal split of what the zones with an explicit share leave).
alter table zone add column reentry varchar(12) default 'NONE' not null;
alter table zone add column reentry_cooldown_seconds integer default 0 not null;
alter table zone add column offline_share_percent integer;
alter table zone add constraint zone_reentry_ck check (reentry in ('NONE', 'ALLOWED', 'AFTER_EXIT'));
alter table zone add constraint zone_reentry_cooldown_ck
    check (reentry_cooldown_seconds >= 0 and reentry_cooldown_seconds <= 86400);
alter table zone add constraint zone_offline_share_ck
    check (offline_share_percent is null or (offline_share_percent >= 0 and offline_share_percent <= 100));
