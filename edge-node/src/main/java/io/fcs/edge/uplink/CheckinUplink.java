package io.fcs.edge.uplink;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fcs.edge.store.Database;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.ZoneId;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The zone's gate admissions on their way to central's {@code POST /sync/v1/checkins} (a JSON
 * list, CONTRACTS.md). Durable: an admission is stored in the edge's SQLite in the same
 * transaction as the admission itself, sent in batches of at most {@code batch}, and deleted only
 * after central answered 2xx. Central down (or refusing): the batch stays and is retried with the
 * uplink's backoff (0.2 s → 30 s, full jitter). Central keeps one row per admission id, so a batch
 * resent after a lost answer changes nothing there.
 */
public final class CheckinUplink {

    private static final Logger log = LoggerFactory.getLogger(CheckinUplink.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String PATH = "/sync/v1/checkins";

    /**
     * One admission as central stores it: its id (idempotency), the ticket and/or wristband, the
     * gate terminal, when, and how the edge learnt it ({@code outcome}).
     */
    public record Admission(
            UUID id, Optional<String> ticketId, Optional<String> uid, String terminalId, Instant at, String outcome) {}

    private final Database db;
    private final CentralClient central;
    private final FestivalId festival;
    private final ZoneId zone;
    private final int batch;
    private final Duration interval;
    private final Backoff backoff =
            new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), RandomGenerator.of("L64X128MixRandom"));

    public CheckinUplink(
            Database db, CentralClient central, FestivalId festival, ZoneId zone, int batch, Duration interval) {
        if (batch < 1) {
            throw new IllegalArgumentException("a check-in batch holds at least one, was " + batch);
        }
        this.db = db;
        this.central = central;
        this.festival = festival;
        this.zone = zone;
        this.batch = batch;
        this.interval = interval;
        db.migrate("CREATE TABLE IF NOT EXISTS checkin_outbox (seq INTEGER PRIMARY KEY AUTOINCREMENT, "
                + "id TEXT NOT NULL UNIQUE, body TEXT NOT NULL)");
    }

    /** Stores an admission for central inside the caller's transaction; the same id twice is kept once. */
    public void store(Connection c, Admission admission) throws SQLException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", admission.id().toString());
        body.put("festivalId", festival.toString());
        body.put("zoneId", zone.toString());
        body.put("terminalId", admission.terminalId());
        admission.ticketId().ifPresent(t -> body.put("ticketId", t));
        admission.uid().ifPresent(u -> body.put("uid", u));
        body.put("at", admission.at().toString());
        body.put("offline", false);
        body.put("outcome", admission.outcome());
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise a check-in", e);
        }
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO checkin_outbox (id, body) VALUES (?, ?) ON CONFLICT(id) DO NOTHING")) {
            ps.setString(1, admission.id().toString());
            ps.setString(2, json);
            ps.executeUpdate();
        }
    }

    /** Admissions stored and not yet accepted by central. */
    public long backlog() {
        return db.inTransaction(c -> {
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM checkin_outbox")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    /**
     * Sends the oldest stored admissions (one batch) and deletes them once central answered 2xx.
     * Answers how many were sent; throws {@link CentralClient.Unreachable} or {@link
     * CentralClient.Refused} with the batch kept.
     */
    public int sendOnce() {
        List<Long> seqs = new ArrayList<>();
        List<Object> bodies = new ArrayList<>();
        db.inTransaction(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT seq, body FROM checkin_outbox ORDER BY seq LIMIT ?")) {
                ps.setInt(1, batch);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        seqs.add(rs.getLong(1));
                        bodies.add(parse(rs.getString(2)));
                    }
                }
            }
            return null;
        });
        if (seqs.isEmpty()) {
            return 0;
        }
        central.postJson(PATH, bodies);
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM checkin_outbox WHERE seq = ?")) {
                for (long seq : seqs) {
                    ps.setLong(1, seq);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        log.info("event=checkins_sent count={}", seqs.size());
        return seqs.size();
    }

    private static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new IllegalStateException("a stored check-in is not JSON: " + json, e);
        }
    }

    /** Sends every {@code interval} while there is something to send, backing off on failures. */
    public void start(ScheduledExecutorService scheduler) {
        scheduler.execute(() -> tick(scheduler));
    }

    private void tick(ScheduledExecutorService scheduler) {
        Duration next = interval;
        try {
            while (sendOnce() == batch) {
                // a full batch: more may wait
            }
            backoff.succeeded();
        } catch (CentralClient.Unreachable e) {
            next = backoff.failed();
            if (backoff.failures() == 1) {
                log.warn(
                        "event=central_unreachable feed=checkins error=\"{}\" retry_ms={}",
                        e.getMessage(),
                        next.toMillis());
            }
        } catch (CentralClient.Refused e) {
            next = backoff.failed();
            log.error(
                    "event=checkins_refused status={} error=\"{}\" retry_ms={}",
                    e.status(),
                    e.getMessage(),
                    next.toMillis());
        } catch (RuntimeException e) {
            next = backoff.failed();
            log.error("event=checkins_send_failed error=\"{}\" retry_ms={}", e.toString(), next.toMillis());
        }
        if (!scheduler.isShutdown()) {
            try {
                scheduler.schedule(() -> tick(scheduler), next.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the node is closing
            }
        }
    }
}
