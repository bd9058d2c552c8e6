package io.fcs.central.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class JournalEntryTest {

    private final FestivalId festival = FestivalId.random();
    private final AccountKey wallet = AccountKey.wallet(WalletId.random());
    private final AccountKey bar = AccountKey.posRevenue(UUID.randomUUID());

    @Test
    void anEntryWhoseLinesDoNotSumToZeroCannotBeBuilt() {
        assertThatThrownBy(() -> JournalEntry.builder(festival, "k1", EntryCategory.SALE)
                        .description("beer")
                        .debit(wallet, Money.eur(500))
                        .credit(bar, Money.eur(499))
                        .build())
                .isInstanceOf(UnbalancedEntryException.class)
                .satisfies(e ->
                        assertThat(((UnbalancedEntryException) e).imbalance()).containsEntry(Currency.EUR, 1L));
    }

    @Test
    void anEntryMustBalanceInEveryCurrencyOnItsOwn() {
        Currency chf = Currency.of("CHF");
        assertThatThrownBy(() -> new JournalEntry(
                        festival,
                        "k1",
                        EntryCategory.ADJUSTMENT,
                        "mixed",
                        Instant.EPOCH,
                        Optional.empty(),
                        false,
                        List.of(
                                JournalLine.debit(wallet, Money.eur(100)),
                                JournalLine.credit(bar, Money.of(100, chf)))))
                .isInstanceOf(UnbalancedEntryException.class);
    }

    @Test
    void aSingleLineOrAZeroLineIsRefused() {
        assertThatThrownBy(() -> new JournalLine(wallet, Money.eur(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new JournalEntry(
                        festival,
                        "k",
                        EntryCategory.SALE,
                        "one",
                        Instant.EPOCH,
                        Optional.empty(),
                        false,
                        List.of(JournalLine.debit(wallet, Money.eur(1)))))
                .hasMessageContaining("at least two lines");
        assertThatThrownBy(() -> JournalLine.debit(wallet, Money.eur(-5))).hasMessageContaining("positive");
    }

    @Test
    void idempotencyKeysAreBoundedAndNotBlank() {
        assertThatThrownBy(() -> JournalEntry.builder(festival, " ", EntryCategory.SALE)
                        .description("x")
                        .move(wallet, bar, Money.eur(1))
                        .build())
                .hasMessageContaining("idempotency key");
        assertThatThrownBy(() -> JournalEntry.builder(festival, "k".repeat(201), EntryCategory.SALE)
                        .description("x")
                        .move(wallet, bar, Money.eur(1))
                        .build())
                .hasMessageContaining("idempotency key");
    }

    @Test
    void moveDebitsTheSourceAndCreditsTheDestination() {
        JournalEntry sale = JournalEntry.builder(festival, "k", EntryCategory.SALE)
                .description("beer")
                .move(wallet, bar, Money.eur(450))
                .build();
        assertThat(sale.lines())
                .containsExactly(new JournalLine(wallet, Money.eur(450)), new JournalLine(bar, Money.eur(-450)));
    }

    @Test
    void theContentHashIgnoresLineOrderAndTimeButNotAmounts() {
        JournalEntry a = JournalEntry.builder(festival, "k", EntryCategory.SALE)
                .description("beer")
                .occurredAt(Instant.EPOCH)
                .debit(wallet, Money.eur(450))
                .credit(bar, Money.eur(450))
                .build();
        JournalEntry reordered = JournalEntry.builder(festival, "k", EntryCategory.SALE)
                .description("beer")
                .occurredAt(Instant.EPOCH.plusSeconds(5))
                .credit(bar, Money.eur(450))
                .debit(wallet, Money.eur(450))
                .build();
        JournalEntry other = JournalEntry.builder(festival, "k", EntryCategory.SALE)
                .description("beer")
                .move(wallet, bar, Money.eur(451))
                .build();
        assertThat(reordered.contentHash()).isEqualTo(a.contentHash());
        assertThat(other.contentHash()).isNotEqualTo(a.contentHash());
    }

    @Test
    void accountsPerSubjectNeedASubjectAndFestivalAccountsRefuseOne() {
        assertThatThrownBy(() -> new AccountKey(AccountKind.WALLET, AccountKey.FESTIVAL))
                .hasMessageContaining("needs a subject");
        assertThatThrownBy(() -> new AccountKey(AccountKind.PSP_CLEARING, "x"))
                .hasMessageContaining("once per festival");
        assertThatThrownBy(() -> new AccountKey(AccountKind.WALLET, "a b"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void naturalBalancesPutTheNormalSideFirst() {
        assertThat(AccountKind.WALLET.natural(-1200)).isEqualTo(1200);
        assertThat(AccountKind.CASH_DRAWER.natural(1200)).isEqualTo(1200);
        for (AccountKind kind : AccountKind.values()) {
            assertThat(AccountKind.fromCode(kind.code())).isEqualTo(kind);
            assertThat(kind.pcgNumber()).matches("[1-7][0-9]{5}");
        }
    }
}
