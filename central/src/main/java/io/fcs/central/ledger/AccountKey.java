package io.fcs.central.ledger;

import io.fcs.protocol.value.WalletId;
import java.util.Objects;
import java.util.UUID;

/**
 * Names one account of a festival: its kind and, for kinds with one account per subject, the
 * subject (wallet id, point of sale id, cashier shift id). Festival-wide kinds have the subject
 * {@value #FESTIVAL}.
 */
public record AccountKey(AccountKind kind, String subject) {

    /** The subject of accounts that exist once per festival. */
    public static final String FESTIVAL = "-";

    public AccountKey {
        Objects.requireNonNull(kind, "kind");
        if (!validSubject(subject)) {
            throw new IllegalArgumentException("account subject must be 1-64 of [A-Za-z0-9._:-], was " + subject);
        }
        if (kind.perSubject() == FESTIVAL.equals(subject)) {
            throw new IllegalArgumentException(
                    kind + (kind.perSubject() ? " needs a subject" : " exists once per festival") + ", was " + subject);
        }
    }

    /**
     * {@code [A-Za-z0-9._:-]{1,64}}, checked by hand: a key is made for every line the ledger
     * posts, and the pattern's matcher was a visible share of a batch's posting.
     */
    private static boolean validSubject(String subject) {
        if (subject == null || subject.isEmpty() || subject.length() > 64) {
            return false;
        }
        for (int i = 0; i < subject.length(); i++) {
            char c = subject.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == ':'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public static AccountKey wallet(WalletId wallet) {
        return new AccountKey(AccountKind.WALLET, wallet.toString());
    }

    public static AccountKey posRevenue(UUID pointOfSale) {
        return new AccountKey(AccountKind.POS_REVENUE, pointOfSale.toString());
    }

    /** The cash drawer of one cashier shift (a shift id; terminals give it on every cash record). */
    public static AccountKey cashDrawer(UUID shift) {
        return new AccountKey(AccountKind.CASH_DRAWER, shift.toString());
    }

    public static AccountKey pspClearing() {
        return new AccountKey(AccountKind.PSP_CLEARING, FESTIVAL);
    }

    public static AccountKey pendingCredits() {
        return new AccountKey(AccountKind.PENDING_CREDITS, FESTIVAL);
    }

    public static AccountKey refundsPayable() {
        return new AccountKey(AccountKind.REFUNDS_PAYABLE, FESTIVAL);
    }

    public static AccountKey fees() {
        return new AccountKey(AccountKind.FEES, FESTIVAL);
    }

    /** What a wallet's holder owes for sales beyond the balance (see {@link AccountKind#OFFLINE_EXPOSURE}). */
    public static AccountKey offlineExposure(WalletId wallet) {
        return new AccountKey(AccountKind.OFFLINE_EXPOSURE, wallet.toString());
    }

    public static AccountKey cashSafe() {
        return new AccountKey(AccountKind.CASH_SAFE, FESTIVAL);
    }

    public static AccountKey ticketRevenue() {
        return new AccountKey(AccountKind.TICKET_REVENUE, FESTIVAL);
    }

    public static AccountKey donations() {
        return new AccountKey(AccountKind.DONATIONS, FESTIVAL);
    }

    public static AccountKey bank() {
        return new AccountKey(AccountKind.BANK, FESTIVAL);
    }

    public static AccountKey adjustments() {
        return new AccountKey(AccountKind.ADJUSTMENTS, FESTIVAL);
    }

    /** Readable name, e.g. {@code WAL:3f2c...} or {@code PSP}. */
    public String name() {
        return kind.perSubject() ? kind.code() + ":" + subject : kind.code();
    }

    @Override
    public String toString() {
        return name();
    }
}
