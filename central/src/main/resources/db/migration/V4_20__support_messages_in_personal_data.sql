-- Support messages belong to the sender's personal data (GDPR export and erasure): messages sent
-- while logged out are found by the keyed hash of the e-mail given in the form (decision 0222).
alter table portal_support_request add column email_hash varchar(64);
create index portal_support_user_ix on portal_support_request (user_id);
create index portal_support_email_ix on portal_support_request (email_hash);
