package io.fcs.central.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.ledger.Ledger;
import io.fcs.central.sync.RecordIngestion;
import io.fcs.central.testing.PostgresTest;
import io.fcs.central.wallet.Wallets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The ingestion and conservation properties on a real PostgreSQL, also with batches in parallel. */
class BooksConvergePostgresIT extends PostgresTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    Wallets wallets;

    @Autowired
    RecordIngestion ingestion;

    @Test
    void everyDeliveryOfTheSameBatchesEndsInTheSameBooksOnPostgresql() {
        Map<String, Long> books = new Convergence(jdbc, ledger, wallets, ingestion).check(42L, 2);

        assertThat(books.get("applied")).isEqualTo((long) Convergence.TERMINALS * Convergence.RECORDS_PER_TERMINAL);
        assertThat(jdbc.sql("SELECT version()").query(String.class).single()).startsWith("PostgreSQL");
    }

    @Test
    void batchesDeliveredConcurrentlyByThreeEdgesEndInTheSameBooks() {
        Convergence convergence = new Convergence(jdbc, ledger, wallets, ingestion);
        Map<String, Long> reference = convergence.check(99L, 1);

        Map<String, Long> concurrent = convergence.play(
                Convergence.Script.generate(new java.util.Random(99L)),
                java.util.Optional.of(new java.util.Random(5)),
                3);

        assertThat(concurrent).isEqualTo(reference);
    }
}
