-- Decision 0271. On PostgreSQL the journal lines' references are checked once per statement
-- (db/vendor/postgresql, same version); H2 keeps the foreign keys of V2_1, which check the same
-- rule. This migration keeps both databases' histories at the same version.

COMMENT ON TABLE journal_line IS
    'Every line points to an existing journal_entry and ledger_account (decision 0271: checked per statement on PostgreSQL, foreign keys on H2)';
