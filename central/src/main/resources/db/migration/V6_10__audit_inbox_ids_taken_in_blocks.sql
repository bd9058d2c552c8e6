-- The audit inbox's ids are taken in blocks of 1,000 (decision 0263). H2 writes the identity's
-- high mark with a commit of its own each time a block is used up (every 32 ids by default: a
-- store commit every ten or so ticket purchases); on PostgreSQL each connection keeps a block.
-- Ids may then skip or arrive out of order across connections: the sequencer takes the inbox in
-- id order and deletes what it chained, so a late lower id is still chained by its next run.
alter table audit_inbox alter column id set cache 1000;
