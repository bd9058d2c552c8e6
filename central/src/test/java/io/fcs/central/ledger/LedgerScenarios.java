package io.fcs.central.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.testing.CentralTest;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ledger rules that must hold on both databases: run on H2 by {@link LedgerTest} and on PostgreSQL
 * by {@link LedgerPostgresIT}, with a festival, a wallet and a bar of their own.
 */
abstract class LedgerScenarios extends CentralTest {

    @Autowired
    Ledger ledger;

    @Autowired
    PlatformTransactionManager transactions;

    final FestivalId festival = FestivalId.random();
    final WalletId walletId = WalletId.random();
    final AccountKey wallet = AccountKey.wallet(walletId);
    final AccountKey bar = AccountKey.posRevenue(UUID.randomUUID());

    JournalEntry topUp(String key, long cents) {
        return JournalEntry.builder(festival, key, EntryCategory.TOP_UP)
                .description("top-up")
                .move(AccountKey.pspClearing(), wallet, Money.eur(cents))
                .build();
    }

    JournalEntry sale(String key, long cents) {
        return JournalEntry.builder(festival, key, EntryCategory.SALE)
                .description("beer")
                .move(wallet, bar, Money.eur(cents))
                .build();
    }

    @Test
    void aBatchWithAKeyPostedAlreadyPostsNothingAndTheTransactionGoesOn() {
        ledger.post(topUp("t1", 2_000));
        ledger.post(sale("s1", 100));

        Optional<List<PostingResult.Posted>> batch = new TransactionTemplate(transactions).execute(status -> {
            Optional<List<PostingResult.Posted>> refused = ledger.postAll(List.of(sale("s2", 200), sale("s1", 100)));
            assertThat(ledger.post(sale("s3", 300)).isPosted()).isTrue();
            return refused;
        });

        assertThat(batch).isEmpty();
        assertThat(ledger.entry(festival, "s2")).isEmpty();
        assertThat(ledger.entry(festival, "s3")).isPresent();
        assertThat(ledger.balance(festival, wallet, Currency.EUR)).isEqualTo(Money.eur(1_600));
        assertThat(ledger.balance(festival, bar, Currency.EUR)).isEqualTo(Money.eur(400));
        assertThat(ledger.verifyCachedBalances(festival)).isEmpty();
    }
}
