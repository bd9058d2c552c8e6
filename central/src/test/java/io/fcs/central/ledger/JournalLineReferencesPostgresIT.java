package io.fcs.central.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.central.testing.PostgresTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Journal lines' references on PostgreSQL, checked once per statement instead of by foreign keys
 * (decision 0271): the same scenarios as on H2, and the stricter rule that stands in for the
 * foreign keys' protection of what lines point to: the ledger's entries and accounts are never
 * deleted, truncated or given another id.
 */
class JournalLineReferencesPostgresIT extends JournalLineReferencesScenarios {

    @Autowired
    PlatformTransactionManager transactions;

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.pointAtEmbeddedPostgres(registry);
    }

    @Test
    void theJournalLinesHaveNoForeignKeysButTheStatementChecks() {
        assertThat(jdbc.sql("""
                        SELECT COUNT(*) FROM pg_constraint
                        WHERE conrelid = 'journal_line'::regclass AND contype = 'f'
                        """).query(Long.class).single()).isZero();
        assertThat(jdbc.sql("""
                        SELECT tgname FROM pg_trigger
                        WHERE tgrelid = 'journal_line'::regclass AND NOT tgisinternal ORDER BY tgname
                        """).query(String.class).list())
                .containsExactly("journal_line_inserted_hold", "journal_line_updated_references_exist");
    }

    @Test
    void aStatementWhoseLinesOfAnEntryDoNotBalanceIsRefusedByTheDatabase() {
        UUID clearing = JdbcLedger.accountId(festival, AccountKey.pspClearing());
        String twoLines = """
                INSERT INTO journal_line (entry_id, line_no, account_id, currency, amount)
                VALUES (:e, 7, :a, :first, -300), (:e, 8, :b, :second, :amount)
                """;

        assertThatThrownBy(() -> jdbc.sql(twoLines)
                        .param("e", entry)
                        .param("a", clearing)
                        .param("b", walletAccount)
                        .param("first", "EUR")
                        .param("second", "EUR")
                        .param("amount", 200)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("does not balance in EUR");
        // the sums are even, but each currency's is not
        assertThatThrownBy(() -> jdbc.sql(twoLines)
                        .param("e", entry)
                        .param("a", clearing)
                        .param("b", walletAccount)
                        .param("first", "EUR")
                        .param("second", "CHF")
                        .param("amount", 300)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("does not balance");
        assertThat(lines()).isEqualTo(2);

        // a statement whose lines balance goes in
        jdbc.sql(twoLines)
                .param("e", entry)
                .param("a", clearing)
                .param("b", walletAccount)
                .param("first", "EUR")
                .param("second", "EUR")
                .param("amount", 300)
                .update();
        assertThat(lines()).isEqualTo(4);
    }

    @Test
    void theLedgersEntriesAndAccountsAreNeverDeletedTruncatedOrReKeyed() {
        UUID unused = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO ledger_account (id, festival_id, kind, subject, currency, balance, opened_at)
                        VALUES (:id, :f, 'FEES', :s, 'EUR', 0, CURRENT_TIMESTAMP)
                        """)
                .param("id", unused)
                .param("f", festival.value())
                .param("s", unused.toString())
                .update();

        // each attempt in a transaction that is rolled back whatever happens: were the rule
        // missing, the shared test database would lose nothing
        for (String refused : List.of(
                "DELETE FROM ledger_account WHERE id = '" + unused + "'",
                "DELETE FROM journal_entry WHERE id = '" + entry + "'",
                "UPDATE journal_entry SET id = '" + UUID.randomUUID() + "' WHERE id = '" + entry + "'",
                "UPDATE ledger_account SET id = '" + UUID.randomUUID() + "' WHERE id = '" + walletAccount + "'",
                "TRUNCATE journal_entry CASCADE",
                "TRUNCATE ledger_account CASCADE")) {
            assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                        status.setRollbackOnly();
                        jdbc.sql(refused).update();
                    }))
                    .as(refused)
                    .isInstanceOf(DataIntegrityViolationException.class)
                    .hasMessageContaining("kept for good");
        }
        assertThat(lines()).isEqualTo(2);
    }
}
