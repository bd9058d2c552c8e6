package io.fcs.central.ledger;

import io.fcs.protocol.value.Money;
import java.util.Objects;

/**
 * One line of a journal entry: a signed amount on one account. A debit is positive, a credit is
 * negative; a line of zero says nothing and is refused.
 */
public record JournalLine(AccountKey account, Money amount) {

    public JournalLine {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(amount, "amount");
        if (amount.isZero()) {
            throw new IllegalArgumentException("a journal line of zero on " + account + " says nothing");
        }
    }

    public static JournalLine debit(AccountKey account, Money amount) {
        requirePositive(amount);
        return new JournalLine(account, amount);
    }

    public static JournalLine credit(AccountKey account, Money amount) {
        requirePositive(amount);
        return new JournalLine(account, amount.negate());
    }

    public boolean isDebit() {
        return amount.isPositive();
    }

    private static void requirePositive(Money amount) {
        if (!amount.isPositive()) {
            throw new IllegalArgumentException("a debit or credit is a positive amount, was " + amount);
        }
    }
}
