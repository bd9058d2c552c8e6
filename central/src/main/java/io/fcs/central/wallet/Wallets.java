package io.fcs.central.wallet;

import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.EntryCategory;
import io.fcs.central.ledger.JournalEntry;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.ledger.PostingResult;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.Money;
import io.fcs.protocol.value.WalletId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Wallets and the wristbands that point at them. Every method runs in the caller's transaction
 * (or auto-commits a single statement); money goes through the {@link Ledger} only.
 */
@Component
public class Wallets {

    private final JdbcClient jdbc;
    private final org.springframework.jdbc.core.JdbcTemplate template;
    private final Ledger ledger;
    private final ChangeVersions versions;
    private final CashlessPolicies policies;
    private final Clock clock;

    Wallets(
            JdbcClient jdbc,
            org.springframework.jdbc.core.JdbcTemplate template,
            Ledger ledger,
            ChangeVersions versions,
            CashlessPolicies policies) {
        this.jdbc = jdbc;
        this.template = template;
        this.ledger = ledger;
        this.versions = versions;
        this.policies = policies;
        this.clock = Clock.systemUTC();
    }

    /** A wallet with its ledger balance and what of it is not yet on the wristband. */
    public record Balance(Wallet wallet, Money balance, Money pending) {}

    public Optional<Wallet> byId(WalletId id) {
        return jdbc.sql("SELECT * FROM cashless_wallet WHERE id = :id")
                .param("id", id.value())
                .query(Wallets::wallet)
                .optional();
    }

    public Optional<Wallet> byOwner(FestivalId festival, UUID owner) {
        return jdbc.sql("SELECT * FROM cashless_wallet WHERE festival_id = :f AND owner_id = :o")
                .param("f", festival.value())
                .param("o", owner)
                .query(Wallets::wallet)
                .optional();
    }

    public List<Wallet> ownedBy(UUID owner) {
        return jdbc.sql("SELECT * FROM cashless_wallet WHERE owner_id = :o ORDER BY created_at")
                .param("o", owner)
                .query(Wallets::wallet)
                .list();
    }

    /** The wallet a wristband points at, if the wristband is known. */
    public Optional<Wallet> byWristband(FestivalId festival, String uid) {
        return jdbc.sql("""
                        SELECT w.* FROM cashless_wallet w JOIN cashless_wristband b ON b.wallet_id = w.id
                        WHERE b.festival_id = :f AND b.uid = :uid
                        """)
                .param("f", festival.value())
                .param("uid", uid)
                .query(Wallets::wallet)
                .optional();
    }

    /** The wallets of many wristbands in one read (uid → wallet; unlinked uids are left out). */
    public java.util.Map<String, Wallet> byWristbands(FestivalId festival, Collection<String> uids) {
        java.util.Map<String, Wallet> found = new java.util.HashMap<>();
        if (uids.isEmpty()) {
            return found;
        }
        String[] distinct = new java.util.LinkedHashSet<>(uids).toArray(String[]::new);
        org.springframework.jdbc.core.RowCallbackHandler collect =
                rs -> found.put(rs.getString("linked_uid"), wallet(rs, 0));
        if (io.fcs.central.jdbc.Dialect.postgres(template)) {
            // one array parameter: one statement text and plan for any number of wristbands. Joined
            // to the array's rows rather than `uid = ANY (?)`, whose selectivity PostgreSQL
            // estimates element by element at every execution, planning it anew each time (about
            // as long as running it, decision 0281); a join of the array keeps one cached plan.
            template.query(
                    connection -> {
                        var statement = connection.prepareStatement("""
                                SELECT b.uid AS linked_uid, w.* FROM unnest(?::text[]) AS u (uid)
                                JOIN cashless_wristband b ON b.festival_id = ? AND b.uid = u.uid
                                JOIN cashless_wallet w ON w.id = b.wallet_id
                                """);
                        statement.setArray(1, connection.createArrayOf("text", distinct));
                        statement.setObject(2, festival.value());
                        return statement;
                    },
                    collect);
            return found;
        }
        jdbc.sql("""
                        SELECT b.uid AS linked_uid, w.* FROM cashless_wallet w JOIN cashless_wristband b ON b.wallet_id = w.id
                        WHERE b.festival_id = :f AND b.uid IN (:uids)
                        """)
                .param("f", festival.value())
                .param("uids", java.util.List.of(distinct))
                .query(collect);
        return found;
    }

