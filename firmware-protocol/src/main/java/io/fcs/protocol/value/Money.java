package io.fcs.protocol.value;

import java.util.Objects;

/**
 * An amount of money in integer minor units (cents for EUR) with its currency. There is no
 * floating point anywhere in the money path: arithmetic is exact and overflows throw.
 */
public record Money(long minor, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long minor, Currency currency) {
        return new Money(minor, currency);
    }

    public static Money eur(long cents) {
        return new Money(cents, Currency.EUR);
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minor, other.minor), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minor, other.minor), currency);
    }

    public Money times(long quantity) {
        return new Money(Math.multiplyExact(minor, quantity), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minor), currency);
    }

    public boolean isNegative() {
        return minor < 0;
    }

    public boolean isPositive() {
        return minor > 0;
    }

    public boolean isZero() {
        return minor == 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minor, other.minor);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + this + " with " + other);
        }
    }

    /** Plain display, e.g. {@code 12.50 EUR} or {@code -0.05 EUR}; two minor digits. */
    @Override
    public String toString() {
        // unsigned arithmetic: the magnitude of Long.MIN_VALUE does not fit a signed long
        long magnitude = minor < 0 ? -minor : minor;
        String sign = minor < 0 ? "-" : "";
        return "%s%s.%02d %s"
                .formatted(
                        sign,
                        Long.toUnsignedString(Long.divideUnsigned(magnitude, 100)),
                        Long.remainderUnsigned(magnitude, 100),
                        currency);
    }
}
