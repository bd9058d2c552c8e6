package io.fcs.central.ledger;

import io.fcs.central.jdbc.Dialect;
import io.fcs.central.jdbc.MultiRow;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.TerminalId;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger on a relational database (H2 in PostgreSQL mode or PostgreSQL), with plain SQL.
 *
 * <p>Posting order inside the (nested) transaction: claim the idempotency key by inserting the
 * entry row (the unique constraint makes a concurrent second claim wait and then find the first),
 * apply each line to its account's cached balance in a fixed account order (wallet debits as one
 * conditional statement), insert the lines, and finally let the database sum the lines: an
 * unbalanced entry throws and rolls back. A refusal rolls back to the savepoint taken at the start,
 * so nothing of a refused entry remains and the caller's transaction goes on.
 */
@Component
class JdbcLedger implements Ledger {

    /**
     * Shards of the cached balance of each festival-wide account (decision 0141): concurrent
     * postings to one such account (every ticket sale credits the festival's ticket revenue) update
     * different rows instead of queueing on one.
     */
    static final int SHARDS = 16;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate nested;
    private final Clock clock;

    JdbcLedger(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.template = template;
        this.nested = new TransactionTemplate(transactions);
        this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        this.clock = Clock.systemUTC();
    }

    /** The id of an account is derived from its name, so lines never need a lookup to find it. */
    static UUID accountId(FestivalId festival, AccountKey key) {
        return UUID.nameUUIDFromBytes(
                (festival + "|" + key.kind().name() + "|" + key.subject()).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public PostingResult post(JournalEntry entry) {
        return nested.execute(status -> {
            PostingResult result = postInTransaction(entry);
            if (!(result instanceof PostingResult.Posted posted) || posted.replayed()) {
                status.setRollbackOnly();
            }
            return result;
        });
    }

    private PostingResult postInTransaction(JournalEntry entry) {
        String hash = entry.contentHash();
        UUID entryId = UUID.randomUUID();
        Instant now = clock.instant();
        // On PostgreSQL the entry's sequence comes back with the insert, and its lines are checked by
        // the database when they are inserted (decision 0281); H2 reads both back.
        boolean postgres = Dialect.postgres(template);
        var insert = jdbc.sql("""
                        INSERT INTO journal_entry (id, festival_id, idempotency_key, content_hash, category,
                            description, terminal_id, flagged, occurred_at, posted_at)
                        VALUES (:id, :festival, :key, :hash, :category, :description, :terminal, :flagged,
                            :occurredAt, :postedAt)
                        ON CONFLICT DO NOTHING
                        """ + (postgres ? " RETURNING seq" : ""))
                .param("id", entryId)
                .param("festival", entry.festival().value())
                .param("key", entry.idempotencyKey())
                .param("hash", hash)
                .param("category", entry.category().name())
                .param("description", entry.description())
                .param("terminal", entry.terminal().map(TerminalId::value).orElse(null))
                .param("flagged", entry.flagged())
                .param("occurredAt", utc(entry.occurredAt()))
                .param("postedAt", utc(now));
        Optional<Long> returnedSequence = postgres ? insert.query(Long.class).optional() : Optional.empty();
        int claimed = postgres ? (returnedSequence.isPresent() ? 1 : 0) : insert.update();
        if (claimed == 0) {
            return previousPosting(entry, hash);
        }
        List<JournalLine> ordered = new ArrayList<>(entry.lines());
        ordered.sort(Comparator.comparing(line -> accountId(entry.festival(), line.account())));
        int shard = Math.floorMod(entryId.hashCode(), SHARDS);
        for (JournalLine line : ordered) {
            Optional<PostingResult.Refused> refused = line.account().kind().perSubject()
                    ? apply(entry.festival(), line, now)
                    : applyToShard(entry.festival(), line, shard, now);
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        List<Object[]> rows = new ArrayList<>(entry.lines().size());
        int lineNo = 0;
        for (JournalLine line : entry.lines()) {
            rows.add(new Object[] {
                entryId,
                lineNo++,
                accountId(entry.festival(), line.account()),
                line.amount().currency().code(),
                line.amount().minor()
            });
        }
        String lineHead = "INSERT INTO journal_line (entry_id, line_no, account_id, currency, amount)";
        if (postgres) {
            // one statement for all the entry's lines: the database checks they balance (decision 0281)
            MultiRow.insert(template, lineHead, LINE_COLUMNS, null, rows);
            return new PostingResult.Posted(entryId, returnedSequence.orElseThrow(), now, false);
        }
        template.batchUpdate(lineHead + " VALUES (?, ?, ?, ?, ?)", rows);
        List<String> unbalanced =
                jdbc.sql("""
                        SELECT currency FROM journal_line WHERE entry_id = :id
                        GROUP BY currency HAVING SUM(amount) <> 0
                        """).param("id", entryId).query(String.class).list();
        if (!unbalanced.isEmpty()) {
            throw new IllegalStateException("journal entry " + entry.idempotencyKey()
                    + " does not balance in the database in " + unbalanced + "; rolled back");
        }
        long sequence = jdbc.sql("SELECT seq FROM journal_entry WHERE id = :id")
                .param("id", entryId)
                .query(Long.class)
                .single();
        return new PostingResult.Posted(entryId, sequence, now, false);
    }

    @Override
    public Optional<List<PostingResult.Posted>> postAll(List<JournalEntry> entries) {
        if (entries.isEmpty()) {
            return Optional.of(List.of());
        }
        try {
            return nested.execute(status -> {
                Optional<List<PostingResult.Posted>> result = postAllInTransaction(entries);
                if (result.isEmpty()) {
                    status.setRollbackOnly();
                }
                return result;
            });
        } catch (DuplicateKeyException taken) {
            // an idempotency key of the batch is claimed already: rolled back to the savepoint
            return Optional.empty();
        }
    }

    @Override
    public Optional<List<PostingResult.Posted>> postAllInCallersSavepoint(List<JournalEntry> entries) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("posting " + entries.size() + " entries needs the caller's transaction");
        }
        return entries.isEmpty() ? Optional.of(List.of()) : postAllInTransaction(entries);
    }

    private static final List<MultiRow.Column> ENTRY_COLUMNS = List.of(
            MultiRow.Column.UUID,
            MultiRow.Column.UUID,
            MultiRow.Column.TEXT,
            MultiRow.Column.TEXT,
            MultiRow.Column.TEXT,
            MultiRow.Column.TEXT,
            MultiRow.Column.UUID,
            MultiRow.Column.BOOL,
            MultiRow.Column.TIMESTAMPTZ,
            MultiRow.Column.TIMESTAMPTZ);

    private static final List<MultiRow.Column> LINE_COLUMNS = List.of(
            MultiRow.Column.UUID,
            MultiRow.Column.INT,
            MultiRow.Column.UUID,
            MultiRow.Column.TEXT,
            MultiRow.Column.BIGINT);

    private Optional<List<PostingResult.Posted>> postAllInTransaction(List<JournalEntry> entries) {
        Instant now = clock.instant();
        List<UUID> ids = new ArrayList<>(entries.size());
        List<Object[]> entryRows = new ArrayList<>(entries.size());
        for (JournalEntry entry : entries) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            entryRows.add(new Object[] {
                id,
                entry.festival().value(),
                entry.idempotencyKey(),
                entry.contentHash(),
                entry.category().name(),
                entry.description(),
                entry.terminal().map(TerminalId::value).orElse(null),
                entry.flagged(),
                utc(entry.occurredAt()),
                utc(now)
            });
        }
        record Delta(FestivalId festival, AccountKey account, Currency currency) {}
        Map<UUID, Delta> accounts = new TreeMap<>();
        Map<UUID, Long> sums = new HashMap<>();
        // each account's id computed once per batch (a bar's revenue is in every sale)
        record FestivalAccount(FestivalId festival, AccountKey account) {}
        Map<FestivalAccount, UUID> accountIds = new HashMap<>();
        List<Object[]> lineRows = new ArrayList<>();
        for (int e = 0; e < entries.size(); e++) {
            JournalEntry entry = entries.get(e);
            int lineNo = 0;
            for (JournalLine line : entry.lines()) {
                UUID account = accountIds.computeIfAbsent(
                        new FestivalAccount(entry.festival(), line.account()),
                        k -> accountId(k.festival(), k.account()));
                Delta known = accounts.putIfAbsent(
                        account,
                        new Delta(
                                entry.festival(), line.account(), line.amount().currency()));
                if (known != null && !known.currency().equals(line.amount().currency())) {
                    return Optional.empty();
                }
                sums.merge(account, line.amount().minor(), Math::addExact);
                lineRows.add(new Object[] {
                    ids.get(e),
                    lineNo++,
                    account,
                    line.amount().currency().code(),
                    line.amount().minor()
                });
            }
        }
        int shard = Math.floorMod(ids.getFirst().hashCode(), SHARDS);
        // Per-subject accounts in one batch, in account-id order; a wallet's net debit is conditional.
        List<UUID> batched = new ArrayList<>();
        List<Object[]> updates = new ArrayList<>();
        for (Map.Entry<UUID, Delta> account : accounts.entrySet()) {
            long sum = sums.get(account.getKey());
            Delta d = account.getValue();
            if (sum == 0 || !d.account().kind().perSubject()) {
                continue;
            }
            int conditional = d.account().kind() == AccountKind.WALLET && sum > 0 ? 1 : 0;
            batched.add(account.getKey());
            updates.add(new Object[] {sum, account.getKey(), d.currency().code(), conditional});
        }
        // One multi-row insert claims every key (decision 0240); one key taken throws (no conflict
        // clause, decision 0272: it checked each row's unique keys twice), the savepoint is rolled
        // back and the caller goes one by one. On PostgreSQL the accounts' update goes in the same
        // round trip (decision 0279).
        boolean postgres = Dialect.postgres(template);
        String entryHead = "INSERT INTO journal_entry (id, festival_id, idempotency_key, content_hash, category,"
                + " description, terminal_id, flagged, occurred_at, posted_at)";
        Map<UUID, Long> sequences = new HashMap<>();
        int claimed;
        boolean[] updated;
        if (postgres) {
            Set<UUID> done = new HashSet<>();
            List<MultiRow.ArrayStatement> statements = new ArrayList<>(2);
            statements.add(new MultiRow.ArrayStatement(
                    MultiRow.unnest(entryHead, ENTRY_COLUMNS, "RETURNING id, seq"), ENTRY_COLUMNS, entryRows, rs -> {
                        sequences.put(rs.getObject(1, UUID.class), rs.getLong(2));
                    }));
            if (!updates.isEmpty()) {
                statements.add(
                        new MultiRow.ArrayStatement(SUBJECT_ACCOUNTS_UPDATE, SUBJECT_ACCOUNT_COLUMNS, updates, rs -> {
                            done.add(rs.getObject(1, UUID.class));
                        }));
            }
            claimed = MultiRow.inOneRoundTrip(template, statements)[0];
            updated = new boolean[batched.size()];
            for (int i = 0; i < updated.length; i++) {
                updated[i] = done.contains(batched.get(i));
            }
        } else {
            claimed = MultiRow.insert(template, entryHead, null, entryRows);
            updated = updateSubjectAccounts(updates);
        }
        if (claimed != entries.size()) {
            return Optional.empty();
        }
        for (int i = 0; i < updated.length; i++) {
            if (!updated[i]) {
                // Not opened yet, another currency or a wallet short of its debits: decided one by one.
                Delta d = accounts.get(batched.get(i));
                JournalLine net = new JournalLine(d.account(), Money.of(sums.get(batched.get(i)), d.currency()));
                if (apply(d.festival(), net, now).isPresent()) {
                    return Optional.empty();
                }
            }
        }
        for (Map.Entry<UUID, Delta> account : accounts.entrySet()) {
            long sum = sums.get(account.getKey());
            Delta d = account.getValue();
            if (sum == 0 || d.account().kind().perSubject()) {
                continue;
            }
            JournalLine net = new JournalLine(d.account(), Money.of(sum, d.currency()));
            if (applyToShard(d.festival(), net, shard, now).isPresent()) {
                return Optional.empty();
            }
        }
        String lineHead = "INSERT INTO journal_line (entry_id, line_no, account_id, currency, amount)";
        if (postgres) {
            // one statement for all the batch's lines: the database checks that each entry's
            // balance per currency (decision 0281)
            MultiRow.insert(template, lineHead, LINE_COLUMNS, null, lineRows);
        } else {
            MultiRow.insert(template, lineHead, null, lineRows);
            List<UUID> unbalanced =
                    jdbc.sql("""
                            SELECT entry_id FROM journal_line WHERE entry_id IN (:ids)
                            GROUP BY entry_id, currency HAVING SUM(amount) <> 0
                            """).param("ids", ids).query(UUID.class).list();
            if (!unbalanced.isEmpty()) {
                throw new IllegalStateException("journal entries " + unbalanced + " do not balance in the database");
            }
        }
        if (!postgres) {
            jdbc.sql("SELECT id, seq FROM journal_entry WHERE id IN (:ids)")
                    .param("ids", ids)
                    .query(rs -> {
                        sequences.put(rs.getObject("id", UUID.class), rs.getLong("seq"));
                    });
        }
        List<PostingResult.Posted> posted = new ArrayList<>(ids.size());
        for (UUID id : ids) {
            posted.add(new PostingResult.Posted(id, sequences.get(id), now, false));
        }
        return Optional.of(posted);
    }