    /**
     * {@link #onChip} for many records at once: per wallet the summed delta and the highest chip
     * counter: on PostgreSQL one {@code UPDATE … FROM unnest(…)}, elsewhere one statement per wallet
     * in one batch.
     */
    public void onChipAll(java.util.Map<WalletId, long[]> deltaAndCounter) {
        if (deltaAndCounter.isEmpty()) {
            return;
        }
        // In wallet-id order, so that two batches never lock two wallets in opposite orders.
        java.util.Map<WalletId, long[]> ordered =
                new java.util.TreeMap<>(java.util.Comparator.comparing(WalletId::value));
        ordered.putAll(deltaAndCounter);
        if (io.fcs.central.jdbc.Dialect.postgres(template)) {
            updateChips(ordered, null);
            return;
        }
        java.util.List<Object[]> rows = new java.util.ArrayList<>();
        ordered.forEach((wallet, v) -> rows.add(new Object[] {v[0], v[1], wallet.value()}));
        template.batchUpdate(
                "UPDATE cashless_wallet SET chip_balance = chip_balance + ?, chip_counter = GREATEST(chip_counter, ?)"
                        + " WHERE id = ?",
                rows);
    }

    /** The attendee's wallet for the festival, opened at first use. */
    public Wallet forOwner(FestivalId festival, UUID owner) {
        Optional<Wallet> existing = byOwner(festival, owner);
        if (existing.isPresent()) {
            return existing.get();
        }
        open(festival, WalletId.random(), owner);
        return byOwner(festival, owner).orElseThrow();
    }

    /**
     * The wallet of a wristband seen in a terminal record: the one the wristband points at, else
     * the wallet the chip names (opened and linked if central never saw it: wristbands are encoded
     * offline by provisioning), else a new anonymous wallet.
     */
    public Wallet forWristband(FestivalId festival, String uid, Optional<WalletId> chipWallet) {
        Optional<Wallet> linked = byWristband(festival, uid);
        if (linked.isPresent()) {
            return linked.get();
        }
        Wallet wallet = chipWallet
                .flatMap(this::byId)
                .filter(w -> w.festival().equals(festival))
                .orElseGet(() -> {
                    WalletId id = chipWallet.filter(w -> byId(w).isEmpty()).orElseGet(WalletId::random);
                    open(festival, id, null);
                    return byId(id).orElseThrow();
                });
        link(festival, uid, wallet.id());
        return wallet;
    }

