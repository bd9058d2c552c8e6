package io.fcs.central.ledger;

import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The festival books: append-only double-entry postings. This is the truth every balance,
 * reconciliation and export is computed from.
 *
 * <ul>
 *   <li>An entry balances to zero per currency ({@link JournalEntry} refuses to be built
 *       otherwise, and the database transaction checks it again before commit).
 *   <li>Posting is idempotent per (festival, idempotency key): the same content returns the first
 *       result and changes nothing; other content is {@link PostingResult.Reason#IDEMPOTENCY_CONFLICT}.
 *   <li>A wallet never goes below zero: the check and the debit are one conditional statement;
 *       a debit that does not fit is {@link PostingResult.Reason#INSUFFICIENT_FUNDS} and nothing of
 *       the entry is posted. Offline shortfalls are posted to {@link AccountKind#OFFLINE_EXPOSURE}
 *       by the caller, flagged.
 *   <li>Balances are sums of postings; each account caches its balance, updated in the same
 *       transaction as the postings by {@code balance = balance + delta}.
 *   <li>Nothing is ever changed or deleted: corrections are new entries.
 * </ul>
 *
 * <p>{@link #post} joins the caller's transaction when there is one (a refused entry rolls back to
 * a savepoint, so the caller's other work stays) and runs in its own otherwise.
 */
public interface Ledger {

    /** Posts an entry once; see the class comment for the rules. */
    PostingResult post(JournalEntry entry);

    /**
     * Posts many entries set-based, all or none (decision 0143): one batched insert of the entries,
     * one {@code balance = balance + delta} per touched account with the entries' summed delta (a
     * wallet's net debit still the conditional statement), one batched insert of the lines and one
     * balance check. Answers the postings in the order given, or empty when any entry would be
     * refused or was posted before (a wallet short of its summed debits, a key already used, another
     * currency): then nothing of them is posted and the caller posts them one by one with {@link
     * #post}, which decides each exactly. Only entries that debit no wallet or only debit wallets
     * (never credit one) give the same result set-based and one by one; callers keep to that.
     */
    java.util.Optional<List<PostingResult.Posted>> postAll(List<JournalEntry> entries);

    /**
     * {@link #postAll} for a caller that holds a savepoint of its own around this call, or a
     * transaction of its own, and rolls back to it on an empty answer (decisions 0279, 0282): no
     * second savepoint is taken. An idempotency
     * key used before throws {@link org.springframework.dao.DuplicateKeyException} instead of
     * answering empty, and an empty answer may leave some of the entries written until the caller
     * rolls back. Must run inside a transaction.
     */
    java.util.Optional<List<PostingResult.Posted>> postAllInCallersSavepoint(List<JournalEntry> entries);

    /** Natural balance of one account (zero in {@code currency} if it has no postings yet). */
    Money balance(FestivalId festival, AccountKey account, Currency currency);

    /**
     * Natural balance of one account, holding the account's row until the caller's transaction
     * ends (so a decision taken on it, e.g. how much of a sale the wallet covers, cannot be
     * overtaken by a concurrent posting). Must run inside a transaction. Only for accounts of a
     * {@linkplain AccountKind#perSubject() per-subject kind} (wallets, exposures, drawers): the
     * cached balance of a festival-wide account is spread over shards (decision 0141).
     */
    Money lockBalance(FestivalId festival, AccountKey account, Currency currency);

    /** Natural balances of every account of a kind, computed as sums of their postings. */
    List<AccountBalance> balances(FestivalId festival, AccountKind kind);

    /**
     * Sums of postings per category and account kind (raw, debits positive): the figures
     * reconciliation is computed from.
     */
    Map<EntryCategory, Map<AccountKind, Long>> totals(FestivalId festival);

    /** {@link #totals} split by the terminal whose record caused the entry (entries without one left out). */
    Map<java.util.UUID, Map<EntryCategory, Map<AccountKind, Long>>> totalsByTerminal(FestivalId festival);

    /** The entry posted under a key, if any. */
    Optional<PostedEntry> entry(FestivalId festival, String idempotencyKey);

    /** An entry by its id. */
    Optional<PostedEntry> entryById(FestivalId festival, java.util.UUID entryId);

    /** Entries touching one account, newest first. */
    List<PostedEntry> history(FestivalId festival, AccountKey account, int limit);

    /** The whole journal of a festival in posting order (exports). */
    List<PostedEntry> journal(FestivalId festival);

    /**
     * Checks the cached balance of every account of the festival against the sum of its
     * postings; answers the accounts that differ (empty when the books are sound).
     */
    List<AccountKey> verifyCachedBalances(FestivalId festival);
}