    /**
     * The per-subject balance updates of a batch on PostgreSQL, rows of (delta, account id,
     * currency, conditional) in account-id order, answering the ids it applied. One {@code UPDATE …
     * FROM unnest(…)} (the arrays in account-id order, which the planner's join follows for a
     * batch's few accounts but does not promise; a deadlock between two batches is retried by
     * {@code RecordIngestion}). A conditional row (a wallet's net debit) applies only while the
     * balance stays within the wallet's money.
     */
    private static final String SUBJECT_ACCOUNTS_UPDATE = """
            UPDATE ledger_account a SET balance = a.balance + d.delta
            FROM unnest(?::int8[], ?::uuid[], ?::text[], ?::int4[]) AS d (delta, id, currency, conditional)
            WHERE a.id = d.id AND a.currency = d.currency
              AND (d.conditional = 0 OR a.balance + d.delta <= 0)
            RETURNING a.id""";

    private static final List<MultiRow.Column> SUBJECT_ACCOUNT_COLUMNS =
            List.of(MultiRow.Column.BIGINT, MultiRow.Column.UUID, MultiRow.Column.TEXT, MultiRow.Column.INT);

    /** {@link #SUBJECT_ACCOUNTS_UPDATE} elsewhere (H2): one batched statement; answers which were applied. */
    private boolean[] updateSubjectAccounts(List<Object[]> updates) {
        boolean[] applied = new boolean[updates.size()];
        if (updates.isEmpty()) {
            return applied;
        }
        List<Object[]> rows = new ArrayList<>(updates.size());
        for (Object[] update : updates) {
            rows.add(new Object[] {update[0], update[1], update[2], update[3], update[0]});
        }
        int[] counts = template.batchUpdate(
                "UPDATE ledger_account SET balance = balance + ? WHERE id = ? AND currency = ?"
                        + " AND (? = 0 OR balance + ? <= 0)",
                rows);
        for (int i = 0; i < counts.length; i++) {
            applied[i] = counts[i] != 0;
        }
        return applied;
    }

