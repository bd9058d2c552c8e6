package io.fcs.central.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.Money;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The ledger on H2 (the scenarios shared with PostgreSQL: {@link LedgerScenarios}). */
class LedgerTest extends LedgerScenarios {

    @Autowired
    JdbcClient jdbc;

    @Test
    void balancesAreTheSumsOfTheirPostings() {
        assertThat(ledger.post(topUp("t1", 2_000)).isPosted()).isTrue();
        assertThat(ledger.post(sale("s1", 450)).isPosted()).isTrue();

        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(1_550));
        assertThat(ledger.balance(festival, bar, Currency.EUR)).isEqualTo(Money.eur(450));
        assertThat(ledger.balance(festival, AccountKey.pspClearing(), Currency.EUR))
                .isEqualTo(Money.eur(2_000));
        assertThat(ledger.balances(festival, AccountKind.WALLET))
                .containsExactly(new AccountBalance(wallet, Money.eur(1_550)));
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }

    @Test
    void theSameKeyWithTheSameContentPostsOnceAndAnswersTheFirstResult() {
        PostingResult.Posted first = (PostingResult.Posted) ledger.post(topUp("t1", 1_000));
        PostingResult again = ledger.post(topUp("t1", 1_000));

        assertThat(again).isInstanceOf(PostingResult.Posted.class);
        PostingResult.Posted replay = (PostingResult.Posted) again;
        assertThat(replay.entryId()).isEqualTo(first.entryId());
        assertThat(replay.sequence()).isEqualTo(first.sequence());
        assertThat(replay.replayed()).isTrue();
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(1_000));
        assertThat(ledger.journal(festival)).hasSize(1);
    }

    @Test
    void theSameKeyWithOtherContentIsRefusedAndChangesNothing() {
        ledger.post(topUp("t1", 1_000));

        PostingResult other = ledger.post(topUp("t1", 1_001));

        assertThat(other)
                .isEqualTo(new PostingResult.Refused(
                        PostingResult.Reason.IDEMPOTENCY_CONFLICT, "idempotency key t1 was used for another entry"));
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(1_000));
    }

    @Test
    void aWalletDebitBeyondTheBalanceIsRefusedAndNothingOfTheEntryRemains() {
        ledger.post(topUp("t1", 400));

        PostingResult result = ledger.post(sale("s1", 401));

        assertThat(result).isInstanceOf(PostingResult.Refused.class);
        assertThat(((PostingResult.Refused) result).reason()).isEqualTo(PostingResult.Reason.INSUFFICIENT_FUNDS);
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(400));
        assertThat(ledger.balance(festival, bar, Currency.EUR)).isEqualTo(Money.eur(0));
        assertThat(ledger.entry(festival, "s1")).isEmpty();
        assertThat(ledger.post(sale("s1", 400)).isPosted()).isTrue();
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(0));
    }

    @Test
    void aRefusalInsideTheCallersTransactionKeepsTheCallersOtherPostings() {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        PostingResult refused = tx.execute(status -> {
            ledger.post(topUp("t1", 100));
            return ledger.post(sale("s1", 500));
        });

        assertThat(refused).isInstanceOf(PostingResult.Refused.class);
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(100));
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }

    @Test
    void aLineInAnotherCurrencyThanItsAccountIsRefused() {
        ledger.post(topUp("t1", 100));
        Currency chf = Currency.of("CHF");

        PostingResult result = ledger.post(JournalEntry.builder(festival, "x", EntryCategory.TOP_UP)
                .description("francs")
                .move(AccountKey.pspClearing(), wallet, Money.of(5, chf))
                .build());

        assertThat(((PostingResult.Refused) result).reason()).isEqualTo(PostingResult.Reason.CURRENCY_MISMATCH);
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(100));
    }

    @Test
    void theDatabaseRefusesAWalletBelowZeroEvenWithoutTheLedger() {
        ledger.post(topUp("t1", 100));
        UUID account = JdbcLedger.accountId(festival, wallet);

        Throwable refused = org.assertj.core.api.Assertions.catchThrowable(
                () -> jdbc.sql("UPDATE ledger_account SET balance = balance + 500 WHERE id = :id")
                        .param("id", account)
                        .update());

        assertThat(refused).isNotNull();
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(100));
    }

    @Test
    void concurrentDebitsNeverTakeAWalletBelowZero() throws Exception {
        ledger.post(topUp("t1", 1_000));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PostingResult>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String key = "s" + i;
                results.add(pool.submit(() -> ledger.post(sale(key, 100))));
            }
            long posted = 0;
            for (Future<PostingResult> result : results) {
                if (result.get(30, TimeUnit.SECONDS).isPosted()) {
                    posted++;
                }
            }
            assertThat(posted).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(0));
        assertThat(ledger.balance(festival, bar, Currency.EUR)).isEqualTo(Money.eur(1_000));
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }

    @Test
    void totalsGroupPostingsByCategoryAndKind() {
        ledger.post(topUp("t1", 1_000));
        ledger.post(sale("s1", 300));

        assertThat(ledger.totals(festival).get(EntryCategory.TOP_UP))
                .containsEntry(AccountKind.WALLET, -1_000L)
                .containsEntry(AccountKind.PSP_CLEARING, 1_000L);
        assertThat(ledger.totals(festival).get(EntryCategory.SALE))
                .containsEntry(AccountKind.WALLET, 300L)
                .containsEntry(AccountKind.POS_REVENUE, -300L);
        assertThat(ledger.history(festival, wallet, 10))
                .extracting(PostedEntry::idempotencyKey)
                .containsExactly("s1", "t1");
    }
}
