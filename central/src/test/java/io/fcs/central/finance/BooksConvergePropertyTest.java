package io.fcs.central.finance;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.ledger.Ledger;
import io.fcs.central.sync.RecordIngestion;
import io.fcs.central.testing.CentralTest;
import io.fcs.central.wallet.Wallets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * DESIGN §7.1–7.2 as a property: for seeded random festivals, every delivery of the same record
 * batches, in order or interleaved, duplicated and reordered, ends in the same books and
 * watermarks, each record applied exactly once, and the conservation invariant holding to the cent.
 */
class BooksConvergePropertyTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    Wallets wallets;

    @Autowired
    RecordIngestion ingestion;

    @Test
    void everyDeliveryOfTheSameBatchesEndsInTheSameBooksWithConservationHolding() {
        Convergence convergence = new Convergence(jdbc, ledger, wallets, ingestion);
        for (long seed : new long[] {20_260_710L, 7L}) {
            Map<String, Long> books = convergence.check(seed, 3);
            assertThat(books.get("applied")).isEqualTo((long) Convergence.TERMINALS * Convergence.RECORDS_PER_TERMINAL);
        }
    }
}