    private PostingResult previousPosting(JournalEntry entry, String hash) {
        record Previous(UUID id, long seq, String hash, Instant postedAt) {}
        Previous previous = jdbc.sql("""
                        SELECT id, seq, content_hash, posted_at FROM journal_entry
                        WHERE festival_id = :festival AND idempotency_key = :key
                        """)
                .param("festival", entry.festival().value())
                .param("key", entry.idempotencyKey())
                .query((rs, n) -> new Previous(
                        rs.getObject("id", UUID.class),
                        rs.getLong("seq"),
                        rs.getString("content_hash"),
                        instant(rs, "posted_at")))
                .single();
        if (previous.hash().equals(hash)) {
            return new PostingResult.Posted(previous.id(), previous.seq(), previous.postedAt(), true);
        }
        return new PostingResult.Refused(
                PostingResult.Reason.IDEMPOTENCY_CONFLICT,
                "idempotency key " + entry.idempotencyKey() + " was used for another entry");
    }

    /** Adds one line to its account's cached balance; opens the account at its first line. */
    private Optional<PostingResult.Refused> apply(FestivalId festival, JournalLine line, Instant now) {
        UUID account = accountId(festival, line.account());
        long delta = line.amount().minor();
        String currency = line.amount().currency().code();
        boolean walletDebit = line.account().kind() == AccountKind.WALLET && delta > 0;
        for (int attempt = 0; attempt < 3; attempt++) {
            int updated = walletDebit
                    ? jdbc.sql("""
                                    UPDATE ledger_account SET balance = balance + :delta
                                    WHERE id = :id AND currency = :currency AND balance + :delta <= 0
                                    """)
                            .param("delta", delta)
                            .param("id", account)
                            .param("currency", currency)
                            .update()
                    : jdbc.sql("""
                                    UPDATE ledger_account SET balance = balance + :delta
                                    WHERE id = :id AND currency = :currency
                                    """)
                            .param("delta", delta)
                            .param("id", account)
                            .param("currency", currency)
                            .update();
            if (updated == 1) {
                return Optional.empty();
            }
            Optional<String> existingCurrency = jdbc.sql("SELECT currency FROM ledger_account WHERE id = :id")
                    .param("id", account)
                    .query(String.class)
                    .optional();
            if (existingCurrency.isPresent() && !existingCurrency.get().equals(currency)) {
                return Optional.of(new PostingResult.Refused(
                        PostingResult.Reason.CURRENCY_MISMATCH,
                        line.account() + " is kept in " + existingCurrency.get() + ", not " + currency));
            }
            if (walletDebit) {
                return Optional.of(new PostingResult.Refused(
                        PostingResult.Reason.INSUFFICIENT_FUNDS,
                        "wallet " + line.account().subject() + " cannot pay " + line.amount()));
            }
            if (existingCurrency.isEmpty()) {
                int opened = jdbc.sql("""
                                INSERT INTO ledger_account (id, festival_id, kind, subject, currency, balance, opened_at)
                                VALUES (:id, :festival, :kind, :subject, :currency, :balance, :openedAt)
                                ON CONFLICT DO NOTHING
                                """)
                        .param("id", account)
                        .param("festival", festival.value())
                        .param("kind", line.account().kind().name())
                        .param("subject", line.account().subject())
                        .param("currency", currency)
                        .param("balance", delta)
                        .param("openedAt", utc(now))
                        .update();
                if (opened == 1) {
                    return Optional.empty();
                }
            }
        }
        throw new IllegalStateException("could not apply " + line + " to account " + account);
    }

