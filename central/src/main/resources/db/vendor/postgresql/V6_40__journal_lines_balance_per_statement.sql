-- Decision 0281. The lines one statement writes for an entry balance, per currency, or the
-- statement fails: checked once per statement over its transition table, with the references of
-- decision 0271, instead of by the ledger reading the entry's lines back after inserting them (one
-- more round trip per posting) or returning every inserted line to aggregate them (a batch's
-- posting). The ledger writes all the lines of an entry in one statement, always; lines are never
-- updated (an UPDATE still has its references checked, V6_20).

CREATE FUNCTION journal_lines_inserted_hold() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    orphan RECORD;
    unbalanced RECORD;
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
    -- double entry: what the statement wrote for each entry sums to zero in each currency
    SELECT entry_id, currency, SUM(amount) AS off INTO unbalanced
      FROM written_lines
     GROUP BY entry_id, currency
    HAVING SUM(amount) <> 0
     LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION 'journal entry % does not balance in %: its lines sum to %',
            unbalanced.entry_id, unbalanced.currency, unbalanced.off
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER journal_line_inserted_references_exist ON journal_line;

CREATE TRIGGER journal_line_inserted_hold AFTER INSERT ON journal_line
    REFERENCING NEW TABLE AS written_lines
    FOR EACH STATEMENT EXECUTE FUNCTION journal_lines_inserted_hold();

COMMENT ON TABLE journal_line IS
    'Every line points to an existing journal_entry and ledger_account, and the lines a statement inserts balance per entry and currency (decisions 0271, 0281: checked per statement on PostgreSQL; foreign keys and the ledger''s own check on H2)';
