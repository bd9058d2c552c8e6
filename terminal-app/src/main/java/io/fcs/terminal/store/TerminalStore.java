package io.fcs.terminal.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The terminal's own durable state in one SQLite file (WAL, {@code synchronous=FULL}): the signed
 * and chained outbox of records, the catalogue, deny lists, tickets and check-ins, keys and
 * configuration. Everything a terminal needs to cold-start and trade with no network.
 *
 * <p>Calls are synchronous and may take a few hundred milliseconds during a checkpoint: view
 * models call the store from a background executor, never from the JavaFX thread. One connection,
 * serialised by this object's monitor.
 *
 * <p>Outbox states: {@code STORED} (committed, not yet sent) → {@code SENT} (published to the
 * edge, not acknowledged) → {@code ACKED} (at or below the edge's watermark). Nothing above the
 * watermark is ever deleted.
 */
public final class TerminalStore implements AutoCloseable {

    /** Where a record stands on its way to the edge. */
    public enum OutboxState {
        STORED,
        SENT,
        ACKED
    }

    private static final String[] SCHEMA = {
        """
        CREATE TABLE IF NOT EXISTS outbox (
          seq INTEGER PRIMARY KEY,
          record_id TEXT NOT NULL UNIQUE,
          bytes BLOB NOT NULL,
          hash BLOB NOT NULL,
          state TEXT NOT NULL,
          created_at INTEGER NOT NULL,
          sent_at INTEGER)""",
        "CREATE INDEX IF NOT EXISTS outbox_state ON outbox(state, seq)",
        """
        CREATE TABLE IF NOT EXISTS journal (
          seq INTEGER PRIMARY KEY,
          record_id TEXT NOT NULL,
          kind TEXT NOT NULL,
          uid TEXT,
          amount_minor INTEGER NOT NULL,
          balance_after INTEGER,
          shift_id TEXT,
          operator TEXT,
          authority TEXT,
          detail TEXT,
          at INTEGER NOT NULL,
          voided INTEGER NOT NULL DEFAULT 0)""",
        "CREATE INDEX IF NOT EXISTS journal_uid ON journal(uid, seq)",
        "CREATE INDEX IF NOT EXISTS journal_shift ON journal(shift_id, seq)",
        "CREATE TABLE IF NOT EXISTS setting (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS product (
          code TEXT PRIMARY KEY, name TEXT NOT NULL, price_minor INTEGER NOT NULL,
          category TEXT NOT NULL, position INTEGER NOT NULL)""",
        "CREATE TABLE IF NOT EXISTS deny_wristband (uid TEXT PRIMARY KEY, reason TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS deny_ticket (ticket_id TEXT PRIMARY KEY, reason TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS checkin (
          ticket_id TEXT NOT NULL, uid TEXT, place TEXT NOT NULL, at INTEGER NOT NULL,
          direction TEXT NOT NULL, source TEXT NOT NULL)""",
        "CREATE INDEX IF NOT EXISTS checkin_ticket ON checkin(ticket_id, at)",
        "CREATE TABLE IF NOT EXISTS binding (uid TEXT PRIMARY KEY, ticket_id TEXT NOT NULL UNIQUE, at INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS pending_chip_write (
          uid TEXT PRIMARY KEY, record_id TEXT NOT NULL, state BLOB NOT NULL, at INTEGER NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS unresolved_chip_write (
          uid TEXT NOT NULL, record_id TEXT NOT NULL, reason TEXT NOT NULL, at INTEGER NOT NULL,
          PRIMARY KEY (uid, record_id))""",
        "CREATE TABLE IF NOT EXISTS applied_credit (credit_id TEXT PRIMARY KEY, uid TEXT NOT NULL, amount_minor INTEGER NOT NULL, applied INTEGER NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS offline_spend (
          uid TEXT NOT NULL, period TEXT NOT NULL, amount_minor INTEGER NOT NULL, PRIMARY KEY (uid, period))""",
        """
        CREATE TABLE IF NOT EXISTS shift (
          id TEXT PRIMARY KEY, kind TEXT NOT NULL, staff TEXT NOT NULL, opened_at INTEGER NOT NULL,
          float_minor INTEGER NOT NULL, closed_at INTEGER, counted_minor INTEGER)""",
    };

    /** Setting name prefix of a downlinked pending credit: {@code credit.<id>} = {@code <wallet>:<minor>}. */
    public static final String CREDIT_PREFIX = "credit.";

    static final String CREDIT_KIND = "CREDIT";

    private final Connection connection;
    private final Path file;

    /** Prepared once per SQL text and reused: one connection, serialised by this monitor. */
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    // In-memory views of what the hot paths read (a tap, a scan), kept in step with the tables:
    // every write below goes through this object and updates its view only once SQLite has it.
    private ChainHead head;
    private final Map<String, String> deniedWristbands = new HashMap<>();
    private final Map<String, String> revokedTickets = new HashMap<>();
    private final Map<String, String> ticketByUid = new HashMap<>();
    private final Map<String, String> uidByTicket = new HashMap<>();
    private final Map<String, Passages> passagesByTicket = new HashMap<>();
    private final Map<String, Long> passageCounts = new HashMap<>();
    private final Map<String, PendingChipWrite> pendingWrites = new HashMap<>();
    /** Pending writes known to have landed, deleted with the next transaction (or at close). */
    private final Set<String> landedWrites = new LinkedHashSet<>();

    private final Map<String, Long> offlineSpend = new HashMap<>();
    private final Map<String, String> creditSettings = new LinkedHashMap<>();
    private final Set<String> appliedCredits = new HashSet<>();

    /** The first entry and the latest passage of one ticket. */
    private record Passages(CheckIn firstIn, CheckIn last) {
        Passages with(CheckIn checkIn) {
            CheckIn first = firstIn;
            if (checkIn.direction() == CheckIn.Direction.IN
                    && (first == null || checkIn.at().isBefore(first.at()))) {
                first = checkIn;
            }
            CheckIn latest = last == null || !checkIn.at().isBefore(last.at()) ? checkIn : last;
            return new Passages(first, latest);
        }
    }

    private TerminalStore(Connection connection, Path file) {
        this.connection = connection;
        this.file = file;
    }

    private void loadViews() {
        head = query(
                        "SELECT seq, hash FROM outbox ORDER BY seq DESC LIMIT 1",
                        ps -> {},
                        rs -> new ChainHead(rs.getLong(1), rs.getBytes(2)))
                .stream()
                .findFirst()
                .orElse(null);
        query(
                "SELECT uid, reason FROM deny_wristband",
                ps -> {},
                rs -> deniedWristbands.put(rs.getString(1), rs.getString(2)));
        query(
                "SELECT ticket_id, reason FROM deny_ticket",
                ps -> {},
                rs -> revokedTickets.put(rs.getString(1), rs.getString(2)));
        query("SELECT uid, ticket_id FROM binding", ps -> {}, rs -> {
            rememberBinding(rs.getString(1), rs.getString(2));
            return null;
        });
        query("SELECT ticket_id, uid, place, at, direction, source FROM checkin ORDER BY rowid", ps -> {}, rs -> {
            rememberCheckIn(checkIn(rs));
            return null;
        });
        query(
                "SELECT uid, record_id, state, at FROM pending_chip_write",
                ps -> {},
                rs -> pendingWrites.put(
                        rs.getString(1),
                        new PendingChipWrite(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getBytes(3),
                                Instant.ofEpochMilli(rs.getLong(4)))));
        query(
                "SELECT uid, period, amount_minor FROM offline_spend",
                ps -> {},
                rs -> offlineSpend.put(spendKey(rs.getString(1), rs.getString(2)), rs.getLong(3)));
        query(
                "SELECT name, value FROM setting WHERE name LIKE 'credit.%' ORDER BY rowid",
                ps -> {}, rs -> creditSettings.put(rs.getString(1).substring(CREDIT_PREFIX.length()), rs.getString(2)));
        query("SELECT credit_id FROM applied_credit", ps -> {}, rs -> appliedCredits.add(rs.getString(1)));
    }

    private void rememberBinding(String uid, String ticketId) {
        String previousTicket = ticketByUid.put(uid, ticketId);
        if (previousTicket != null && !previousTicket.equals(ticketId)) {
            uidByTicket.remove(previousTicket);
        }
        String previousUid = uidByTicket.put(ticketId, uid);
        if (previousUid != null && !previousUid.equals(uid)) {
            ticketByUid.remove(previousUid);
        }
    }

    private void rememberCheckIn(CheckIn checkIn) {
        passagesByTicket.merge(
                checkIn.ticketId(), new Passages(null, null).with(checkIn), (old, fresh) -> old.with(checkIn));
        passageCounts.merge(countKey(checkIn.source(), checkIn.direction()), 1L, Long::sum);
    }

    private static String countKey(String source, CheckIn.Direction direction) {
        return source + '\u0000' + direction.name();
    }

    private static String spendKey(String uid, String period) {
        return uid + '\u0000' + period;
    }

    /** Opens (creating if needed) {@code terminal.db} in the data folder. */
    public static TerminalStore open(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
            Path file = dataDir.resolve("terminal.db");
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA journal_mode=WAL");
                statement.execute("PRAGMA synchronous=FULL");
                statement.execute("PRAGMA foreign_keys=ON");
                statement.execute("PRAGMA busy_timeout=5000");
                for (String ddl : SCHEMA) {
                    statement.execute(ddl);
                }
            }
            TerminalStore store = new TerminalStore(connection, file);
            store.loadViews();
            return store;
        } catch (java.io.IOException | SQLException e) {
            throw StoreException.from("open " + dataDir, e);
        }
    }

    public Path file() {
        return file;
    }

    // ---------------------------------------------------------------- outbox and journal

    /** The last record in the chain, or empty for a terminal that never recorded anything. */
    public synchronized Optional<ChainHead> chainHead() {
        return Optional.ofNullable(head);
    }

    /** A spending without the edge, counted against the wristband's allowance of its period. */
    public record OfflineSpend(String uid, String period, long amountMinor) {}

    /**
     * What else one record changes, written in the record's own transaction so that a tap or a
     * scan costs one commit: the wristband's owed chip state, a gate passage, an offline spending.
     */
    public record Effects(
            Optional<PendingChipWrite> pending, Optional<CheckIn> checkIn, Optional<OfflineSpend> offlineSpend) {

        public static Effects pending(Optional<PendingChipWrite> pending) {
            return new Effects(pending, Optional.empty(), Optional.empty());
        }
    }

    /**
     * Commits one signed record and its journal line in one transaction: after this returns the
     * record survives a power cut. Also clears or sets the wristband's pending chip write.
     */
    public synchronized void commit(OutboxEntry entry, JournalLine line, Optional<PendingChipWrite> pending) {
        commit(entry, line, Effects.pending(pending));
    }

    /** Commits one record with everything it changes, in one transaction (one fsync). */
    public synchronized void commit(OutboxEntry entry, JournalLine line, Effects effects) {
        boolean credit = CREDIT_KIND.equals(line.kind());
        Set<String> deletes = new LinkedHashSet<>(landedWrites);
        if (line.uid() != null) {
            deletes.add(line.uid()); // a newer record for this wristband replaces any owed state
        }
        effects.pending().ifPresent(p -> deletes.remove(p.uid()));
        inTransaction(() -> {
            PreparedStatement ps =
                    prepared("INSERT INTO outbox(seq, record_id, bytes, hash, state, created_at) VALUES (?,?,?,?,?,?)");
            ps.setLong(1, entry.sequence());
            ps.setString(2, entry.recordId());
            ps.setBytes(3, entry.bytes().clone());
            ps.setBytes(4, entry.hash().clone());
            ps.setString(5, OutboxState.STORED.name());
            ps.setLong(6, entry.createdAt().toEpochMilli());
            ps.executeUpdate();
            insertJournal(line);
            if (credit) {
                // a pending credit loaded onto the chip: its record id is the credit id; once only
                update(
                        "INSERT OR IGNORE INTO applied_credit(credit_id, uid, amount_minor, applied) VALUES (?,?,?,?)",
                        line.recordId(),
                        line.uid() == null ? "" : line.uid(),
                        line.amountMinor(),
                        line.at().toEpochMilli());
                update("DELETE FROM setting WHERE name = ?", CREDIT_PREFIX + line.recordId());
            }
            for (String uid : deletes) {
                update("DELETE FROM pending_chip_write WHERE uid = ?", uid);
            }
            if (effects.pending().isPresent()) {
                insertPending(effects.pending().get());
            }
            if (effects.checkIn().isPresent()) {
                insertCheckIn(effects.checkIn().get());
            }
            if (effects.offlineSpend().isPresent()) {
                OfflineSpend spend = effects.offlineSpend().get();
                insertOfflineSpend(spend.uid(), spend.period(), spend.amountMinor());
            }
        });
        head = new ChainHead(entry.sequence(), entry.hash());
        for (String uid : deletes) {
            pendingWrites.remove(uid);
        }
        landedWrites.clear();
        effects.pending().ifPresent(p -> pendingWrites.put(p.uid(), p));
        effects.checkIn().ifPresent(this::rememberCheckIn);
        effects.offlineSpend()
                .ifPresent(spend ->
                        offlineSpend.merge(spendKey(spend.uid(), spend.period()), spend.amountMinor(), Long::sum));
        if (credit) {
            appliedCredits.add(line.recordId());
            creditSettings.remove(line.recordId());
        }
    }

    private void insertPending(PendingChipWrite p) throws SQLException {
        PreparedStatement ps =
                prepared("INSERT OR REPLACE INTO pending_chip_write(uid, record_id, state, at) VALUES (?,?,?,?)");
        ps.setString(1, p.uid());
        ps.setString(2, p.recordId());
        ps.setBytes(3, p.chipState());
        ps.setLong(4, p.at().toEpochMilli());
        ps.executeUpdate();
    }

    private void insertCheckIn(CheckIn checkIn) {
        update(
                "INSERT INTO checkin(ticket_id, uid, place, at, direction, source) VALUES (?,?,?,?,?,?)",
                checkIn.ticketId(),
                checkIn.uid(),
                checkIn.place(),
                checkIn.at().toEpochMilli(),
                checkIn.direction().name(),
                checkIn.source());
    }

    private void insertOfflineSpend(String uid, String period, long amountMinor) {
        update("""
                INSERT INTO offline_spend(uid, period, amount_minor) VALUES (?,?,?)
                ON CONFLICT(uid, period) DO UPDATE SET amount_minor = amount_minor + excluded.amount_minor""", uid, period, amountMinor);
    }

    private void insertJournal(JournalLine line) throws SQLException {
        PreparedStatement ps = prepared("""
            INSERT INTO journal(seq, record_id, kind, uid, amount_minor, balance_after, shift_id, operator,
              authority, detail, at) VALUES (?,?,?,?,?,?,?,?,?,?,?)""");
        ps.setLong(1, line.sequence());
        ps.setString(2, line.recordId());
        ps.setString(3, line.kind());
        ps.setString(4, line.uid());
        ps.setLong(5, line.amountMinor());
        if (line.balanceAfter() == null) {
            ps.setNull(6, java.sql.Types.INTEGER);
        } else {
            ps.setLong(6, line.balanceAfter());
        }
        ps.setString(7, line.shiftId());
        ps.setString(8, line.operator());
        ps.setString(9, line.authority());
        ps.setString(10, line.detail());
        ps.setLong(11, line.at().toEpochMilli());
        ps.executeUpdate();
    }

    /** Records still to be delivered (stored, or sent but not acknowledged), oldest first. */
    public synchronized List<OutboxEntry> unacknowledged(int limit) {
        return query(
                OUTBOX_COLUMNS + " FROM outbox WHERE state <> 'ACKED' ORDER BY seq LIMIT ?",
                ps -> ps.setInt(1, limit),
                TerminalStore::outboxEntry);
    }

    /** Records committed but not yet sent, oldest first. */
    public synchronized List<OutboxEntry> stored(int limit) {
        return query(
                OUTBOX_COLUMNS + " FROM outbox WHERE state = 'STORED' ORDER BY seq LIMIT ?",
                ps -> ps.setInt(1, limit),
                TerminalStore::outboxEntry);
    }

    public synchronized void markSent(long fromSequence, long toSequence, Instant at) {
        update(
                "UPDATE outbox SET state = 'SENT', sent_at = ? WHERE seq BETWEEN ? AND ? AND state = 'STORED'",
                at.toEpochMilli(),
                fromSequence,
                toSequence);
    }

    /** Applies the edge's watermark: everything at or below it is acknowledged. */
    public synchronized void acknowledgeUpTo(long watermark) {
        update("UPDATE outbox SET state = 'ACKED' WHERE seq <= ? AND state <> 'ACKED'", watermark);
        long current = setting("sync.watermark").map(Long::parseLong).orElse(0L);
        if (watermark > current) {
            putSetting("sync.watermark", Long.toString(watermark));
        }
    }

    /** Puts sent-but-unacknowledged records back to stored (after a reconnect, to resend them). */
    public synchronized void resendUnacknowledged() {
        update("UPDATE outbox SET state = 'STORED', sent_at = NULL WHERE state = 'SENT'");
    }

    public synchronized long watermark() {
        return setting("sync.watermark").map(Long::parseLong).orElse(0L);
    }

    /**
     * Deletes acknowledged records older than {@code before}, never anything above the edge's
     * watermark and never the chain head (the next record links to its hash).
     */
    public synchronized int pruneAcknowledged(Instant before) {
        long head = chainHead().map(ChainHead::sequence).orElse(0L);
        return update(
                "DELETE FROM outbox WHERE state = 'ACKED' AND seq <= ? AND seq < ? AND created_at < ?",
                watermark(),
                head,
                before.toEpochMilli());
    }

    public synchronized Map<OutboxState, Long> outboxCounts() {
        Map<OutboxState, Long> counts = new LinkedHashMap<>();
        for (OutboxState state : OutboxState.values()) {
            counts.put(state, 0L);
        }
        query("SELECT state, COUNT(*) FROM outbox GROUP BY state", ps -> {}, rs -> {
            counts.put(OutboxState.valueOf(rs.getString(1)), rs.getLong(2));
            return null;
        });
        return counts;
    }

    public synchronized long queueDepth() {
        return query("SELECT COUNT(*) FROM outbox WHERE state <> 'ACKED'", ps -> {}, rs -> rs.getLong(1))
                .getFirst();
    }

    public synchronized Optional<byte[]> recordBytes(long sequence) {
        return query("SELECT bytes FROM outbox WHERE seq = ?", ps -> ps.setLong(1, sequence), rs -> rs.getBytes(1))
                .stream()
                .findFirst();
    }

    public synchronized List<JournalLine> journalForWristband(String uid, int limit) {
        return query(
                "SELECT * FROM journal WHERE uid = ? ORDER BY seq DESC LIMIT ?",
                ps -> {
                    ps.setString(1, uid);
                    ps.setInt(2, limit);
                },
                TerminalStore::journalLine);
    }

    public synchronized List<JournalLine> journalForShift(String shiftId) {
        return query(
                "SELECT * FROM journal WHERE shift_id = ? ORDER BY seq",
                ps -> ps.setString(1, shiftId),
                TerminalStore::journalLine);
    }

    public synchronized List<JournalLine> journalOfKind(String kind) {
        return query(
                "SELECT * FROM journal WHERE kind = ? ORDER BY seq",
                ps -> ps.setString(1, kind),
                TerminalStore::journalLine);
    }

    public synchronized void markVoided(String recordId) {
        update("UPDATE journal SET voided = 1 WHERE record_id = ?", recordId);
    }

    private static final String OUTBOX_COLUMNS = "SELECT seq, record_id, bytes, hash, created_at, state";

    private static OutboxEntry outboxEntry(ResultSet rs) throws SQLException {
        return new OutboxEntry(
                rs.getLong(1),
                rs.getString(2),
                rs.getBytes(3),
                rs.getBytes(4),
                Instant.ofEpochMilli(rs.getLong(5)),
                OutboxState.valueOf(rs.getString(6)));
    }

    private static JournalLine journalLine(ResultSet rs) throws SQLException {
        long balance = rs.getLong("balance_after");
        Long balanceAfter = rs.wasNull() ? null : balance;
        return new JournalLine(
                rs.getLong("seq"),
                rs.getString("record_id"),
                rs.getString("kind"),
                rs.getString("uid"),
                rs.getLong("amount_minor"),
                balanceAfter,
                rs.getString("shift_id"),
                rs.getString("operator"),
                rs.getString("authority"),
                rs.getString("detail"),
                Instant.ofEpochMilli(rs.getLong("at")),
                rs.getInt("voided") != 0);
    }

    // ---------------------------------------------------------------- pending chip writes

    public synchronized Optional<PendingChipWrite> pendingChipWrite(String uid) {
        return Optional.ofNullable(pendingWrites.get(uid));
    }

    public synchronized void putPendingChipWrite(PendingChipWrite pending) {
        try {
            insertPending(pending);
        } catch (SQLException e) {
            throw StoreException.from("pending chip write", e);
        }
        landedWrites.remove(pending.uid());
        pendingWrites.put(pending.uid(), pending);
    }

    /**
     * The wristband carries its owed state now. The row is deleted with the next transaction (or
     * at close), not in a commit of its own: if the terminal dies before, the row comes back and
     * the next tap finds the chip already carrying that record, and clears it then.
     */
    public synchronized void clearPendingChipWrite(String uid) {
        if (pendingWrites.remove(uid) != null) {
            landedWrites.add(uid);
        }
    }

    /**
     * The chip cannot tell whether the pending write of {@code uid} reached it (written over
     * twice elsewhere since): the pending write is dropped and kept as unresolved for
     * reconciliation, in one transaction. The record itself stands in the outbox.
     */
    public synchronized void markChipWriteUnresolved(String uid, String reason, Instant at) {
        PendingChipWrite pending = pendingWrites.get(uid);
        if (pending == null) {
            return;
        }
        inTransaction(() -> {
            update(
                    "INSERT OR REPLACE INTO unresolved_chip_write(uid, record_id, reason, at) VALUES (?,?,?,?)",
                    uid,
                    pending.recordId(),
                    reason,
                    at.toEpochMilli());
            update("DELETE FROM pending_chip_write WHERE uid = ?", uid);
        });
        pendingWrites.remove(uid);
        landedWrites.remove(uid);
    }

    /** A committed record whose chip write could not be resolved from the chip. */
    public record UnresolvedChipWrite(String uid, String recordId, String reason, Instant at) {}

    public synchronized List<UnresolvedChipWrite> unresolvedChipWrites() {
        return query(
                "SELECT uid, record_id, reason, at FROM unresolved_chip_write ORDER BY at, uid",
                ps -> {},
                rs -> new UnresolvedChipWrite(
                        rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4))));
    }

    // ---------------------------------------------------------------- settings, keys, configuration

    public synchronized Optional<String> setting(String name) {
        if (name.startsWith(CREDIT_PREFIX)) {
            return Optional.ofNullable(creditSettings.get(name.substring(CREDIT_PREFIX.length())));
        }
        return query("SELECT value FROM setting WHERE name = ?", ps -> ps.setString(1, name), rs -> rs.getString(1))
                .stream()
                .findFirst();
    }

    public synchronized void putSetting(String name, String value) {
        update("INSERT OR REPLACE INTO setting(name, value) VALUES (?, ?)", name, value);
        rememberSetting(name, value);
    }

    private void rememberSetting(String name, String value) {
        if (name.startsWith(CREDIT_PREFIX)) {
            String creditId = name.substring(CREDIT_PREFIX.length());
            creditSettings.remove(creditId); // a replaced row goes to the end, as its new rowid does
            creditSettings.put(creditId, value);
        }
    }

    /** Stores several settings at once: all of them or, on failure, none. */
    public synchronized void putSettings(Map<String, String> settings) {
        inTransaction(() -> {
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                update(
                        "INSERT OR REPLACE INTO setting(name, value) VALUES (?, ?)",
                        setting.getKey(),
                        setting.getValue());
            }
        });
        settings.forEach(this::rememberSetting);
    }

    /** Every setting whose name starts with {@code prefix}, the prefix cut off, in name order. */
    public synchronized Map<String, String> settings(String prefix) {
        Map<String, String> found = new java.util.TreeMap<>();
        query(
                "SELECT name, value FROM setting WHERE substr(name, 1, ?) = ?",
                ps -> {
                    ps.setInt(1, prefix.length());
                    ps.setString(2, prefix);
                },
                rs -> found.put(rs.getString(1).substring(prefix.length()), rs.getString(2)));
        return found;
    }

    /**
     * Replaces every setting under {@code prefix} by {@code settings} (names without the prefix),
     * in one transaction: a downlinked configuration is complete, what it no longer names goes.
     */
    public synchronized void replaceSettings(String prefix, Map<String, String> settings) {
        if (prefix.isEmpty() || CREDIT_PREFIX.startsWith(prefix) || prefix.startsWith(CREDIT_PREFIX)) {
            throw new IllegalArgumentException("settings under " + prefix + " are not replaced wholesale");
        }
        inTransaction(() -> {
            update("DELETE FROM setting WHERE substr(name, 1, ?) = ?", prefix.length(), prefix);
            for (Map.Entry<String, String> setting : settings.entrySet()) {
                update(
                        "INSERT OR REPLACE INTO setting(name, value) VALUES (?, ?)",
                        prefix + setting.getKey(),
                        setting.getValue());
            }
        });
    }

    // ---------------------------------------------------------------- catalogue

    /** Replaces the whole catalogue (a downlinked price list is complete, never a delta). */
    public synchronized void replaceCatalogue(List<Product> products) {
        inTransaction(() -> {
            update("DELETE FROM product");
            try (PreparedStatement ps = connection.prepareStatement(
                    "INSERT INTO product(code, name, price_minor, category, position) VALUES (?,?,?,?,?)")) {
                int position = 0;
                for (Product product : products) {
                    ps.setString(1, product.code());
                    ps.setString(2, product.name());
                    ps.setLong(3, product.priceMinor());
                    ps.setString(4, product.category());
                    ps.setInt(5, position++);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    public synchronized List<Product> catalogue() {
        return query(
                "SELECT code, name, price_minor, category FROM product ORDER BY position",
                ps -> {},
                rs -> new Product(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
    }

    // ---------------------------------------------------------------- deny lists

    public synchronized void denyWristband(String uid, String reason) {
        if (deniedWristbands.containsKey(uid)) {
            return; // already denied: a re-sent list or a second refusal keeps the first reason
        }
        update("INSERT OR REPLACE INTO deny_wristband(uid, reason) VALUES (?, ?)", uid, reason);
        deniedWristbands.put(uid, reason);
    }

    public synchronized void allowWristband(String uid) {
        if (!deniedWristbands.containsKey(uid)) {
            return;
        }
        update("DELETE FROM deny_wristband WHERE uid = ?", uid);
        deniedWristbands.remove(uid);
    }

    public synchronized Optional<String> wristbandDenied(String uid) {
        return Optional.ofNullable(deniedWristbands.get(uid));
    }

    public synchronized void revokeTicket(String ticketId, String reason) {
        if (revokedTickets.containsKey(ticketId)) {
            return; // a re-sent revocation keeps its first reason
        }
        update("INSERT OR REPLACE INTO deny_ticket(ticket_id, reason) VALUES (?, ?)", ticketId, reason);
        revokedTickets.put(ticketId, reason);
    }

    public synchronized Optional<String> ticketRevoked(String ticketId) {
        return Optional.ofNullable(revokedTickets.get(ticketId));
    }

    // ---------------------------------------------------------------- check-ins and bindings

    public synchronized void recordCheckIn(CheckIn checkIn) {
        insertCheckIn(checkIn);
        rememberCheckIn(checkIn);
    }

    /** The first entry of a ticket, here or broadcast by another gate of the zone. */
    public synchronized Optional<CheckIn> firstEntry(String ticketId) {
        Passages passages = passagesByTicket.get(ticketId);
        return passages == null ? Optional.empty() : Optional.ofNullable(passages.firstIn());
    }

    public synchronized Optional<CheckIn> lastPassage(String ticketId) {
        Passages passages = passagesByTicket.get(ticketId);
        return passages == null ? Optional.empty() : Optional.ofNullable(passages.last());
    }

    private static CheckIn checkIn(ResultSet rs) throws SQLException {
        return new CheckIn(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                Instant.ofEpochMilli(rs.getLong(4)),
                CheckIn.Direction.valueOf(rs.getString(5)),
                rs.getString(6));
    }

    /** Local counters of this gate (source = this terminal). */
    public synchronized long passages(String source, CheckIn.Direction direction) {
        return passageCounts.getOrDefault(countKey(source, direction), 0L);
    }

    public synchronized void bind(String uid, String ticketId, Instant at) {
        update("INSERT OR REPLACE INTO binding(uid, ticket_id, at) VALUES (?,?,?)", uid, ticketId, at.toEpochMilli());
        rememberBinding(uid, ticketId);
    }

    public synchronized Optional<String> ticketOf(String uid) {
        return Optional.ofNullable(ticketByUid.get(uid));
    }

    public synchronized Optional<String> wristbandOf(String ticketId) {
        return Optional.ofNullable(uidByTicket.get(ticketId));
    }

    // ---------------------------------------------------------------- offline allowance, credits

    public synchronized long offlineSpent(String uid, String period) {
        return offlineSpend.getOrDefault(spendKey(uid, period), 0L);
    }

    public synchronized void addOfflineSpend(String uid, String period, long amountMinor) {
        insertOfflineSpend(uid, period, amountMinor);
        offlineSpend.merge(spendKey(uid, period), amountMinor, Long::sum);
    }

    /**
     * Downlinked credits for a wallet not yet loaded onto a wristband, oldest setting first. A
     * credit is loaded once: committing its record (kind {@code CREDIT}, record id = credit id)
     * marks it applied in the same transaction.
     */
    public synchronized List<OwedCredit> owedCredits(String walletId) {
        if (walletId == null || walletId.isEmpty()) {
            return List.of();
        }
        String prefix = walletId + ":";
        if (creditSettings.isEmpty()) {
            return List.of();
        }
        List<OwedCredit> owed = new ArrayList<>();
        creditSettings.forEach((creditId, value) -> {
            if (value.startsWith(prefix) && !appliedCredits.contains(creditId)) {
                OwedCredit.parse(creditId, value.substring(prefix.length())).ifPresent(owed::add);
            }
        });
        return owed;
    }

    /** A credit owed to a wallet: its id (a UUID), amount and currency (absent: the terminal's). */
    public record OwedCredit(String creditId, long amountMinor, Optional<String> currency) {

        /** From {@code <minor>[:<currency>]}; empty when garbled or not positive (never loaded). */
        static Optional<OwedCredit> parse(String creditId, String amount) {
            String[] parts = amount.split(":", -1);
            try {
                long minor = Long.parseLong(parts[0]);
                if (minor <= 0 || parts.length > 2) {
                    return Optional.empty();
                }
                return Optional.of(
                        new OwedCredit(creditId, minor, parts.length == 2 ? Optional.of(parts[1]) : Optional.empty()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** Remembers a pending credit as applied; false if it already was (credits apply once). */
    public synchronized boolean markCreditApplied(String creditId, String uid, long amountMinor, Instant at) {
        appliedCredits.add(creditId);
        return update(
                        "INSERT OR IGNORE INTO applied_credit(credit_id, uid, amount_minor, applied) VALUES (?,?,?,?)",
                        creditId,
                        uid,
                        amountMinor,
                        at.toEpochMilli())
                == 1;
    }

    public synchronized boolean creditApplied(String creditId) {
        return appliedCredits.contains(creditId);
    }

    // ---------------------------------------------------------------- shifts

    public synchronized void openShift(Shift shift) {
        update(
                "INSERT INTO shift(id, kind, staff, opened_at, float_minor) VALUES (?,?,?,?,?)",
                shift.id(),
                shift.kind(),
                shift.staff(),
                shift.openedAt().toEpochMilli(),
                shift.floatMinor());
    }

    public synchronized void closeShift(String id, Instant at, long countedMinor) {
        update("UPDATE shift SET closed_at = ?, counted_minor = ? WHERE id = ?", at.toEpochMilli(), countedMinor, id);
    }

    public synchronized Optional<Shift> openShift(String kind) {
        return query(
                        "SELECT id, kind, staff, opened_at, float_minor, closed_at, counted_minor FROM shift WHERE kind = ? AND closed_at IS NULL ORDER BY opened_at DESC LIMIT 1",
                        ps -> ps.setString(1, kind),
                        rs -> new Shift(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                Instant.ofEpochMilli(rs.getLong(4)),
                                rs.getLong(5)))
                .stream()
                .findFirst();
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    private PreparedStatement prepared(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        } else {
            ps.clearParameters();
        }
        return ps;
    }

    private <T> List<T> query(String sql, Binder binder, RowMapper<T> mapper) {
        try {
            PreparedStatement ps = prepared(sql);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw StoreException.from(sql, e);
        }
    }

    private int update(String sql, Object... parameters) {
        try {
            PreparedStatement ps = prepared(sql);
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw StoreException.from(sql, e);
        }
    }

    private void inTransaction(Work work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw StoreException.from("transaction", e);
        }
    }

    public OptionalLong sizeBytes() {
        try {
            return OptionalLong.of(Files.size(file));
        } catch (java.io.IOException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public synchronized void close() {
        try {
            if (!landedWrites.isEmpty()) {
                inTransaction(() -> {
                    for (String uid : landedWrites) {
                        update("DELETE FROM pending_chip_write WHERE uid = ?", uid);
                    }
                });
                landedWrites.clear();
            }
            for (PreparedStatement ps : statements.values()) {
                ps.close();
            }
            statements.clear();
            connection.close();
        } catch (SQLException e) {
            throw StoreException.from("close", e);
        }
    }
}