    /**
     * Adds one line of a festival-wide account to one shard of its cached balance; opens the
     * account (cached base balance zero) and the shard at their first line.
     */
    private Optional<PostingResult.Refused> applyToShard(
            FestivalId festival, JournalLine line, int shard, Instant now) {
        UUID account = accountId(festival, line.account());
        long delta = line.amount().minor();
        String currency = line.amount().currency().code();
        for (int attempt = 0; attempt < 4; attempt++) {
            int updated = jdbc.sql("""
                            UPDATE ledger_balance_shard SET balance = balance + :delta
                            WHERE account_id = :id AND shard = :shard AND currency = :currency
                            """)
                    .param("delta", delta)
                    .param("id", account)
                    .param("shard", shard)
                    .param("currency", currency)
                    .update();
            if (updated == 1) {
                return Optional.empty();
            }
            Optional<String> existingCurrency = jdbc.sql("SELECT currency FROM ledger_account WHERE id = :id")
                    .param("id", account)
                    .query(String.class)
                    .optional();
            if (existingCurrency.isPresent() && !existingCurrency.get().equals(currency)) {
                return Optional.of(new PostingResult.Refused(
                        PostingResult.Reason.CURRENCY_MISMATCH,
                        line.account() + " is kept in " + existingCurrency.get() + ", not " + currency));
            }
            if (existingCurrency.isEmpty()) {
                jdbc.sql("""
                                INSERT INTO ledger_account (id, festival_id, kind, subject, currency, balance, opened_at)
                                VALUES (:id, :festival, :kind, :subject, :currency, 0, :openedAt)
                                ON CONFLICT DO NOTHING
                                """)
                        .param("id", account)
                        .param("festival", festival.value())
                        .param("kind", line.account().kind().name())
                        .param("subject", line.account().subject())
                        .param("currency", currency)
                        .param("openedAt", utc(now))
                        .update();
                continue;
            }
            int opened = jdbc.sql("""
                            INSERT INTO ledger_balance_shard (account_id, shard, currency, balance)
                            VALUES (:id, :shard, :currency, :delta)
                            ON CONFLICT DO NOTHING
                            """)
                    .param("id", account)
                    .param("shard", shard)
                    .param("currency", currency)
                    .param("delta", delta)
                    .update();
            if (opened == 1) {
                return Optional.empty();
            }
        }
        throw new IllegalStateException("could not apply " + line + " to account " + account + " shard " + shard);
    }

