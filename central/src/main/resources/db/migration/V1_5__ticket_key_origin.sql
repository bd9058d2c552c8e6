-- Keys central generated itself (at festival creation) step aside for keys provisioning installs.
alter table ticket_key add column generated boolean default false not null;
