package io.fcs.edge.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

/** Small durable settings: versions of what came down from central, the zone's config JSON. */
public final class KeyValues {

    private final Database db;

    public KeyValues(Database db) {
        this.db = db;
        db.migrate("CREATE TABLE IF NOT EXISTS kv (k TEXT PRIMARY KEY, v TEXT NOT NULL)");
    }

    public Optional<String> get(String key) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT v FROM kv WHERE k = ?")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public long getLong(String key, long otherwise) {
        return get(key).map(Long::parseLong).orElse(otherwise);
    }

    public void put(String key, String value) {
        db.inTransaction(c -> {
            put(c, key, value);
            return null;
        });
    }

    /** Inside a caller's transaction: the value commits with the caller's rows. */
    public static void put(java.sql.Connection c, String key, String value) throws java.sql.SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO kv (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v")) {
            ps.setString(1, key);
            ps.setString(2, value);
            ps.executeUpdate();
        }
    }
}
