package io.fcs.edge.zone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.fcs.edge.store.Database;
import io.fcs.edge.store.KeyValues;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.WalletId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The zone's replica of every wallet of the festival: central's balances (snapshot, then deltas)
 * minus the debits this edge authorised that central has not yet applied (holds). Decisions on
 * one wallet are serialised on that wallet; each approved debit is written durably before the
 * answer leaves, so a restarted edge never forgets money it let go.
 */
public final class WalletReplica {

    static final String VERSION_KEY = "wallets.version";

    /** Why a tap is refused. */
    public enum Refusal {
        UNKNOWN_WRISTBAND,
        WALLET_BLOCKED,
        WRISTBAND_DENIED,
        INSUFFICIENT_FUNDS,
        WRONG_CURRENCY,
        INVALID_AMOUNT,
        /** Central is unreachable and the wristband spent its offline allowance of the festival day. */
        OFFLINE_ALLOWANCE_SPENT
    }

    /** The outcome of one authorisation. */
    public sealed interface Decision permits Approved, Refused {}

    /** Debit accepted; {@code pendingCreditCents} is what the terminal loads on the chip now. */
    public record Approved(WalletId wallet, long availableAfterCents, long pendingCreditCents) implements Decision {}

    public record Refused(Refusal reason, long availableCents) implements Decision {}

    static final class Wallet {
        final WalletId id;
        long balance;
        long pending;
        String currency;
        boolean blocked;
        long offlineAllowance;
        long held;
        /** Festival day and sum of the debits approved while central was unreachable on that day. */
        String offlineDay;

        long offlineSpent;

        Wallet(WalletId id) {
            this.id = id;
        }

        long available() {
            return balance - held;
        }
    }

    private final Database db;
    private final Map<WalletId, Wallet> wallets = new ConcurrentHashMap<>();
    private final Map<String, WalletId> byUid = new ConcurrentHashMap<>();
    private final DenyList deny;
    private volatile long version;
    private final java.util.concurrent.atomic.AtomicLong lastMark = new java.util.concurrent.atomic.AtomicLong();

    /** Recently approved hold ids (= correlation ids): a resent request gets the same approval. */
    static final int RECENT_APPROVALS = 200_000;

