package io.fcs.central.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.central.testing.CentralTest;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database itself refuses a journal line that points to nothing, and keeps every entry and
 * account a line points to (decision 0271): by foreign keys on H2 ({@link JournalLineReferencesTest}),
 * by statement-level checks on PostgreSQL ({@link JournalLineReferencesPostgresIT}). Written as raw
 * SQL on purpose: the rule must hold for any writer, not only for the ledger's code.
 */
abstract class JournalLineReferencesScenarios extends CentralTest {

    @Autowired
    Ledger ledger;

    @Autowired
    JdbcClient jdbc;

    final FestivalId festival = FestivalId.random();
    private final AccountKey wallet = AccountKey.wallet(WalletId.random());
    UUID entry;
    UUID walletAccount;

    @BeforeEach
    void oneTopUp() {
        ledger.post(JournalEntry.builder(festival, "top-up", EntryCategory.TOP_UP)
                .description("top-up")
                .move(AccountKey.pspClearing(), wallet, Money.eur(1_000))
                .build());
        entry = ledger.entry(festival, "top-up").orElseThrow().id();
        walletAccount = JdbcLedger.accountId(festival, wallet);
    }

    long lines() {
        return jdbc.sql("SELECT COUNT(*) FROM journal_line WHERE entry_id = :e")
                .param("e", entry)
                .query(Long.class)
                .single();
    }

    @Test
    void aLinePointingToNoEntryIsRefused() {
        assertThatThrownBy(() -> jdbc.sql("""
                                INSERT INTO journal_line (entry_id, line_no, account_id, currency, amount)
                                VALUES (:e, 0, :a, 'EUR', 100)
                                """)
                        .param("e", UUID.randomUUID())
                        .param("a", walletAccount)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
    }

    @Test
    void aLinePointingToNoAccountIsRefused() {
        assertThatThrownBy(() -> jdbc.sql("""
                                INSERT INTO journal_line (entry_id, line_no, account_id, currency, amount)
                                VALUES (:e, 7, :a, 'EUR', 100)
                                """)
                        .param("e", entry)
                        .param("a", UUID.randomUUID())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(lines()).isEqualTo(2);
    }

    @Test
    void oneLinePointingToNothingRefusesTheWholeStatementWithTheGoodLinesBesideIt() {
        assertThatThrownBy(() -> jdbc.sql("""
                                INSERT INTO journal_line (entry_id, line_no, account_id, currency, amount)
                                VALUES (:e, 7, :a, 'EUR', 100), (:e, 8, :nothing, 'EUR', -100)
                                """)
                        .param("e", entry)
                        .param("a", walletAccount)
                        .param("nothing", UUID.randomUUID())
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(lines()).isEqualTo(2);
    }

    @Test
    void aLineCannotBeMovedToAnEntryThatDoesNotExist() {
        assertThatThrownBy(() -> jdbc.sql("UPDATE journal_line SET entry_id = :other WHERE entry_id = :e")
                        .param("other", UUID.randomUUID())
                        .param("e", entry)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(lines()).isEqualTo(2);
    }

    @Test
    void anEntryOrAnAccountThatLinesPointToCannotBeDeleted() {
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM journal_entry WHERE id = :e")
                        .param("e", entry)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.sql("DELETE FROM ledger_account WHERE id = :a")
                        .param("a", walletAccount)
                        .update())
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(lines()).isEqualTo(2);
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }
}
