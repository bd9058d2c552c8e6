package io.fcs.edge.zone;

import com.fasterxml.jackson.databind.JsonNode;
import io.fcs.edge.store.Database;
import io.fcs.edge.store.KeyValues;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wristbands, tickets and terminals central has denied (lost, refunded, revoked), kept durably
 * with their reason and served from memory to the authorisation path.
 */
public final class DenyList {

    static final String VERSION_KEY = "deny.version";

    public enum Kind {
        WRISTBAND,
        TICKET,
        TERMINAL
    }

    private final Database db;
    private final Map<String, String> entries = new ConcurrentHashMap<>();
    private volatile long version;

    public DenyList(Database db) {
        this.db = db;
        db.migrate("CREATE TABLE IF NOT EXISTS deny (kind TEXT NOT NULL, id TEXT NOT NULL, reason TEXT NOT NULL, "
                + "revoked_at TEXT, PRIMARY KEY (kind, id))");
        db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT kind, id, reason FROM deny")) {
                while (rs.next()) {
                    entries.put(key(Kind.valueOf(rs.getString(1)), rs.getString(2)), rs.getString(3));
                }
            }
            return null;
        });
        version = new KeyValues(db).getLong(VERSION_KEY, 0);
    }

    private static String key(Kind kind, String id) {
        return kind + ":" + id.trim().toLowerCase(java.util.Locale.ROOT);
    }

    public long version() {
        return version;
    }

    public Optional<String> wristbandDenied(String uidHex) {
        return Optional.ofNullable(entries.get(key(Kind.WRISTBAND, uidHex)));
    }

    public Optional<String> ticketDenied(String ticketId) {
        return Optional.ofNullable(entries.get(key(Kind.TICKET, ticketId)));
    }

    public Optional<String> terminalDenied(String terminalId) {
        return Optional.ofNullable(entries.get(key(Kind.TERMINAL, terminalId)));
    }

    /** Central's {@code GET .../deny-list?since=} answer: adds the entries, remembers the version. */
    public void apply(JsonNode answer) {
        long newVersion = answer.path("version").asLong(version);
        Map<String, String[]> rows = new java.util.LinkedHashMap<>();
        for (JsonNode w : answer.path("wristbands")) {
            rows.put(key(Kind.WRISTBAND, w.path("uid").asText()), new String[] {
                Kind.WRISTBAND.name(), w.path("uid").asText(), w.path("reason").asText("denied"), null
            });
        }
        for (JsonNode t : answer.path("tickets")) {
            rows.put(key(Kind.TICKET, t.path("ticketId").asText()), new String[] {
                Kind.TICKET.name(),
                t.path("ticketId").asText(),
                t.path("reason").asText("revoked"),
                null
            });
        }
        for (JsonNode t : answer.path("terminals")) {
            rows.put(key(Kind.TERMINAL, t.path("terminalId").asText()), new String[] {
                Kind.TERMINAL.name(),
                t.path("terminalId").asText(),
                t.path("reason").asText("revoked"),
                t.path("revokedAt").asText(null)
            });
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO deny (kind, id, reason, revoked_at) VALUES (?, ?, ?, ?) "
                            + "ON CONFLICT(kind, id) DO UPDATE SET reason = excluded.reason, revoked_at = excluded.revoked_at")) {
                for (String[] row : rows.values()) {
                    ps.setString(1, row[0]);
                    ps.setString(2, row[1].trim().toLowerCase(java.util.Locale.ROOT));
                    ps.setString(3, row[2]);
                    ps.setString(4, row[3]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            KeyValues.put(c, VERSION_KEY, Long.toString(newVersion));
            return null;
        });
        rows.forEach((k, row) -> entries.put(k, row[2]));
        version = newVersion;
    }

    /** One denied subject: kind, id (lower-case) and central's reason text. */
    public record Entry(Kind kind, String id, String reason) {}

    public java.util.List<Entry> entries() {
        java.util.List<Entry> out = new java.util.ArrayList<>();
        entries.forEach((key, reason) -> {
            int colon = key.indexOf(':');
            out.add(new Entry(Kind.valueOf(key.substring(0, colon)), key.substring(colon + 1), reason));
        });
        return out;
    }

    public int size() {
        return entries.size();
    }
}
