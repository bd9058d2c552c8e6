package io.fcs.edge.zone;

import io.fcs.edge.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Anti-passback for the zone: who was admitted where and when, per credential (a wristband UID
 * or a ticket id). Fed by the gates' approved check-in authorisations, their CHECK_IN records and
 * check-in broadcasts; answers the next gate within the same second. Durable, so a restarted
 * edge still refuses a ticket already used.
 */
public final class CheckinRegistry {

    /** One admission: where (gate terminal) and when. */
    public record Admission(String credential, String gate, Instant at) {}

    /** The check-in decision for a credential at a gate. */
    public sealed interface Decision permits Admit, AlreadyUsed {}

    public record Admit(Optional<Admission> previous) implements Decision {}

    public record AlreadyUsed(Admission previous) implements Decision {}

    /**
     * An admission to report to central's check-in history: its id (stable, so a repeat is kept
     * once), the ticket and/or wristband, the gate, when, and how the edge learnt it.
     */
    public record Reported(
            java.util.UUID id,
            Optional<String> ticketId,
            Optional<String> uid,
            String gate,
            Instant at,
            String outcome) {}

    /** Takes admissions inside the transaction that registers them (the check-in uplink stores them). */
    @FunctionalInterface
    public interface Reporter {
        void report(Connection c, Reported admission) throws SQLException;
    }

    private final Database db;
    private volatile Reporter reporter = (c, admission) -> {};
    private final Map<String, Admission> last = new ConcurrentHashMap<>();
    private volatile Optional<Duration> reentryAfter;

    public CheckinRegistry(Database db, Optional<Duration> reentryAfter) {
        this.db = db;
        this.reentryAfter = reentryAfter;
        db.migrate(
                "CREATE TABLE IF NOT EXISTS checkin (credential TEXT PRIMARY KEY, gate TEXT NOT NULL, at INTEGER NOT NULL)");
        db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT credential, gate, at FROM checkin")) {
                while (rs.next()) {
                    last.put(
                            rs.getString(1),
                            new Admission(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
            return null;
        });
    }

    /** Where admissions go besides the registry (central's check-in history). */
    public void reportTo(Reporter reporter) {
        this.reporter = java.util.Objects.requireNonNull(reporter, "reporter");
    }

    /** Re-entry rule of the zone: empty = one entry only; else a new entry after this long. */
    public void reentryAfter(Optional<Duration> rule) {
        this.reentryAfter = rule;
    }

    public static String wristband(String uidHex) {
        return "uid:" + WalletReplica.normaliseUid(uidHex);
    }

    public static String ticket(String ticketId) {
        return "ticket:" + ticketId.toLowerCase(java.util.Locale.ROOT);
    }

    public Optional<Admission> lastAdmission(String credential) {
        return Optional.ofNullable(last.get(credential));
    }

    /**
     * Decides and, when admitted, registers atomically: two gates asking for one credential at
     * the same moment get one admission and one refusal.
     */
    public Decision admit(String credential, String gate, Instant at) {
        Admission[] previous = new Admission[1];
        boolean[] admitted = new boolean[1];
        last.compute(credential, (key, before) -> {
            previous[0] = before;
            if (before != null && !reentryAllowed(before, at)) {
                return before;
            }
            admitted[0] = true;
            return new Admission(credential, gate, at);
        });
        if (!admitted[0]) {
            return new AlreadyUsed(previous[0]);
        }
        db.inTransaction(c -> {
            upsert(c, credential, gate, at);
            reporter.report(
                    c,
                    new Reported(
                            java.util.UUID.nameUUIDFromBytes(
                                    ("admission:" + credential + ":" + gate + ":" + at.toEpochMilli())
                                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            credential.startsWith("ticket:")
                                    ? Optional.of(credential.substring("ticket:".length()))
                                    : Optional.empty(),
                            credential.startsWith("uid:")
                                    ? Optional.of(credential.substring("uid:".length()))
                                    : Optional.empty(),
                            gate,
                            at,
                            "AUTHORISED"));
            return null;
        });
        return new Admit(Optional.ofNullable(previous[0]));
    }

    private boolean reentryAllowed(Admission before, Instant at) {
        return reentryAfter.map(d -> !at.isBefore(before.at().plus(d))).orElse(false);
    }

    /** A check-in learnt after the fact (record or broadcast): kept if it is the newest. */
    public void learn(Connection c, String credential, String gate, Instant at) throws SQLException {
        Admission fresh = new Admission(credential, gate, at);
        Admission kept = last.merge(credential, fresh, (old, neu) -> neu.at().isAfter(old.at()) ? neu : old);
        if (kept == fresh) {
            upsert(c, credential, gate, at);
        }
    }

    /** A gate's check-in broadcast: where and when a ticket and/or wristband was admitted. */
    public void learn(io.fcs.protocol.message.CheckIn checkIn) {
        if (checkIn.direction() != io.fcs.protocol.message.Direction.IN) {
            return;
        }
        db.inTransaction(c -> {
            String gate = checkIn.terminalId().toString();
            if (checkIn.ticketId().isPresent()) {
                learn(c, ticket(checkIn.ticketId().get().toString()), gate, checkIn.time());
            }
            if (checkIn.wristbandUid().isPresent()) {
                learn(c, wristband(checkIn.wristbandUid().get().hex()), gate, checkIn.time());
            }
            reporter.report(
                    c,
                    new Reported(
                            checkIn.recordId().value(),
                            checkIn.ticketId().map(t -> t.toString()),
                            checkIn.wristbandUid().map(u -> WalletReplica.normaliseUid(u.hex())),
                            gate,
                            checkIn.time(),
                            "CHECKED_IN"));
            return null;
        });
    }

    private static void upsert(Connection c, String credential, String gate, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO checkin (credential, gate, at) VALUES (?, ?, ?) ON CONFLICT(credential) DO UPDATE "
                        + "SET gate = excluded.gate, at = excluded.at WHERE excluded.at > checkin.at")) {
            ps.setString(1, credential);
            ps.setString(2, gate);
            ps.setLong(3, at.toEpochMilli());
            ps.executeUpdate();
        }
    }

    public int size() {
        return last.size();
    }
}