    @Override
    public Money balance(FestivalId festival, AccountKey account, Currency currency) {
        return jdbc.sql(
                        "SELECT a.balance + COALESCE((SELECT SUM(s.balance) FROM ledger_balance_shard s"
                                + " WHERE s.account_id = a.id), 0) AS balance, a.currency FROM ledger_account a WHERE a.id = :id")
                .param("id", accountId(festival, account))
                .query((rs, n) ->
                        Money.of(account.kind().natural(rs.getLong("balance")), Currency.of(rs.getString("currency"))))
                .optional()
                .orElse(Money.zero(currency));
    }

    @Override
    public Money lockBalance(FestivalId festival, AccountKey account, Currency currency) {
        if (!account.kind().perSubject()) {
            throw new IllegalArgumentException(
                    account + " is festival-wide: its cached balance is sharded, not lockable");
        }
        return jdbc.sql("SELECT balance, currency FROM ledger_account WHERE id = :id FOR UPDATE")
                .param("id", accountId(festival, account))
                .query((rs, n) ->
                        Money.of(account.kind().natural(rs.getLong("balance")), Currency.of(rs.getString("currency"))))
                .optional()
                .orElse(Money.zero(currency));
    }

    @Override
    public List<AccountBalance> balances(FestivalId festival, AccountKind kind) {
        return jdbc.sql("""
                        SELECT a.subject, a.currency, COALESCE(SUM(l.amount), 0) AS total
                        FROM ledger_account a LEFT JOIN journal_line l ON l.account_id = a.id
                        WHERE a.festival_id = :festival AND a.kind = :kind
                        GROUP BY a.subject, a.currency ORDER BY a.subject
                        """)
                .param("festival", festival.value())
                .param("kind", kind.name())
                .query((rs, n) -> new AccountBalance(
                        new AccountKey(kind, rs.getString("subject")),
                        Money.of(kind.natural(rs.getLong("total")), Currency.of(rs.getString("currency")))))
                .list();
    }

