package io.fcs.central.sync;

import io.fcs.central.web.ApiException;
import io.fcs.protocol.value.EdgeId;
import io.fcs.protocol.value.FestivalId;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Presence and check-in reports from edges, kept for the admin dashboard and ticket history. */
@Component
class EdgeReports {

    static final int MAX_CHECKINS = 10_000;

    /** The outcome an edge gives an admission of a ticket admitted elsewhere and not let out. */
    static final String CONFLICT = "CONFLICT";

    private final JdbcClient jdbc;
    private final ReviewItems reviews;
    private final Clock clock = Clock.systemUTC();

    EdgeReports(JdbcClient jdbc, ReviewItems reviews) {
        this.jdbc = jdbc;
        this.reviews = reviews;
    }

    record TerminalPresence(
            UUID terminalId,
            Boolean online,
            Instant lastSeen,
            Long queueDepth,
            Long readerErrors,
            Long clockSkewMs,
            String appVersion) {}

    record Presence(UUID edgeId, UUID zoneId, Instant sentAt, Long backlog, List<TerminalPresence> terminals) {}

    @Transactional
    void presence(Presence presence, Optional<EdgeId> header) {
        UUID edge = presence.edgeId() != null
                ? presence.edgeId()
                : header.map(EdgeId::value).orElse(null);
        if (edge == null) {
            throw ApiException.badRequest("edgeId is required");
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        long backlog = presence.backlog() == null ? 0 : Math.max(0, presence.backlog());
        int updated = jdbc.sql("""
                        UPDATE edge_presence SET zone_id = :z, sent_at = :sent, received_at = :now, backlog = :b
                        WHERE edge_id = :e
                        """)
                .param("z", presence.zoneId())
                .param("sent", utc(presence.sentAt()))
                .param("now", now)
                .param("b", backlog)
                .param("e", edge)
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            INSERT INTO edge_presence (edge_id, zone_id, sent_at, received_at, backlog)
                            VALUES (:e, :z, :sent, :now, :b)
                            """)
                    .param("e", edge)
                    .param("z", presence.zoneId())
                    .param("sent", utc(presence.sentAt()))
                    .param("now", now)
                    .param("b", backlog)
                    .update();
        }
        for (TerminalPresence t : presence.terminals() == null ? List.<TerminalPresence>of() : presence.terminals()) {
            if (t == null || t.terminalId() == null) {
                throw ApiException.badRequest("every terminal needs a terminalId");
            }
            jdbc.sql("DELETE FROM terminal_presence WHERE terminal_id = :t")
                    .param("t", t.terminalId())
                    .update();
            jdbc.sql("""
                            INSERT INTO terminal_presence (terminal_id, edge_id, zone_id, online, last_seen, queue_depth,
                                reader_errors, clock_skew_ms, app_version, updated_at)
                            VALUES (:t, :e, :z, :online, :seen, :q, :r, :skew, :v, :now)
                            """)
                    .param("t", t.terminalId())
                    .param("e", edge)
                    .param("z", presence.zoneId())
                    .param("online", Boolean.TRUE.equals(t.online()))
                    .param("seen", utc(t.lastSeen()))
                    .param("q", t.queueDepth() == null ? 0 : t.queueDepth())
                    .param("r", t.readerErrors() == null ? 0 : t.readerErrors())
                    .param("skew", t.clockSkewMs() == null ? 0 : t.clockSkewMs())
                    .param("v", t.appVersion() == null || t.appVersion().length() > 64 ? null : t.appVersion())
                    .param("now", now)
                    .update();
        }
    }

    /**
     * Stores gate admissions as the edge reports them. Known fields: {@code id}, {@code festivalId},
     * {@code ticketId}, {@code uid} (or {@code wristband}), {@code terminalId}, {@code zoneId},
     * {@code at} (or {@code checkedAt}), {@code offline}, {@code outcome}; others are ignored. The
     * same id again changes nothing.
     */
    @Transactional
    void checkins(List<Map<String, Object>> checkins, Optional<EdgeId> edge) {
        if (checkins == null) {
            throw ApiException.badRequest("the body must be a JSON list of check-ins");
        }
        if (checkins.size() > MAX_CHECKINS) {
            throw ApiException.badRequest("at most " + MAX_CHECKINS + " check-ins per call");
        }
        OffsetDateTime now = clock.instant().atOffset(ZoneOffset.UTC);
        for (Map<String, Object> c : checkins) {
            if (c == null) {
                throw ApiException.badRequest("a check-in must be an object");
            }
            UUID id = uuid(c.get("id")).orElseGet(UUID::randomUUID);
            Instant at = instant(Optional.ofNullable(c.get("at")).orElse(c.get("checkedAt")))
                    .orElse(now.toInstant());
            Object uid = Optional.ofNullable(c.get("uid")).orElse(c.get("wristband"));
            String outcome = c.get("outcome") == null ? null : String.valueOf(c.get("outcome"));
            Optional<UUID> festival = uuid(c.get("festivalId"));
            Optional<UUID> ticket = uuid(c.get("ticketId"));
            Optional<UUID> terminal = uuid(c.get("terminalId"));
            int stored = jdbc.sql("""
                            INSERT INTO gate_checkin (id, festival_id, ticket_id, uid, terminal_id, zone_id, edge_id,
                                checked_at, offline, outcome, source, received_at)
                            VALUES (:id, :f, :ticket, :uid, :t, :z, :e, :at, :offline, :outcome, 'EDGE', :now)
                            ON CONFLICT DO NOTHING
                            """)
                    .param("id", id)
                    .param("f", festival.orElse(null))
                    .param("ticket", ticket.orElse(null))
                    .param("uid", uid == null ? null : truncate(String.valueOf(uid), 32))
                    .param("t", terminal.orElse(null))
                    .param("z", uuid(c.get("zoneId")).orElse(null))
                    .param("e", edge.map(EdgeId::value).orElse(null))
                    .param("at", at.atOffset(ZoneOffset.UTC))
                    .param("offline", Boolean.TRUE.equals(c.get("offline")))
                    .param("outcome", outcome == null ? null : truncate(outcome, 32))
                    .param("now", now)
                    .update();
            if (stored == 1 && CONFLICT.equalsIgnoreCase(outcome) && festival.isPresent()) {
                // once per admission: the same report again stores nothing and raises nothing
                reviews.raise(new ReviewItems.Raise(
                        FestivalId.of(festival.get()),
                        ReviewKind.ADMISSION_CONFLICT,
                        terminal.orElse(null),
                        null,
                        id, // the check-in, which names the ticket (decision 0280)
                        null,
                        uid == null ? null : truncate(String.valueOf(uid), 32),
                        null,
                        null,
                        "ticket " + ticket.map(UUID::toString).orElse("(wristband only)") + " admitted at gate "
                                + terminal.map(UUID::toString).orElse("(unknown)") + " at " + at
                                + (Boolean.TRUE.equals(c.get("offline")) ? " (offline)" : "")
                                + " while admitted at another gate and not let out; check-in " + id));
            }
        }
    }

    private static Optional<UUID> uuid(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(String.valueOf(value)));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("not a UUID: " + truncate(String.valueOf(value), 40));
        }
    }

    private static Optional<Instant> instant(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(String.valueOf(value)));
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("not an ISO-8601 instant: " + truncate(String.valueOf(value), 40));
        }
    }

    private static String truncate(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
