package io.fcs.protocol.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency CHF = Currency.of("CHF");

    @Test
    void addsAndSubtractsExactlyInMinorUnits() {
        assertThat(Money.eur(1050).plus(Money.eur(250))).isEqualTo(Money.eur(1300));
        assertThat(Money.eur(1050).minus(Money.eur(1100))).isEqualTo(Money.eur(-50));
        assertThat(Money.eur(350).times(3)).isEqualTo(Money.eur(1050));
        assertThat(Money.eur(350).negate()).isEqualTo(Money.eur(-350));
        assertThat(Money.zero(Currency.EUR)).isEqualTo(Money.eur(0));
    }

    @Test
    void overflowThrowsInsteadOfWrappingAround() {
        Money max = Money.eur(Long.MAX_VALUE);
        Money min = Money.eur(Long.MIN_VALUE);

        assertThatThrownBy(() -> max.plus(Money.eur(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> min.minus(Money.eur(1))).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> max.times(2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(min::negate).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void amountsOfDifferentCurrenciesNeverMeet() {
        Money francs = Money.of(100, CHF);

        assertThatThrownBy(() -> Money.eur(100).plus(francs))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot combine");
        assertThatThrownBy(() -> Money.eur(100).minus(francs)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.eur(100).compareTo(francs)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.eur(100).isLessThan(francs)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signAndOrderQueriesFollowTheMinorUnits() {
        assertThat(Money.eur(-1).isNegative()).isTrue();
        assertThat(Money.eur(1).isPositive()).isTrue();
        assertThat(Money.eur(0).isZero()).isTrue();
        assertThat(Money.eur(0).isPositive()).isFalse();
        assertThat(Money.eur(1).isLessThan(Money.eur(2))).isTrue();
        assertThat(Money.eur(2).compareTo(Money.eur(2))).isZero();
    }

    @Test
    void printsTwoMinorDigitsWithTheSignInFront() {
        assertThat(Money.eur(1250)).hasToString("12.50 EUR");
        assertThat(Money.eur(-5)).hasToString("-0.05 EUR");
        assertThat(Money.eur(0)).hasToString("0.00 EUR");
        assertThat(Money.eur(Long.MAX_VALUE)).hasToString("92233720368547758.07 EUR");
        assertThat(Money.eur(Long.MIN_VALUE)).hasToString("-92233720368547758.08 EUR");
    }

    @Test
    void aCurrencyIsRequired() {
        assertThatThrownBy(() -> Money.of(1, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void currenciesAreThreeUpperCaseLetters() {
        assertThat(Currency.of("EUR")).isEqualTo(Currency.EUR).hasToString("EUR");
        for (String bad : new String[] {"eur", "EU", "EURO", "E1R", "", " EUR"}) {
            assertThatThrownBy(() -> Currency.of(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Currency.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
