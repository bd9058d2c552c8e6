package io.fcs.edge.inbox;

import io.fcs.edge.store.Database;
import io.fcs.protocol.record.RecordHash;
import io.fcs.protocol.record.SignedRecord;
import io.fcs.protocol.value.TerminalId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every verified record the edge holds, per terminal and sequence, with its store-and-forward
 * state (stored → sent → confirmed by central's watermark), and each terminal's chain state
 * (local watermark and head hash, central's watermark). Rows are never deleted before central's
 * watermark covers them; confirmed rows stay, as the edge's own proof of what it relayed.
 */
public final class RecordStore {

    /** Store-and-forward state of one record. */
    public enum State {
        STORED(0),
        SENT(1),
        CONFIRMED(2),
        REFUSED_BY_CENTRAL(3);

        private final int code;

        State(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** A terminal's durable chain state. */
    public record ChainState(TerminalId terminal, long watermark, RecordHash head, long centralWatermark) {}

    /** One record to send up: its key and wire bytes. */
    public record Pending(TerminalId terminal, long sequence, byte[] encoded) {}

    private final Database db;

    public RecordStore(Database db) {
        this.db = db;
        db.migrate("""
                CREATE TABLE IF NOT EXISTS record (
                  terminal_id TEXT NOT NULL, seq INTEGER NOT NULL, record_id TEXT NOT NULL,
                  bytes BLOB NOT NULL, state INTEGER NOT NULL, received_at INTEGER NOT NULL,
                  PRIMARY KEY (terminal_id, seq)) WITHOUT ROWID""", """
                CREATE TABLE IF NOT EXISTS chain (
                  terminal_id TEXT PRIMARY KEY, watermark INTEGER NOT NULL, head BLOB NOT NULL,
                  central_watermark INTEGER NOT NULL DEFAULT 0)""", """
                CREATE TABLE IF NOT EXISTS alert (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, at INTEGER NOT NULL, kind TEXT NOT NULL,
                  terminal_id TEXT, seq INTEGER, detail TEXT NOT NULL)""");
    }

    public Database database() {
        return db;
    }

    public List<ChainState> chains() {
        return db.inTransaction(c -> {
            List<ChainState> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT terminal_id, watermark, head, central_watermark FROM chain")) {
                while (rs.next()) {
                    out.add(new ChainState(
                            TerminalId.parse(rs.getString(1)),
                            rs.getLong(2),
                            RecordHash.of(rs.getBytes(3)),
                            rs.getLong(4)));
                }
            }
            return out;
        });
    }

    /** Records held above the local watermark (after gaps), in sequence order: to re-feed a resumed chain. */
    public List<byte[]> heldAbove(TerminalId terminal, long watermark) {
        return db.inTransaction(c -> {
            List<byte[]> out = new ArrayList<>();
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT bytes FROM record WHERE terminal_id = ? AND seq > ? ORDER BY seq")) {
                ps.setString(1, terminal.toString());
                ps.setLong(2, watermark);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getBytes(1));
                    }
                }
            }
            return out;
        });
    }

    public Optional<byte[]> bytesAt(TerminalId terminal, long sequence) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT bytes FROM record WHERE terminal_id = ? AND seq = ?")) {
                ps.setString(1, terminal.toString());
                ps.setLong(2, sequence);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /**
     * Persists newly accepted records and the terminal's chain state in one durable transaction;
     * {@code also} runs inside it (the zone's debits of these records commit with them).
     */
    public void persist(
            TerminalId terminal, List<SignedRecord> accepted, long watermark, RecordHash head, Database.Work<?> also) {
        db.inTransaction(c -> {
            long now = Instant.now().toEpochMilli();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO record (terminal_id, seq, record_id, bytes, state, received_at) VALUES (?, ?, ?, ?, 0, ?) "
                            + "ON CONFLICT(terminal_id, seq) DO NOTHING")) {
                for (SignedRecord r : accepted) {
                    ps.setString(1, terminal.toString());
                    ps.setLong(2, r.record().sequence());
                    ps.setString(3, r.record().id().toString());
                    ps.setBytes(4, r.encoded());
                    ps.setLong(5, now);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            upsertChain(c, terminal, watermark, head);
            if (also != null) {
                also.apply(c);
            }
            return null;
        });
    }

    private static void upsertChain(Connection c, TerminalId terminal, long watermark, RecordHash head)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO chain (terminal_id, watermark, head) VALUES (?, ?, ?) ON CONFLICT(terminal_id) "
                        + "DO UPDATE SET watermark = excluded.watermark, head = excluded.head")) {
            ps.setString(1, terminal.toString());
            ps.setLong(2, watermark);
            ps.setBytes(3, head.bytes());
            ps.executeUpdate();
        }
    }

    public void alert(String kind, TerminalId terminal, long sequence, String detail) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO alert (at, kind, terminal_id, seq, detail) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, Instant.now().toEpochMilli());
                ps.setString(2, kind);
                ps.setString(3, terminal == null ? null : terminal.toString());
                ps.setLong(4, sequence);
                ps.setString(5, detail.length() > 500 ? detail.substring(0, 500) : detail);
                ps.executeUpdate();
            }
            return null;
        });
    }

    public long alertCount() {
        return count("SELECT COUNT(*) FROM alert");
    }

    /** Records not yet covered by central's watermark: the uplink backlog. */
    public long backlog() {
        return count("SELECT COUNT(*) FROM record WHERE state IN (0, 1)");
    }

    public long recordCount() {
        return count("SELECT COUNT(*) FROM record");
    }

    /** Age in ms of the oldest record central has not confirmed (0 when none). */
    public long oldestUnconfirmedAgeMillis() {
        long oldest = count("SELECT COALESCE(MIN(received_at), 0) FROM record WHERE state IN (0, 1)");
        return oldest == 0 ? 0 : Math.max(0, Instant.now().toEpochMilli() - oldest);
    }

    private long count(String sql) {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    // --- uplink side ---

    /** Terminals with records above central's watermark. */
    public List<ChainState> terminalsWithBacklog() {
        return db.inTransaction(c -> {
            List<ChainState> out = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("""
                            SELECT c.terminal_id, c.watermark, c.head, c.central_watermark FROM chain c
                            WHERE EXISTS (SELECT 1 FROM record r WHERE r.terminal_id = c.terminal_id
                                          AND r.seq > c.central_watermark AND r.state IN (0, 1))""")) {
                while (rs.next()) {
                    out.add(new ChainState(
                            TerminalId.parse(rs.getString(1)),
                            rs.getLong(2),
                            RecordHash.of(rs.getBytes(3)),
                            rs.getLong(4)));
                }
            }
            return out;
        });
    }

    /**
     * The next contiguous run of a terminal's records after {@code from - 1}, at most
     * {@code limit} records and about {@code maxBytes} bytes, in sequence order.
     */
    public List<Pending> run(TerminalId terminal, long from, int limit, int maxBytes) {
        return db.inTransaction(c -> {
            List<Pending> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT seq, bytes FROM record WHERE terminal_id = ? AND seq >= ? AND state IN (0, 1) "
                            + "ORDER BY seq LIMIT ?")) {
                ps.setString(1, terminal.toString());
                ps.setLong(2, from);
                ps.setInt(3, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    long expected = from;
                    int bytes = 0;
                    while (rs.next()) {
                        long seq = rs.getLong(1);
                        byte[] encoded = rs.getBytes(2);
                        if (seq != expected || (bytes + encoded.length > maxBytes && !out.isEmpty())) {
                            break;
                        }
                        out.add(new Pending(terminal, seq, encoded));
                        bytes += encoded.length + 2;
                        expected++;
                    }
                }
            }
            return out;
        });
    }

    public void markSent(TerminalId terminal, long first, long last) {
        setState(terminal, first, last, State.SENT, State.STORED);
    }

    /**
     * Central's watermark for a terminal moved: every record up to it is confirmed (kept, never
     * resent); refused sequences are marked so. Returns how many records became confirmed.
     */
    public long confirm(TerminalId terminal, long centralWatermark, List<Long> refused) {
        return db.inTransaction(c -> {
            long changed;
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE record SET state = 2 WHERE terminal_id = ? AND seq <= ? AND state IN (0, 1)")) {
                ps.setString(1, terminal.toString());
                ps.setLong(2, centralWatermark);
                changed = ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE record SET state = 3 WHERE terminal_id = ? AND seq = ?")) {
                for (long seq : refused) {
                    ps.setString(1, terminal.toString());
                    ps.setLong(2, seq);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE chain SET central_watermark = MAX(central_watermark, ?) WHERE terminal_id = ?")) {
                ps.setLong(1, centralWatermark);
                ps.setString(2, terminal.toString());
                ps.executeUpdate();
            }
            return changed;
        });
    }

    /** Central's watermark went back: records above it are to be sent again. */
    public void rewind(TerminalId terminal, long centralWatermark) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE record SET state = 0 WHERE terminal_id = ? AND seq > ? AND state IN (1, 2)")) {
                ps.setString(1, terminal.toString());
                ps.setLong(2, centralWatermark);
                ps.executeUpdate();
            }
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE chain SET central_watermark = ? WHERE terminal_id = ?")) {
                ps.setLong(1, Math.max(0, centralWatermark));
                ps.setString(2, terminal.toString());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private void setState(TerminalId terminal, long first, long last, State to, State from) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE record SET state = ? WHERE terminal_id = ? AND seq BETWEEN ? AND ? AND state = ?")) {
                ps.setInt(1, to.code());
                ps.setString(2, terminal.toString());
                ps.setLong(3, first);
                ps.setLong(4, last);
                ps.setInt(5, from.code());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public long countInState(State state) {
        return count("SELECT COUNT(*) FROM record WHERE state = " + state.code());
    }
}
