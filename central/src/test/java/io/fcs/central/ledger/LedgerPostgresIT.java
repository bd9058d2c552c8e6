package io.fcs.central.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.testing.PostgresTest;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger's guarantees under real PostgreSQL concurrency and savepoints, and the scenarios
 * shared with H2 ({@link LedgerScenarios}).
 */
class LedgerPostgresIT extends LedgerScenarios {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        PostgresTest.pointAtEmbeddedPostgres(registry);
    }

    @Test
    void concurrentDebitsAndRetriesOfOneKeyNeverOverdrawOrDoublePost() throws Exception {
        ledger.post(JournalEntry.builder(festival, "t1", EntryCategory.TOP_UP)
                .description("top-up")
                .move(AccountKey.pspClearing(), wallet, Money.eur(1_000))
                .build());
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<PostingResult>> results = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String key = "s" + (i % 20);
                results.add(pool.submit(() -> ledger.post(sale(key, 100))));
            }
            for (Future<PostingResult> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isInstanceOf(PostingResult.class);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(0));
        assertThat(ledger.balance(festival, bar, Currency.EUR)).isEqualTo(Money.eur(1_000));
        assertThat(ledger.journal(festival)).hasSize(11);
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }

    @Test
    void aRefusedPostingRollsBackToItsSavepointOnPostgresql() {
        PostingResult refused = new TransactionTemplate(transactions).execute(status -> {
            ledger.post(JournalEntry.builder(festival, "t2", EntryCategory.TOP_UP)
                    .description("top-up")
                    .move(AccountKey.pspClearing(), wallet, Money.eur(100))
                    .build());
            PostingResult result = ledger.post(sale("s-big", 500));
            ledger.post(sale("s-small", 40));
            return result;
        });

        assertThat(refused).isInstanceOf(PostingResult.Refused.class);
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(60));
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }
}