    private final Map<String, Boolean> approvedHolds =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(1024, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > RECENT_APPROVALS;
                }
            });

    /**
     * When the zone runs without central: whether central is unreachable now, and the festival
     * clock whose day the offline allowance renews with. Without central, the replica's balances
     * go stale and other zones spend the same wallets unseen, so each wristband may spend only its
     * offline allowance ({@code offlineAllowanceCents} of central's wallet feed) per festival day.
     */
    public record OfflineRule(
            java.util.function.BooleanSupplier centralUnreachable,
            java.util.function.Supplier<io.fcs.protocol.value.FestivalTime> festivalTime,
            java.time.Clock clock) {}

    private volatile OfflineRule offline = new OfflineRule(
            () -> false, () -> io.fcs.protocol.value.FestivalTime.of("UTC"), java.time.Clock.systemUTC());

    /**
     * This zone's share, in percent, of each wristband's offline allowance (decision 0232): the
     * shares of a festival's zones add up to at most 100, so a wristband spends at most its
     * allowance across all zones while central is unreachable.
     */
    private volatile int offlineSharePercent = 100;

    /** Sets this zone's share of the offline allowance, 0..100 (from central's festival config). */
    public void offlineSharePercent(int percent) {
        if (percent < 0 || percent > 100) {
            throw new IllegalArgumentException("offline share must be 0..100 %, was " + percent);
        }
        this.offlineSharePercent = percent;
    }

    public int offlineSharePercent() {
        return offlineSharePercent;
    }

    /**
     * The share of {@code zone} in central's festival config: {@code zones[].offlineSharePercent}
     * (clamped to 0..100); a zone listed without one (a central that does not send it) gets an
     * equal split, 100 / number of zones; a zone central does not list gets 0, nothing offline.
     */
    public static int offlineShareOf(JsonNode config, String zone) {
        JsonNode zones = config.path("zones");
        for (JsonNode z : zones) {
            if (!zone.equalsIgnoreCase(z.path("id").asText())) {
                continue;
            }
            JsonNode share = z.path("offlineSharePercent");
            if (share.isNumber()) {
                return Math.clamp(share.asLong(), 0, 100);
            }
            return 100 / zones.size();
        }
        return 0;
    }

    /** What a wallet with {@code allowance} may spend in this zone without central: its zone's share. */
    long zoneAllowance(long allowance) {
        return Math.max(0, allowance) / 100 * offlineSharePercent
                + Math.max(0, allowance) % 100 * offlineSharePercent / 100;
    }

    /** Sets how the replica knows that central is unreachable and which festival day it is. */
    public void offlineRule(OfflineRule rule) {
        this.offline = java.util.Objects.requireNonNull(rule, "rule");
    }

    // The sync paths' statements read only the holds between two of central's steps (the
    // partial indexes made below), never every open hold: a zone holds thousands while central is
    // slow or away, and these run at every poll and every acknowledgement.
    static final String ACKED_HOLDS = "SELECT wallet_id, SUM(amount) FROM hold INDEXED BY hold_acked"
            + " WHERE settled = 0 AND acked_at < ? GROUP BY wallet_id";
    static final String SETTLE_ACKED_HOLDS =
            "UPDATE hold INDEXED BY hold_acked SET settled = 1 WHERE settled = 0 AND acked_at < ?";
    static final String TERMINALS_WITH_RECORDED_HOLDS =
            "SELECT DISTINCT terminal_id FROM hold INDEXED BY hold_recorded WHERE settled = 0 AND record_seq IS NOT NULL";
    static final String RECORDED_HOLDS_UNDER = "SELECT wallet_id, SUM(amount) FROM hold INDEXED BY hold_recorded"
            + " WHERE settled = 0 AND terminal_id = ? AND record_seq IS NOT NULL AND record_seq <= ? GROUP BY wallet_id";
    static final String SETTLE_RECORDED_HOLDS_UNDER = "UPDATE hold INDEXED BY hold_recorded SET settled = 1"
            + " WHERE settled = 0 AND terminal_id = ? AND record_seq IS NOT NULL AND record_seq <= ?";
    /** The minute's sweep: approved holds whose record never came (their terminal gave up). */
    static final String UNRECORDED_HOLDS_BEFORE = "SELECT hold_id FROM hold INDEXED BY hold_unrecorded"
            + " WHERE settled = 0 AND record_seq IS NULL AND created_at < ?";

    static final String ACK_RECORDED_HOLDS = "UPDATE hold INDEXED BY hold_unacked SET acked_at = ?"
            + " WHERE terminal_id = ? AND record_seq <= ? AND acked_at IS NULL";

    public WalletReplica(Database db, DenyList deny) {
        this.db = db;
        this.deny = deny;
        db.migrate(
                """
                CREATE TABLE IF NOT EXISTS wallet (
                  wallet_id TEXT PRIMARY KEY, balance INTEGER NOT NULL, pending INTEGER NOT NULL,
                  currency TEXT NOT NULL, blocked INTEGER NOT NULL, allowance INTEGER NOT NULL)""",
                "CREATE TABLE IF NOT EXISTS wristband (uid TEXT PRIMARY KEY, wallet_id TEXT NOT NULL)",
                """
                CREATE TABLE IF NOT EXISTS hold (
                  hold_id TEXT PRIMARY KEY, wallet_id TEXT NOT NULL, amount INTEGER NOT NULL,
                  terminal_id TEXT NOT NULL, created_at INTEGER NOT NULL, settled INTEGER NOT NULL DEFAULT 0,
                  record_seq INTEGER, acked_at INTEGER)""",
                "CREATE INDEX IF NOT EXISTS hold_open ON hold (settled, terminal_id, wallet_id)",
                // for the sync paths' statements below (ACKED_HOLDS and the others)
                "CREATE INDEX IF NOT EXISTS hold_acked ON hold (acked_at) WHERE settled = 0 AND acked_at IS NOT NULL",
                "CREATE INDEX IF NOT EXISTS hold_unacked ON hold (terminal_id, record_seq)"
                        + " WHERE acked_at IS NULL AND record_seq IS NOT NULL",
                // written at each tap, but in time order (the last page only); read by the sweep,
                // which otherwise reads every open hold — millions after an hour without central
                "CREATE INDEX IF NOT EXISTS hold_unrecorded ON hold (created_at) WHERE settled = 0 AND record_seq IS NULL",
                "CREATE INDEX IF NOT EXISTS hold_recorded ON hold (terminal_id, record_seq)"
                        + " WHERE settled = 0 AND record_seq IS NOT NULL",
                """
                CREATE TABLE IF NOT EXISTS offline_spend (
                  hold_id TEXT PRIMARY KEY, wallet_id TEXT NOT NULL, day TEXT NOT NULL, amount INTEGER NOT NULL)""");
        load();
    }

    private void load() {
        db.inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery(
                        "SELECT wallet_id, balance, pending, currency, blocked, allowance FROM wallet")) {
                    while (rs.next()) {
                        Wallet w = new Wallet(WalletId.parse(rs.getString(1)));
                        w.balance = rs.getLong(2);
                        w.pending = rs.getLong(3);
                        w.currency = rs.getString(4);
                        w.blocked = rs.getInt(5) != 0;
                        w.offlineAllowance = rs.getLong(6);
                        wallets.put(w.id, w);
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT uid, wallet_id FROM wristband")) {
                    while (rs.next()) {
                        byUid.put(rs.getString(1), WalletId.parse(rs.getString(2)));
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT hold_id FROM hold WHERE settled = 0 ORDER BY created_at")) {
                    while (rs.next()) {
                        approvedHolds.put(rs.getString(1), Boolean.TRUE);
                    }
                }
                try (ResultSet rs = s.executeQuery("SELECT wallet_id, day, SUM(amount) FROM offline_spend "
                        + "GROUP BY wallet_id, day ORDER BY day")) {
                    while (rs.next()) {
                        Wallet w = wallets.computeIfAbsent(WalletId.parse(rs.getString(1)), Wallet::new);
                        w.offlineDay = rs.getString(2); // the latest day wins
                        w.offlineSpent = rs.getLong(3);
                    }
                }
                try (ResultSet rs = s.executeQuery(
                        "SELECT wallet_id, SUM(amount) FROM hold WHERE settled = 0 GROUP BY wallet_id")) {
                    while (rs.next()) {
                        wallets.computeIfAbsent(WalletId.parse(rs.getString(1)), Wallet::new).held = rs.getLong(2);
                    }
                }
            }
            return null;
        });
        version = new KeyValues(db).getLong(VERSION_KEY, 0);
        lastMark.set(db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(acked_at), 0) FROM hold")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        }));
    }

    public long version() {
        return version;
    }

    public int size() {
        return wallets.size();
    }

    /**
     * Applies central's answer to {@code GET .../wallets?since=} (CONTRACTS.md): upserts every
     * wallet listed and remembers the version, in one transaction.
     */
    public void apply(JsonNode answer) {
        apply(answer, Long.MIN_VALUE);
    }

    /**
     * Applies central's wallet answer to a poll whose request left at {@code fetchMark} (a {@link
     * #syncMark()} taken just before the request) and, in the same step, releases the holds whose
     * records central had confirmed before that mark: central's balances in this answer already
     * include them. Each wallet's new balance and its released holds change together under the
     * wallet's lock, so no tap ever sees a debit or a credit counted twice, or not at all.
     */
    public void apply(JsonNode answer, long fetchMark) {
        long newVersion = answer.path("version").asLong(version);
        JsonNode list = answer.path("wallets");
        Map<WalletId, Long> released = db.inTransaction(c -> {
            Map<WalletId, Long> out = releaseConfirmedBefore(c, fetchMark);
            releaseIncluded(c, answer.path("watermarks")).forEach((id, sum) -> out.merge(id, sum, Long::sum));
            try (PreparedStatement upsert = c.prepareStatement("""
                            INSERT INTO wallet (wallet_id, balance, pending, currency, blocked, allowance)
                            VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(wallet_id) DO UPDATE SET
                            balance = excluded.balance, pending = excluded.pending, currency = excluded.currency,
                            blocked = excluded.blocked, allowance = excluded.allowance""");
                    PreparedStatement band = c.prepareStatement("INSERT INTO wristband (uid, wallet_id) VALUES (?, ?) "
                            + "ON CONFLICT(uid) DO UPDATE SET wallet_id = excluded.wallet_id")) {
                for (JsonNode w : list) {
                    upsert.setString(
                            1, WalletId.parse(w.path("walletId").asText()).toString());
                    upsert.setLong(2, w.path("balanceCents").asLong());
                    upsert.setLong(3, w.path("pendingCents").asLong());
                    upsert.setString(
                            4, Currency.of(w.path("currency").asText("EUR")).code());
                    upsert.setInt(5, w.path("blocked").asBoolean() ? 1 : 0);
                    upsert.setLong(6, w.path("offlineAllowanceCents").asLong());
                    upsert.addBatch();
                    for (JsonNode uid : w.path("wristbands")) {
                        band.setString(1, normaliseUid(uid.asText()));
                        band.setString(2, w.path("walletId").asText());
                        band.addBatch();
                    }
                }
                upsert.executeBatch();
                band.executeBatch();
            }
            KeyValues.put(c, VERSION_KEY, Long.toString(newVersion));
            return out;
        });
        for (JsonNode w : list) {
            WalletId id = WalletId.parse(w.path("walletId").asText());
            Wallet wallet = wallets.computeIfAbsent(id, Wallet::new);
            Long freed = released.remove(id);
            synchronized (wallet) {
                wallet.balance = w.path("balanceCents").asLong();
                wallet.pending = w.path("pendingCents").asLong();
                wallet.currency = w.path("currency").asText("EUR");
                wallet.blocked = w.path("blocked").asBoolean();
                wallet.offlineAllowance = w.path("offlineAllowanceCents").asLong();
                if (freed != null) {
                    wallet.held -= freed;
                }
            }
            for (JsonNode uid : w.path("wristbands")) {
                byUid.put(normaliseUid(uid.asText()), id);
            }
        }
        releaseInMemory(released);
        version = newVersion;
    }

    /**
     * A strictly increasing instant (epoch millis, never below the wall clock nor the last mark):
     * stamps central's confirmations and the start of each wallet poll, so that "confirmed before
     * the poll left" holds even when the wall clock steps back.
     */
    public long syncMark() {
        long wall = System.currentTimeMillis();
        return lastMark.updateAndGet(last -> Math.max(wall, last + 1));
    }

    /** Marks settled, in {@code c}, every open hold confirmed before {@code mark}; answers Σ per wallet. */
    private static Map<WalletId, Long> releaseConfirmedBefore(Connection c, long mark) throws SQLException {
        Map<WalletId, Long> out = new java.util.HashMap<>();
        if (mark == Long.MIN_VALUE) {
            return out;
        }
        try (PreparedStatement find = c.prepareStatement(ACKED_HOLDS);
                PreparedStatement mark1 = c.prepareStatement(SETTLE_ACKED_HOLDS)) {
            find.setLong(1, mark);
            try (ResultSet rs = find.executeQuery()) {
                while (rs.next()) {
                    out.merge(WalletId.parse(rs.getString(1)), rs.getLong(2), Long::sum);
                }
            }
            mark1.setLong(1, mark);
            mark1.executeUpdate();
        }
        return out;
    }

    /**
     * Marks settled, in {@code c}, every open hold whose record is at or under central's watermark
     * for its terminal ({@code watermarks} of the wallet answer, decision 0231): the balances of
     * that answer, with those the replica already has, include it. Answers Σ per wallet.
     */
    private static Map<WalletId, Long> releaseIncluded(Connection c, JsonNode watermarks) throws SQLException {
        Map<WalletId, Long> out = new java.util.HashMap<>();
        if (!watermarks.isArray() || watermarks.isEmpty()) {
            return out;
        }
        Map<String, Long> byTerminal = new java.util.HashMap<>();
        for (JsonNode w : watermarks) {
            long watermark = w.path("watermark").asLong(-1);
            try {
                if (watermark >= 0) {
                    byTerminal.put(
                            io.fcs.protocol.value.TerminalId.parse(
                                            w.path("terminalId").asText())
                                    .toString(),
                            watermark);
                }
            } catch (IllegalArgumentException e) {
                // not a terminal id: releases nothing
            }
        }
        // only the terminals with open recorded holds: a festival has far more terminals than a zone
        java.util.List<String> open = new java.util.ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(TERMINALS_WITH_RECORDED_HOLDS)) {
            while (rs.next()) {
                if (byTerminal.containsKey(rs.getString(1))) {
                    open.add(rs.getString(1));
                }
            }
        }
        if (open.isEmpty()) {
            return out;
        }
        try (PreparedStatement find = c.prepareStatement(RECORDED_HOLDS_UNDER);
                PreparedStatement mark = c.prepareStatement(SETTLE_RECORDED_HOLDS_UNDER)) {
            for (String terminal : open) {
                long watermark = byTerminal.get(terminal);
                find.setString(1, terminal);
                find.setLong(2, watermark);
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        out.merge(WalletId.parse(rs.getString(1)), rs.getLong(2), Long::sum);
                    }
                }
                mark.setString(1, terminal);
                mark.setLong(2, watermark);
                mark.executeUpdate();
            }
        }
        return out;
    }

    /** After the store committed the release: memory follows, wallet by wallet under its lock. */
    private void releaseInMemory(Map<WalletId, Long> released) {
        for (Map.Entry<WalletId, Long> e : released.entrySet()) {
            Wallet w = wallets.get(e.getKey());
            if (w != null) {
                synchronized (w) {
                    w.held -= e.getValue();
                }
            }
        }
    }

    /** A wallet with credit waiting to be loaded onto its wristband (central's {@code pendingCents}). */
    public record Pending(WalletId wallet, long cents, String currency) {}

    /** Every wallet of the replica whose pending credit is positive, in wallet-id order. */
    public java.util.List<Pending> pendingCredits() {
        java.util.List<Pending> out = new java.util.ArrayList<>();
        for (Wallet w : wallets.values()) {
            synchronized (w) {
                if (w.pending > 0) {
                    out.add(new Pending(w.id, w.pending, w.currency));
                }
            }
        }
        out.sort(java.util.Comparator.comparing(p -> p.wallet().toString()));
        return out;
    }

    public static String normaliseUid(String hex) {
        return hex.trim().toLowerCase(Locale.ROOT);
    }

    public boolean isDenied(String uidHex) {
        return deny.wristbandDenied(normaliseUid(uidHex)).isPresent();
    }

    public Optional<WalletId> walletOf(String uidHex) {
        return Optional.ofNullable(byUid.get(normaliseUid(uidHex)));
    }

    /** Available balance (central's balance minus this edge's unsettled holds), if known. */
    public Optional<Long> available(WalletId id) {
        Wallet w = wallets.get(id);
        if (w == null) {
            return Optional.empty();
        }
        synchronized (w) {
            return Optional.of(w.available());
        }
    }

    public long offlineAllowance(WalletId id) {
        Wallet w = wallets.get(id);
        return w == null ? 0 : w.offlineAllowance;
    }

    /**
     * Decides a debit of {@code amountCents} for the wristband {@code uidHex}; on approval the
     * hold {@code holdId} is durable before this returns. The same hold id again answers the
     * first decision's effect without debiting twice.
     */
    public Decision authorise(String uidHex, long amountCents, Currency currency, String holdId, String terminal) {
        return await(authoriseAsync(uidHex, amountCents, currency, holdId, terminal));
    }

    /**
     * As {@link #authorise}, without blocking (decision 0154): the decision is taken at once
     * under the wallet's lock and counted in memory at once, so the next tap of the wallet sees
     * it; the future completes with an approval only when the hold is durable (group commit),
     * on the store's committer thread. If the write fails, memory gives the amount back and the
     * future fails: no answer leaves for a debit the store does not hold.
     */
    public CompletableFuture<Decision> authoriseAsync(
            String uidHex, long amountCents, Currency currency, String holdId, String terminal) {
        if (amountCents < 0) {
            return CompletableFuture.completedFuture(new Refused(Refusal.INVALID_AMOUNT, 0));
        }
        String uid = normaliseUid(uidHex);
        if (deny.wristbandDenied(uid).isPresent()) {
            return CompletableFuture.completedFuture(new Refused(Refusal.WRISTBAND_DENIED, 0));
        }
        WalletId id = byUid.get(uid);
        Wallet w = id == null ? null : wallets.get(id);
        if (w == null) {
            return CompletableFuture.completedFuture(new Refused(Refusal.UNKNOWN_WRISTBAND, 0));
        }
        synchronized (w) {
            if (approvedHolds.containsKey(holdId)) {
                // the same request again (a terminal resends): the same approval, once it is durable
                Approved again = new Approved(w.id, w.available(), Math.max(0, w.pending));
                CompletableFuture<Boolean> first = writing.get(holdId);
                return first == null ? CompletableFuture.completedFuture(again) : first.thenApply(fresh -> again);
            }
            if (w.blocked) {
                return CompletableFuture.completedFuture(new Refused(Refusal.WALLET_BLOCKED, w.available()));
            }
            if (w.currency != null && !w.currency.equals(currency.code())) {
                return CompletableFuture.completedFuture(new Refused(Refusal.WRONG_CURRENCY, w.available()));
            }
            if (w.available() < amountCents) {
                return CompletableFuture.completedFuture(new Refused(Refusal.INSUFFICIENT_FUNDS, w.available()));
            }
            OfflineRule rule = offline;
            String offlineDay = null;
            if (amountCents > 0 && rule.centralUnreachable().getAsBoolean()) {
                offlineDay = rule.festivalTime()
                        .get()
                        .festivalDay(rule.clock().instant())
                        .toString();
                long spent = offlineDay.equals(w.offlineDay) ? w.offlineSpent : 0;
                if (spent + amountCents > zoneAllowance(w.offlineAllowance)) {
                    return CompletableFuture.completedFuture(
                            new Refused(Refusal.OFFLINE_ALLOWANCE_SPENT, w.available()));
                }
            }
            approvedHolds.put(holdId, Boolean.TRUE);
            if (amountCents == 0) {
                return CompletableFuture.completedFuture(new Approved(w.id, w.available(), Math.max(0, w.pending)));
            }
            w.held += amountCents;
            if (offlineDay != null) {
                w.offlineSpent = (offlineDay.equals(w.offlineDay) ? w.offlineSpent : 0) + amountCents;
                w.offlineDay = offlineDay;
            }
            return afterWrite(
                    w,
                    holdId,
                    amountCents,
                    offlineDay,
                    new Approved(w.id, w.available(), Math.max(0, w.pending)),
                    insertHold(holdId, w.id, amountCents, terminal, offlineDay));
        }
    }

    /** Hold writes not yet durable, by hold id: a resent request waits for the first one's. */
    private final Map<String, CompletableFuture<Boolean>> writing = new ConcurrentHashMap<>();

    /**
     * Under the wallet's lock, memory already counts the hold: the approval once the write is
     * durable; the memory given back (off the committer thread, which must not wait for a
     * wallet's lock) when the store failed or already had the hold from before.
     */
    private CompletableFuture<Decision> afterWrite(
            Wallet w,
            String holdId,
            long amount,
            String offlineDay,
            Approved approved,
            CompletableFuture<Boolean> write) {
        writing.put(holdId, write);
        if (write.isDone()) {
            // committed before it was registered: the completion below found nothing to remove
            writing.remove(holdId, write);
        }
        return write.handle((fresh, failure) -> {
                    if (failure != null) {
                        // forgotten before the pending write is: a resend never finds it approved
                        approvedHolds.remove(holdId);
                    }
                    writing.remove(holdId, write);
                    if (failure == null && fresh) {
                        return CompletableFuture.<Decision>completedFuture(approved);
                    }
                    return CompletableFuture.supplyAsync(() -> {
                        synchronized (w) {
                            w.held -= amount;
                            if (offlineDay != null && offlineDay.equals(w.offlineDay)) {
                                w.offlineSpent -= amount;
                            }
                            if (failure != null) {
                                approvedHolds.remove(holdId);
                                throw failure instanceof CompletionException c ? c : new CompletionException(failure);
                            }
                            return (Decision) new Approved(w.id, w.available(), Math.max(0, w.pending));
                        }
                    });
                })
                .thenCompose(Function.identity());
    }

    private static Decision await(CompletableFuture<Decision> decision) {
        try {
            return decision.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw e;
        }
    }

    /**
     * Durable when the future completes, in a transaction shared with the other taps being
     * decided at the same moment (group commit: one fsync for all of them, decision 0150);
     * {@code offlineDay} non-null: approved without central, counted against that day's allowance.
     */
    private CompletableFuture<Boolean> insertHold(
            String holdId, WalletId wallet, long amount, String terminal, String offlineDay) {
        return db.inSharedTransactionAsync(c -> {
            PreparedStatement hold = db.cached(INSERT_HOLD);
            hold.setString(1, holdId);
            hold.setString(2, wallet.toString());
            hold.setLong(3, amount);
            hold.setString(4, terminal);
            hold.setLong(5, Instant.now().toEpochMilli());
            boolean fresh = hold.executeUpdate() == 1;
            if (fresh && offlineDay != null) {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO offline_spend (hold_id, wallet_id, day, amount) VALUES (?, ?, ?, ?)")) {
                    ps.setString(1, holdId);
                    ps.setString(2, wallet.toString());
                    ps.setString(3, offlineDay);
                    ps.setLong(4, amount);
                    ps.executeUpdate();
                }
            }
            return fresh;
        });
    }

    /** What the wristband's wallet spent without central on the current festival day. */
    public long offlineSpentToday(WalletId id) {
        Wallet w = wallets.get(id);
        if (w == null) {
            return 0;
        }
        String today = offline.festivalTime()
                .get()
                .festivalDay(offline.clock().instant())
                .toString();
        synchronized (w) {
            return today.equals(w.offlineDay) ? w.offlineSpent : 0;
        }
    }

    private static final String INSERT_HOLD =
            "INSERT INTO hold (hold_id, wallet_id, amount, terminal_id, created_at) VALUES (?, ?, ?, ?, ?) "
                    + "ON CONFLICT(hold_id) DO NOTHING";

    /**
     * Central has applied the debits of these holds (its balance now includes them): release
     * them so that they are not counted twice.
     */
    public void settle(Iterable<String> holdIds) {
        Map<WalletId, Long> released = db.inTransaction(c -> {
            Map<WalletId, Long> out = new java.util.HashMap<>();
            try (PreparedStatement find =
                            c.prepareStatement("SELECT wallet_id, amount FROM hold WHERE hold_id = ? AND settled = 0");
                    PreparedStatement mark = c.prepareStatement("UPDATE hold SET settled = 1 WHERE hold_id = ?")) {
                for (String holdId : holdIds) {
                    find.setString(1, holdId);
                    try (ResultSet rs = find.executeQuery()) {
                        if (rs.next()) {
                            out.merge(WalletId.parse(rs.getString(1)), rs.getLong(2), Long::sum);
                            mark.setString(1, holdId);
                            mark.executeUpdate();
                        }
                    }
                }
            }
            return out;
        });
        releaseInMemory(released);
    }

    /**
     * A wallet-moving record arrived ({@code signedAmount} > 0 debits, < 0 credits): it takes over
     * the open hold of the same terminal, wallet and amount that this edge authorised, or becomes
     * a hold of its own (an offline sale, a top-up). Runs inside the inbox's transaction; answers
     * the change to apply to memory after commit.
     */
    public long recordArrived(Connection c, String terminal, long sequence, WalletId wallet, long signedAmount)
            throws SQLException {
        try (PreparedStatement find = c.prepareStatement(
                "SELECT hold_id FROM hold WHERE settled = 0 AND record_seq IS NULL AND terminal_id = ? "
                        + "AND wallet_id = ? AND amount = ? ORDER BY created_at LIMIT 1")) {
            find.setString(1, terminal);
            find.setString(2, wallet.toString());
            find.setLong(3, signedAmount);
            try (ResultSet rs = find.executeQuery()) {
                if (rs.next()) {
                    try (PreparedStatement link =
                            c.prepareStatement("UPDATE hold SET record_seq = ? WHERE hold_id = ?")) {
                        link.setLong(1, sequence);
                        link.setString(2, rs.getString(1));
                        link.executeUpdate();
                    }
                    return 0;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO hold (hold_id, wallet_id, amount, terminal_id, created_at, record_seq) VALUES (?, ?, ?, ?, ?, ?) "
                        + "ON CONFLICT(hold_id) DO NOTHING")) {
            ps.setString(1, "rec:" + terminal + ":" + sequence);
            ps.setString(2, wallet.toString());
            ps.setLong(3, signedAmount);
            ps.setString(4, terminal);
            ps.setLong(5, Instant.now().toEpochMilli());
            ps.setLong(6, sequence);
            return ps.executeUpdate() == 1 ? signedAmount : 0;
        }
    }

    /** After the inbox committed: the memory follows what {@link #recordArrived} wrote. */
    public void adjustHeld(WalletId wallet, long delta) {
        if (delta == 0) {
            return;
        }
        Wallet w = wallets.computeIfAbsent(wallet, Wallet::new);
        synchronized (w) {
            w.held += delta;
        }
    }

    /** Credits a top-up this edge approved at once (a negative hold), idempotent on the hold id. */
    public Decision credit(String uidHex, long amountCents, Currency currency, String holdId, String terminal) {
        return await(creditAsync(uidHex, amountCents, currency, holdId, terminal));
    }

    /** As {@link #credit}, without blocking: the approval completes once the credit hold is durable. */
    public CompletableFuture<Decision> creditAsync(
            String uidHex, long amountCents, Currency currency, String holdId, String terminal) {
        if (amountCents <= 0) {
            return CompletableFuture.completedFuture(new Refused(Refusal.INVALID_AMOUNT, 0));
        }
        String uid = normaliseUid(uidHex);
        if (deny.wristbandDenied(uid).isPresent()) {
            return CompletableFuture.completedFuture(new Refused(Refusal.WRISTBAND_DENIED, 0));
        }
        WalletId id = byUid.get(uid);
        Wallet w = id == null ? null : wallets.get(id);
        if (w == null) {
            return CompletableFuture.completedFuture(new Refused(Refusal.UNKNOWN_WRISTBAND, 0));
        }
        synchronized (w) {
            if (w.blocked) {
                return CompletableFuture.completedFuture(new Refused(Refusal.WALLET_BLOCKED, w.available()));
            }
            if (w.currency != null && !w.currency.equals(currency.code())) {
                return CompletableFuture.completedFuture(new Refused(Refusal.WRONG_CURRENCY, w.available()));
            }
            CompletableFuture<Boolean> first = writing.get(holdId);
            if (first != null) {
                // the same top-up again while its credit is being written: the same answer after it
                Approved again = new Approved(w.id, w.available(), Math.max(0, w.pending));
                return first.thenApply(fresh -> again);
            }
            w.held -= amountCents;
            return afterWrite(
                    w,
                    holdId,
                    -amountCents,
                    null,
                    new Approved(w.id, w.available(), Math.max(0, w.pending)),
                    insertHold(holdId, w.id, -amountCents, terminal, null));
        }
    }

    /** Central's watermark for a terminal covers these records: their holds wait for the next balance. */
    public void recordsConfirmed(String terminal, long watermark) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(ACK_RECORDED_HOLDS)) {
                ps.setLong(1, syncMark());
                ps.setString(2, terminal);
                ps.setLong(3, watermark);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * A wallet poll whose request left at {@code fetchStartMillis} (a {@link #syncMark()}) brought
     * nothing new: the replica's balances already include every record central confirmed before
     * that mark, so those holds are released.
     */
    public void settleConfirmedBefore(long fetchStartMillis) {
        settleIncluded(MissingNode.getInstance(), fetchStartMillis);
    }

    /**
     * A wallet answer that changed no wallet: releases the holds confirmed before {@code
     * fetchStartMillis} and those under the answer's per-terminal {@code watermarks} (decision
     * 0231); the replica's balances already include both.
     */
    public void settleIncluded(JsonNode answer, long fetchStartMillis) {
        releaseInMemory(db.inTransaction(c -> {
            Map<WalletId, Long> out = releaseConfirmedBefore(c, fetchStartMillis);
            releaseIncluded(c, answer.path("watermarks")).forEach((id, sum) -> out.merge(id, sum, Long::sum));
            return out;
        }));
    }

    /** Approved taps whose record never came (tap abandoned): release them after {@code age}. */
    public int expireUnrecorded(java.time.Duration age) {
        long before = Instant.now().minus(age).toEpochMilli();
        java.util.List<String> ids = db.inTransaction(c -> {
            java.util.List<String> out = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(UNRECORDED_HOLDS_BEFORE)) {
                ps.setLong(1, before);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
        if (!ids.isEmpty()) {
            settle(ids);
        }
        return ids.size();
    }

    /** Approved holds central has not applied yet; read beside the store's lock (a gauge). */
    public long openHolds() {
        return db.read(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM hold WHERE settled = 0")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /** Σ available over all wallets: the zone's view, for metrics and conservation checks. */
    public long totalAvailable() {
        return wallets.values().stream()
                .mapToLong(w -> {
                    synchronized (w) {
                        return w.available();
                    }
                })
                .sum();
    }
}
