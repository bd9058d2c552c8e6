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

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CheckinRegistry.class);

    /** One admission: where (gate terminal) and when. */
    public record Admission(String credential, String gate, Instant at) {}

    /** The check-in decision for a credential at a gate. */
    public sealed interface Decision permits Admit, AlreadyUsed {}

    public record Admit(Optional<Admission> previous) implements Decision {}

    /** Refused: admitted before ({@code previous}) and the zone's re-entry rule says not yet or never. */
    public record AlreadyUsed(Admission previous, Refusal reason) implements Decision {}

    /** Why a credential admitted before may not enter again now. */
    public enum Refusal {
        /** The zone admits each credential once. */
        ONE_ENTRY_ONLY,
        /** Re-entry is allowed, but not within the zone's cool-down after the last admission. */
        COOL_DOWN,
        /** Re-entry needs an exit scan after the last admission, and there was none. */
        NO_EXIT_SCAN
    }

    /** How a zone treats a credential that was admitted before. */
    public enum Reentry {
        /** One admission per credential (the default when central says nothing). */
        NONE,
        /** A new admission once the cool-down since the last one has passed. */
        ALLOWED,
        /** A new admission only after an exit scan that followed the last admission (and the cool-down). */
        AFTER_EXIT
    }

    /** The zone's re-entry rule: mode and the minimum time between two admissions of one credential. */
    public record ReentryRule(Reentry mode, Duration coolDown) {
        public static final ReentryRule ONE_ENTRY = new ReentryRule(Reentry.NONE, Duration.ZERO);

        public ReentryRule {
            java.util.Objects.requireNonNull(mode, "mode");
            java.util.Objects.requireNonNull(coolDown, "coolDown");
            if (coolDown.isNegative()) {
                throw new IllegalArgumentException("re-entry cool-down must not be negative, was " + coolDown);
            }
        }

        /**
         * The rule of {@code zone} in central's festival config: {@code zones[].reentry} = {@code
         * NONE} | {@code ALLOWED} | {@code AFTER_EXIT} and {@code zones[].reentryCooldownSeconds}.
         * Missing or unreadable: {@link #ONE_ENTRY}, the strictest.
         */
        public static ReentryRule fromConfig(com.fasterxml.jackson.databind.JsonNode config, String zone) {
            for (com.fasterxml.jackson.databind.JsonNode z : config.path("zones")) {
                if (!zone.equalsIgnoreCase(z.path("id").asText())) {
                    continue;
                }
                try {
                    Reentry mode = Reentry.valueOf(z.path("reentry")
                            .asText("NONE")
                            .trim()
                            .toUpperCase(java.util.Locale.ROOT)
                            .replace('-', '_'));
                    long seconds = z.path("reentryCooldownSeconds").asLong(0);
                    return new ReentryRule(mode, Duration.ofSeconds(Math.max(0, seconds)));
                } catch (IllegalArgumentException e) {
                    return ONE_ENTRY;
                }
            }
            return ONE_ENTRY;
        }

        /** As zone settings of the configuration downlinked to the gates ({@code zone.reentry...}). */
        public java.util.Map<String, String> settings() {
            return java.util.Map.of(
                    "zone.reentry",
                            mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                    "zone.reentry-cooldown-s", Long.toString(coolDown.toSeconds()));
        }
    }

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
    private final Map<String, Instant> exits = new ConcurrentHashMap<>();
    private volatile ReentryRule rule;

    public CheckinRegistry(Database db, Optional<Duration> reentryAfter) {
        this.db = db;
        this.rule = ruleOf(reentryAfter);
        db.migrate(
                "CREATE TABLE IF NOT EXISTS checkin (credential TEXT PRIMARY KEY, gate TEXT NOT NULL, at INTEGER NOT NULL)",
                "CREATE TABLE IF NOT EXISTS checkout (credential TEXT PRIMARY KEY, at INTEGER NOT NULL)");
        db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT credential, gate, at FROM checkin")) {
                while (rs.next()) {
                    last.put(
                            rs.getString(1),
                            new Admission(rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))));
                }
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT credential, at FROM checkout")) {
                while (rs.next()) {
                    exits.put(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)));
                }
            }
            return null;
        });
    }

    private static ReentryRule ruleOf(Optional<Duration> reentryAfter) {
        return reentryAfter.map(d -> new ReentryRule(Reentry.ALLOWED, d)).orElse(ReentryRule.ONE_ENTRY);
    }

    /** Where admissions go besides the registry (central's check-in history). */
    public void reportTo(Reporter reporter) {
        this.reporter = java.util.Objects.requireNonNull(reporter, "reporter");
    }

    /** Re-entry rule of the zone: empty = one entry only; else a new entry after this long. */
    public void reentryAfter(Optional<Duration> rule) {
        this.rule = ruleOf(rule);
    }

    /** The zone's re-entry rule, from central's config; applies to the next decision. */
    public void reentryRule(ReentryRule rule) {
        this.rule = java.util.Objects.requireNonNull(rule, "rule");
    }

    public ReentryRule reentryRule() {
        return rule;
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
        Refusal[] refusal = new Refusal[1];
        ReentryRule zoneRule = rule;
        last.compute(credential, (key, before) -> {
            previous[0] = before;
            refusal[0] = before == null ? null : refusal(zoneRule, before, at);
            return refusal[0] != null ? before : new Admission(credential, gate, at);
        });
        if (refusal[0] != null) {
            return new AlreadyUsed(previous[0], refusal[0]);
        }
        db.inSharedTransaction(c -> {
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

    /** Why {@code rule} refuses a new admission at {@code at} after {@code before}; null = admit. */
    private Refusal refusal(ReentryRule rule, Admission before, Instant at) {
        return switch (rule.mode()) {
            case NONE -> Refusal.ONE_ENTRY_ONLY;
            case ALLOWED -> at.isBefore(before.at().plus(rule.coolDown())) ? Refusal.COOL_DOWN : null;
            case AFTER_EXIT -> {
                Instant exit = exits.get(before.credential());
                if (exit == null || exit.isBefore(before.at()) || exit.isAfter(at)) {
                    yield Refusal.NO_EXIT_SCAN;
                }
                yield at.isBefore(before.at().plus(rule.coolDown())) ? Refusal.COOL_DOWN : null;
            }
        };
    }

    /** An exit scan: the credential left the zone at {@code at} (kept if it is the newest). */
    public void exited(Connection c, String credential, Instant at) throws SQLException {
        Instant kept = exits.merge(credential, at, (old, neu) -> neu.isAfter(old) ? neu : old);
        if (kept.equals(at)) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO checkout (credential, at) VALUES (?, ?) ON CONFLICT(credential) DO UPDATE "
                            + "SET at = excluded.at WHERE excluded.at > checkout.at")) {
                ps.setString(1, credential);
                ps.setLong(2, at.toEpochMilli());
                ps.executeUpdate();
            }
        }
    }

    public Optional<Instant> lastExit(String credential) {
        return Optional.ofNullable(exits.get(credential));
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
            db.inTransaction(c -> {
                if (checkIn.ticketId().isPresent()) {
                    exited(c, ticket(checkIn.ticketId().get().toString()), checkIn.time());
                }
                if (checkIn.wristbandUid().isPresent()) {
                    exited(c, wristband(checkIn.wristbandUid().get().hex()), checkIn.time());
                }
                return null;
            });
            return;
        }
        String gate = checkIn.terminalId().toString();
        boolean conflict = checkIn.ticketId()
                .map(t -> conflicts(ticket(t.toString()), gate, checkIn.time()))
                .orElse(false);
        if (conflict) {
            Admission before = last.get(ticket(checkIn.ticketId().get().toString()));
            log.warn(
                    "event=checkin_conflict ticket={} gate={} at={} previous_gate={} previous_at={}",
                    checkIn.ticketId().get(),
                    gate,
                    checkIn.time(),
                    before.gate(),
                    before.at());
        }
        db.inTransaction(c -> {
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
                            conflict ? CONFLICT : "CHECKED_IN"));
            return null;
        });
    }

    /**
     * A ticket's CHECK_IN record arrived (inside the inbox's transaction): learnt like a
     * broadcast; an admission the zone's rule would have refused — a gate that decided alone
     * while the ticket had been admitted at another gate — is logged and reported as a conflict.
     */
    public void learnRecorded(Connection c, String ticketId, String gate, Instant at, java.util.UUID recordId)
            throws SQLException {
        String credential = ticket(ticketId);
        if (conflicts(credential, gate, at)) {
            Admission before = last.get(credential);
            log.warn(
                    "event=checkin_conflict ticket={} gate={} at={} previous_gate={} previous_at={} source=record",
                    ticketId,
                    gate,
                    at,
                    before.gate(),
                    before.at());
            reporter.report(c, new Reported(recordId, Optional.of(ticketId), Optional.empty(), gate, at, CONFLICT));
        }
        learn(c, credential, gate, at);
    }

    /** Outcome reported to central for an admission the zone's rule would have refused (an offline gate's). */
    public static final String CONFLICT = "CONFLICT";

    /**
     * Whether a passage at {@code gate} learnt after the fact is one the zone's rule would have
     * refused: the credential was admitted before at another gate and neither re-entry nor an
     * exit scan allows it. Such admissions come from gates that decided alone (edge unreachable)
     * and are reported to central as conflicts.
     */
    boolean conflicts(String credential, String gate, Instant at) {
        Admission before = last.get(credential);
        return before != null
                && !before.gate().equals(gate)
                && before.at().isBefore(at)
                && refusal(rule, before, at) != null;
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
