-- Decision 0277. H2 stores the high mark of an identity with a store commit of its own each time a
-- block of values is used up (32 by default): on the file database that was every sixteen or so
-- ticket purchases, a twelfth of the webhooks' group thread in a spike. Blocks of 1,000 make it
-- rare. H2 hands the values out in order from one block per database, so journal entries keep
-- their posting order; after a crash the unused rest of a block is skipped (sequence numbers
-- already skip on rolled-back postings). PostgreSQL keeps its default: there a cache is per
-- connection, which would interleave the numbers of concurrent postings.
alter table journal_entry alter column seq set cache 1000;