    @Override
    public Map<EntryCategory, Map<AccountKind, Long>> totals(FestivalId festival) {
        Map<EntryCategory, Map<AccountKind, Long>> totals = new EnumMap<>(EntryCategory.class);
        jdbc.sql("""
                        SELECT e.category, a.kind, SUM(l.amount) AS total
                        FROM journal_line l
                        JOIN journal_entry e ON e.id = l.entry_id
                        JOIN ledger_account a ON a.id = l.account_id
                        WHERE e.festival_id = :festival
                        GROUP BY e.category, a.kind
                        """).param("festival", festival.value()).query(rs -> {
            totals.computeIfAbsent(
                            EntryCategory.valueOf(rs.getString("category")), c -> new EnumMap<>(AccountKind.class))
                    .put(AccountKind.valueOf(rs.getString("kind")), rs.getLong("total"));
        });
        return totals;
    }

    @Override
    public Map<UUID, Map<EntryCategory, Map<AccountKind, Long>>> totalsByTerminal(FestivalId festival) {
        Map<UUID, Map<EntryCategory, Map<AccountKind, Long>>> totals = new LinkedHashMap<>();
        jdbc.sql("""
                        SELECT e.terminal_id, e.category, a.kind, SUM(l.amount) AS total
                        FROM journal_line l
                        JOIN journal_entry e ON e.id = l.entry_id
                        JOIN ledger_account a ON a.id = l.account_id
                        WHERE e.festival_id = :festival AND e.terminal_id IS NOT NULL
                        GROUP BY e.terminal_id, e.category, a.kind
                        ORDER BY e.terminal_id
                        """).param("festival", festival.value()).query(rs -> {
            totals.computeIfAbsent(rs.getObject("terminal_id", UUID.class), t -> new EnumMap<>(EntryCategory.class))
                    .computeIfAbsent(
                            EntryCategory.valueOf(rs.getString("category")), c -> new EnumMap<>(AccountKind.class))
                    .put(AccountKind.valueOf(rs.getString("kind")), rs.getLong("total"));
        });
        return totals;
    }

    @Override
    public Optional<PostedEntry> entry(FestivalId festival, String idempotencyKey) {
        return entries(
                        "e.festival_id = :festival AND e.idempotency_key = :key",
                        Map.of("festival", festival.value(), "key", idempotencyKey),
                        "e.seq",
                        1)
                .stream()
                .findFirst();
    }

