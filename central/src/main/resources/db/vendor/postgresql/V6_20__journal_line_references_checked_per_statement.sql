-- Decision 0271. A journal line still points to a journal entry and a ledger account that exist,
-- always; on PostgreSQL that rule is checked once per statement over the lines the statement wrote
-- (one anti-join of its transition table) instead of by two foreign keys, which PostgreSQL checks
-- row by row (an index probe and a row lock on the entry and on the account for every line:
-- about two thirds of a batch's journal-line insert). H2 keeps the foreign keys of V2_1.
--
-- What the foreign keys guaranteed, and what guarantees it now:
--   * a line written (inserted or updated) points to an existing entry and account: the
--     statement-level triggers below, which fail the statement with SQLSTATE 23503
--     (foreign_key_violation), as the foreign keys did;
--   * a referenced entry or account is never deleted nor given another id: journal entries and
--     ledger accounts are never deleted, truncated or re-keyed at all (the ledger is append-only,
--     V2_1), refused by the triggers further down, so nothing a line points to can disappear and no
--     row lock is needed to keep it.

ALTER TABLE journal_line DROP CONSTRAINT journal_line_entry_id_fkey;
ALTER TABLE journal_line DROP CONSTRAINT journal_line_account_id_fkey;

CREATE FUNCTION journal_line_references_exist() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    orphan RECORD;
BEGIN
    -- each entry and each account the statement's lines name, once: a primary-key probe each
    SELECT l.entry_id INTO orphan
      FROM (SELECT DISTINCT entry_id FROM written_lines) l
     WHERE NOT EXISTS (SELECT 1 FROM journal_entry e WHERE e.id = l.entry_id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal lines of entry % point to no journal entry', orphan.entry_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    SELECT l.account_id INTO orphan
      FROM (SELECT DISTINCT account_id FROM written_lines) l
     WHERE NOT EXISTS (SELECT 1 FROM ledger_account a WHERE a.id = l.account_id)
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal lines point to no ledger account (%)', orphan.account_id
            USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER journal_line_inserted_references_exist AFTER INSERT ON journal_line
    REFERENCING NEW TABLE AS written_lines
    FOR EACH STATEMENT EXECUTE FUNCTION journal_line_references_exist();

CREATE TRIGGER journal_line_updated_references_exist AFTER UPDATE ON journal_line
    REFERENCING NEW TABLE AS written_lines
    FOR EACH STATEMENT EXECUTE FUNCTION journal_line_references_exist();

CREATE FUNCTION ledger_rows_kept() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% of % refused: the ledger''s entries and accounts are kept for good, journal lines point to them',
        TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'foreign_key_violation';
END
$$;

CREATE TRIGGER journal_entry_kept BEFORE DELETE OR TRUNCATE OR UPDATE OF id ON journal_entry
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_rows_kept();

CREATE TRIGGER ledger_account_kept BEFORE DELETE OR TRUNCATE OR UPDATE OF id ON ledger_account
    FOR EACH STATEMENT EXECUTE FUNCTION ledger_rows_kept();

COMMENT ON TABLE journal_line IS
    'Every line points to an existing journal_entry and ledger_account (decision 0271: checked per statement on PostgreSQL, foreign keys on H2)';