    private void open(FestivalId festival, WalletId id, UUID owner) {
        CashlessPolicy policy = policies.of(festival);
        jdbc.sql("""
                        INSERT INTO cashless_wallet (id, festival_id, owner_id, currency, status, chip_balance,
                            chip_counter, offline_allowance, version, created_at)
                        VALUES (:id, :f, :owner, :currency, 'ACTIVE', 0, -1, :allowance, 0, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .param("id", id.value())
                .param("f", festival.value())
                .param("owner", owner)
                .param("currency", policy.currency().code())
                .param("allowance", policy.offlineAllowanceCents())
                .param("now", now())
                .update();
    }

    /** Links a wristband to a wallet; answers false if it is linked to another wallet already. */
    public boolean link(FestivalId festival, String uid, WalletId wallet) {
        int inserted = jdbc.sql("""
                        INSERT INTO cashless_wristband (festival_id, uid, wallet_id, status, linked_at, version)
                        VALUES (:f, :uid, :w, 'ACTIVE', :now, 0) ON CONFLICT DO NOTHING
                        """)
                .param("f", festival.value())
                .param("uid", uid)
                .param("w", wallet.value())
                .param("now", now())
                .update();
        if (inserted == 1) {
            touchWristband(festival, uid);
            return true;
        }
        return byWristband(festival, uid).map(w -> w.id().equals(wallet)).orElse(false);
    }

    /** Wristbands of a wallet: uid and whether it is blocked. */
    public record Band(String uid, boolean blocked, String reason) {}

    public List<Band> wristbands(WalletId wallet) {
        return jdbc.sql(
                        "SELECT uid, status, reason FROM cashless_wristband WHERE wallet_id = :w ORDER BY linked_at, uid")
                .param("w", wallet.value())
                .query((rs, n) ->
                        new Band(rs.getString("uid"), "BLOCKED".equals(rs.getString("status")), rs.getString("reason")))
                .list();
    }

    /**
     * Blocks a wristband (it goes on the deny list edges download). Answers false for an unknown
     * wristband; blocking a blocked one changes nothing.
     */
    public boolean block(FestivalId festival, String uid, String reason) {
        int updated = jdbc.sql("""
                        UPDATE cashless_wristband SET status = 'BLOCKED', reason = :reason, blocked_at = :now
                        WHERE festival_id = :f AND uid = :uid AND status <> 'BLOCKED'
                        """)
                .param("reason", reason)
                .param("now", now())
                .param("f", festival.value())
                .param("uid", uid)
                .update();
        if (updated == 1) {
            touchWristband(festival, uid);
            return true;
        }
        return byWristband(festival, uid).isPresent();
    }

    /**
     * Adds what a terminal record put on (or took off) the wristband chip to what central knows
     * the chip carries, and the chip counter it wrote. A sum, so the order records arrive in does
     * not matter.
     */
    public void onChip(WalletId wallet, long delta, long chipCounter) {
        jdbc.sql("""
                        UPDATE cashless_wallet SET chip_balance = chip_balance + :delta,
                            chip_counter = GREATEST(chip_counter, :counter)
                        WHERE id = :id
                        """)
                .param("delta", delta)
                .param("counter", chipCounter)
                .param("id", wallet.value())
                .update();
    }

    /** After a credit to a wallet, what it holds covers its open offline exposure first. */
    public void coverExposure(Wallet wallet, String cause) {
        FestivalId festival = wallet.festival();
        AccountKey exposure = AccountKey.offlineExposure(wallet.id());
        AccountKey walletAccount = AccountKey.wallet(wallet.id());
        Money balance = ledger.lockBalance(festival, walletAccount, wallet.currency());
        if (!balance.isPositive()) {
            return;
        }
        Money open = ledger.lockBalance(festival, exposure, wallet.currency());
        if (!open.isPositive()) {
            return;
        }
        Money cover = open.isLessThan(balance) ? open : balance;
        PostingResult posted = ledger.post(JournalEntry.builder(festival, "cover:" + cause, EntryCategory.SALE)
                .description("Offline exposure covered by a later credit")
                .move(walletAccount, exposure, cover)
                .build());
        if (!posted.isPosted()) {
            throw new IllegalStateException("covering exposure of " + wallet.id() + " was refused: " + posted);
        }
    }

    /** A new wristband carries nothing yet: everything the wallet holds is pending for it. */
    void resetChip(WalletId wallet) {
        jdbc.sql("UPDATE cashless_wallet SET chip_balance = 0 WHERE id = :id")
                .param("id", wallet.value())
                .update();
    }

    void close(WalletId wallet) {
        jdbc.sql("UPDATE cashless_wallet SET status = 'CLOSED' WHERE id = :id")
                .param("id", wallet.value())
                .update();
    }

    /**
     * {@link #touch(FestivalId, Collection)} and {@link #onChipAll} in one: the chip states in
     * {@code chips} (wallets among {@code wallets}) written in the statement that stamps the change
     * version, on PostgreSQL one {@code UPDATE … FROM unnest(…)} (decision 0276).
     */
    public void touch(FestivalId festival, Collection<WalletId> wallets, java.util.Map<WalletId, long[]> chips) {
        if (chips.isEmpty() || !io.fcs.central.jdbc.Dialect.postgres(template)) {
            onChipAll(chips);
            touch(festival, wallets);
            return;
        }
        java.util.Map<WalletId, long[]> ordered =
                new java.util.TreeMap<>(java.util.Comparator.comparing(WalletId::value));
        wallets.forEach(w -> ordered.put(w, new long[] {0, -1}));
        ordered.putAll(chips);
        if (!updateChips(ordered, festival)) {
            // the festival's first change: its version row is made, and these wallets stamped with it
            touch(festival, wallets);
        }
    }

    /**
     * On PostgreSQL, one {@code UPDATE … FROM unnest(…)} for many wallets: each one's chip delta and
     * highest counter ({@code ordered} in wallet-id order, so that two batches never lock two wallets
     * in opposite orders). With {@code versionOf} the wallets are also stamped with that festival's
     * next change version, bumped in the same statement (decision 0279): the version's row is
     * locked first, as {@link ChangeVersions#next} does, when the statement's first wallet takes
     * it. Answers false, the chip states written but no version stamped, when the festival has no
     * version row yet.
     */
    private boolean updateChips(java.util.Map<WalletId, long[]> ordered, FestivalId versionOf) {
        UUID[] ids = new UUID[ordered.size()];
        Long[] deltas = new Long[ordered.size()];
        Long[] counters = new Long[ordered.size()];
        int i = 0;
        for (var e : ordered.entrySet()) {
            ids[i] = e.getKey().value();
            deltas[i] = e.getValue()[0];
            counters[i++] = e.getValue()[1];
        }
        String chipsFromArrays = """
                UPDATE cashless_wallet w SET chip_balance = w.chip_balance + d.delta,
                    chip_counter = GREATEST(w.chip_counter, d.counter)%s
                FROM unnest(?::uuid[], ?::bigint[], ?::bigint[]) AS d (id, delta, counter)
                WHERE w.id = d.id
                """;
        if (versionOf == null) {
            template.update(connection -> {
                var statement = connection.prepareStatement(chipsFromArrays.formatted(""));
                statement.setArray(1, connection.createArrayOf("uuid", ids));
                statement.setArray(2, connection.createArrayOf("bigint", deltas));
                statement.setArray(3, connection.createArrayOf("bigint", counters));
                return statement;
            });
            return true;
        }
        List<Long> stamped = template.query(
                connection -> {
                    var statement = connection.prepareStatement("WITH v AS (" + ChangeVersions.NEXT_RETURNED + ") "
                            + chipsFromArrays.formatted(", version = COALESCE((SELECT version FROM v), w.version)")
                            + " RETURNING (SELECT version FROM v)");
                    statement.setObject(1, versionOf.value());
                    statement.setArray(2, connection.createArrayOf("uuid", ids));
                    statement.setArray(3, connection.createArrayOf("bigint", deltas));
                    statement.setArray(4, connection.createArrayOf("bigint", counters));
                    return statement;
                },
                (rs, n) -> rs.getObject(1, Long.class));
        return !stamped.isEmpty() && stamped.getFirst() != null;
    }

    /** Marks wallets as changed in the festival's next change version (once per transaction). */
    public void touch(FestivalId festival, Collection<WalletId> wallets) {
        if (wallets.isEmpty()) {
            return;
        }
        long version = versions.next(festival);
        List<UUID> ids = wallets.stream().map(WalletId::value).distinct().toList();
        if (io.fcs.central.jdbc.Dialect.postgres(template)) {
            // one array parameter: the same statement and cached plan for any number of wallets
            template.update(connection -> {
                var statement =
                        connection.prepareStatement("UPDATE cashless_wallet SET version = ? WHERE id = ANY (?)");
                statement.setLong(1, version);
                statement.setArray(2, connection.createArrayOf("uuid", ids.toArray(UUID[]::new)));
                return statement;
            });
            return;
        }
        jdbc.sql("UPDATE cashless_wallet SET version = :v WHERE id IN (:ids)")
                .param("v", version)
                .param("ids", ids)
                .update();
    }

    /** A wristband change is a change of the band (deny list) and of its wallet (its band list). */
    private void touchWristband(FestivalId festival, String uid) {
        long version = versions.next(festival);
        jdbc.sql("UPDATE cashless_wristband SET version = :v WHERE festival_id = :f AND uid = :uid")
                .param("v", version)
                .param("f", festival.value())
                .param("uid", uid)
                .update();
        jdbc.sql("""
                        UPDATE cashless_wallet SET version = :v
                        WHERE id = (SELECT wallet_id FROM cashless_wristband WHERE festival_id = :f AND uid = :uid)
                        """)
                .param("v", version)
                .param("f", festival.value())
                .param("uid", uid)
                .update();
    }

    public Balance balance(Wallet wallet) {
        Money balance = ledger.balance(wallet.festival(), AccountKey.wallet(wallet.id()), wallet.currency());
        return new Balance(
                wallet,
                balance,
                Money.of(Math.subtractExact(balance.minor(), wallet.chipBalance()), wallet.currency()));
    }

    private OffsetDateTime now() {
        return clock.instant().atOffset(ZoneOffset.UTC);
    }

    static Wallet wallet(ResultSet rs, int row) throws SQLException {
        return new Wallet(
                WalletId.of(rs.getObject("id", UUID.class)),
                FestivalId.of(rs.getObject("festival_id", UUID.class)),
                Optional.ofNullable(rs.getObject("owner_id", UUID.class)),
                Currency.of(rs.getString("currency")),
                Wallet.Status.valueOf(rs.getString("status")),
                rs.getLong("chip_balance"),
                rs.getLong("chip_counter"),
                rs.getLong("offline_allowance"),
                rs.getLong("version"));
    }
}