    @Override
    public Optional<PostedEntry> entryById(FestivalId festival, UUID entryId) {
        return entries(
                        "e.festival_id = :festival AND e.id = :id",
                        Map.of("festival", festival.value(), "id", entryId),
                        "e.seq",
                        1)
                .stream()
                .findFirst();
    }

    @Override
    public List<PostedEntry> history(FestivalId festival, AccountKey account, int limit) {
        return entries(
                "e.festival_id = :festival AND e.id IN (SELECT entry_id FROM journal_line WHERE account_id = :account)",
                Map.of("festival", festival.value(), "account", accountId(festival, account)),
                "e.seq DESC",
                limit);
    }

    @Override
    public List<PostedEntry> journal(FestivalId festival) {
        return entries("e.festival_id = :festival", Map.of("festival", festival.value()), "e.seq", Integer.MAX_VALUE);
    }

    private List<PostedEntry> entries(String where, Map<String, Object> params, String order, int limit) {
        record Row(
                UUID id,
                long seq,
                String key,
                String category,
                String description,
                Instant occurredAt,
                Instant postedAt,
                UUID terminal,
                boolean flagged,
                UUID festival) {}
        List<Row> rows = jdbc.sql("SELECT e.* FROM journal_entry e WHERE " + where + " ORDER BY " + order + " LIMIT "
                        + Math.max(0, limit))
                .params(params)
                .query((rs, n) -> new Row(
                        rs.getObject("id", UUID.class),
                        rs.getLong("seq"),
                        rs.getString("idempotency_key"),
                        rs.getString("category"),
                        rs.getString("description"),
                        instant(rs, "occurred_at"),
                        instant(rs, "posted_at"),
                        rs.getObject("terminal_id", UUID.class),
                        rs.getBoolean("flagged"),
                        rs.getObject("festival_id", UUID.class)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<PostedEntry.Line>> lines = new LinkedHashMap<>();
        jdbc.sql("SELECT l.entry_id, a.kind, a.subject, l.currency, l.amount FROM journal_line l"
                        + " JOIN ledger_account a ON a.id = l.account_id"
                        + " JOIN journal_entry e ON e.id = l.entry_id WHERE " + where
                        + " ORDER BY l.entry_id, l.line_no")
                .params(params)
                .query(rs -> {
                    lines.computeIfAbsent(rs.getObject("entry_id", UUID.class), id -> new ArrayList<>())
                            .add(new PostedEntry.Line(
                                    new AccountKey(AccountKind.valueOf(rs.getString("kind")), rs.getString("subject")),
                                    Money.of(rs.getLong("amount"), Currency.of(rs.getString("currency")))));
                });
        List<PostedEntry> result = new ArrayList<>(rows.size());
        for (Row row : rows) {
            result.add(new PostedEntry(
                    row.id(),
                    row.seq(),
                    FestivalId.of(row.festival()),
                    row.key(),
                    EntryCategory.valueOf(row.category()),
                    row.description(),
                    row.occurredAt(),
                    row.postedAt(),
                    Optional.ofNullable(row.terminal()),
                    row.flagged(),
                    lines.getOrDefault(row.id(), List.of())));
        }
        return result;
    }

    @Override
    public List<AccountKey> verifyCachedBalances(FestivalId festival) {
        return jdbc.sql("""
                        SELECT a.kind, a.subject FROM ledger_account a
                        LEFT JOIN (SELECT l.account_id, SUM(l.amount) AS total FROM journal_line l
                            JOIN ledger_account x ON x.id = l.account_id WHERE x.festival_id = :festival
                            GROUP BY l.account_id) p ON p.account_id = a.id
                        LEFT JOIN (SELECT s.account_id, SUM(s.balance) AS total FROM ledger_balance_shard s
                            JOIN ledger_account y ON y.id = s.account_id WHERE y.festival_id = :festival
                            GROUP BY s.account_id) c ON c.account_id = a.id
                        WHERE a.festival_id = :festival AND a.balance + COALESCE(c.total, 0) <> COALESCE(p.total, 0)
                        """)
                .param("festival", festival.value())
                .query((rs, n) -> new AccountKey(AccountKind.valueOf(rs.getString("kind")), rs.getString("subject")))
                .list();
    }

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
