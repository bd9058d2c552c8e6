package io.fcs.edge.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.fcs.edge.store.Database;
import io.fcs.protocol.crypto.Ed25519;
import io.fcs.protocol.value.TerminalId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The festival's enrolled terminals and their Ed25519 keys, as central's config downlink lists
 * them, with revocations from the deny list. Durable, so a restarted edge verifies records while
 * central is still away.
 */
public final class TerminalKeys {

    /** One enrolled terminal: its key, zone and mode, and when it was revoked if it was. */
    public record Terminal(
            TerminalId id, Ed25519.VerificationKey key, String zoneId, String mode, Optional<Instant> revokedAt) {}

    private final Database db;
    private final Map<TerminalId, Terminal> terminals = new ConcurrentHashMap<>();

    public TerminalKeys(Database db) {
        this.db = db;
        db.migrate("""
                CREATE TABLE IF NOT EXISTS terminal_key (
                  terminal_id TEXT PRIMARY KEY, public_key TEXT NOT NULL, zone_id TEXT, mode TEXT, revoked_at TEXT)""");
        db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery(
                            "SELECT terminal_id, public_key, zone_id, mode, revoked_at FROM terminal_key")) {
                while (rs.next()) {
                    Terminal t = new Terminal(
                            TerminalId.parse(rs.getString(1)),
                            new Ed25519.VerificationKey(Base64.getDecoder().decode(rs.getString(2))),
                            rs.getString(3),
                            rs.getString(4),
                            Optional.ofNullable(rs.getString(5)).map(Instant::parse));
                    terminals.put(t.id(), t);
                }
            }
            return null;
        });
    }

    public Optional<Terminal> find(TerminalId id) {
        return Optional.ofNullable(terminals.get(id));
    }

    public int size() {
        return terminals.size();
    }

    /** Adds or replaces a terminal (config downlink, or a test's enrolment). */
    public void put(Terminal terminal) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO terminal_key (terminal_id, public_key, zone_id, mode, revoked_at) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT(terminal_id) DO UPDATE SET public_key = excluded.public_key, zone_id = excluded.zone_id,
                    mode = excluded.mode, revoked_at = COALESCE(terminal_key.revoked_at, excluded.revoked_at)""")) {
                ps.setString(1, terminal.id().toString());
                ps.setString(
                        2, Base64.getEncoder().encodeToString(terminal.key().encoded()));
                ps.setString(3, terminal.zoneId());
                ps.setString(4, terminal.mode());
                ps.setString(5, terminal.revokedAt().map(Instant::toString).orElse(null));
                ps.executeUpdate();
            }
            return null;
        });
        terminals.merge(
                terminal.id(),
                terminal,
                (old, fresh) -> old.revokedAt().isPresent()
                        ? new Terminal(fresh.id(), fresh.key(), fresh.zoneId(), fresh.mode(), old.revokedAt())
                        : fresh);
    }

    /** Marks a terminal revoked from {@code at} on; records it signed after that are refused. */
    public void revoke(TerminalId id, Instant at) {
        Terminal t = terminals.get(id);
        if (t == null || t.revokedAt().isPresent()) {
            return;
        }
        db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE terminal_key SET revoked_at = ? WHERE terminal_id = ?")) {
                ps.setString(1, at.toString());
                ps.setString(2, id.toString());
                ps.executeUpdate();
            }
            return null;
        });
        terminals.put(id, new Terminal(t.id(), t.key(), t.zoneId(), t.mode(), Optional.of(at)));
    }

    /** Central's config {@code terminals: [{terminalId, zoneId, mode, publicKey, status}]}. */
    public void applyConfig(JsonNode config) {
        for (JsonNode t : config.path("terminals")) {
            TerminalId id = TerminalId.parse(t.path("terminalId").asText());
            Ed25519.VerificationKey key = new Ed25519.VerificationKey(
                    Base64.getDecoder().decode(t.path("publicKey").asText()));
            put(new Terminal(
                    id, key, t.path("zoneId").asText(null), t.path("mode").asText(null), Optional.empty()));
            if ("REVOKED".equalsIgnoreCase(t.path("status").asText())) {
                revoke(id, Instant.EPOCH);
            }
        }
    }

    /** Central's deny list {@code terminals: [{terminalId, revokedAt, reason}]}. */
    public void applyDenyList(JsonNode deny) {
        for (JsonNode t : deny.path("terminals")) {
            String at = t.path("revokedAt").asText(null);
            revoke(TerminalId.parse(t.path("terminalId").asText()), at == null ? Instant.EPOCH : Instant.parse(at));
        }
    }
}
