package io.fcs.central.sync;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.web.ApiException;
import io.fcs.protocol.message.WatermarkAck;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TerminalId;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finance's "skip gap" (decision 0145): a range of a terminal's sequences that will never arrive
 * (the terminal was lost or its store destroyed) is settled as SKIPPED, with a reason, audited, so
 * that the records held behind it reach the ledger. A record that still arrives for a skipped
 * sequence is refused as a conflicting duplicate and raised for review, never posted.
 */
@Service
public class GapSkips {

    /** The most sequences one skip may settle. */
    static final long MAX_RANGE = 100_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final RecordIngestion ingestion;
    private final AuditLog audit;
    private final Clock clock = Clock.systemUTC();

    GapSkips(JdbcClient jdbc, JdbcTemplate template, RecordIngestion ingestion, AuditLog audit) {
        this.jdbc = jdbc;
        this.template = template;
        this.ingestion = ingestion;
        this.audit = audit;
    }

    /** What a skip came to: the terminal's watermark afterwards and how many sequences were skipped. */
    public record Skipped(UUID terminalId, long fromSequence, long toSequence, long watermark) {}

    /**
     * Skips {@code from..to} of {@code terminal} (of {@code festival}); every sequence of the range
     * must be missing, above the watermark and below a record already held, so only a real gap
     * can be skipped. 404 {@code not_found} for a terminal that sent nothing to this festival, 409
     * {@code not_a_gap} otherwise.
     */
    @Transactional
    public Skipped skip(FestivalId festival, TerminalId terminal, long from, long to, String reason) {
        if (from < 1 || to < from || to - from + 1 > MAX_RANGE) {
            throw ApiException.badRequest(
                    "fromSequence is at least 1 and toSequence from fromSequence to fromSequence + " + (MAX_RANGE - 1));
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            throw ApiException.badRequest("a reason of 1-500 characters is required");
        }
        record State(long watermark, UUID festival) {}
        Optional<State> state = jdbc.sql(
                        "SELECT watermark, festival_id FROM sync_terminal WHERE terminal_id = :t FOR UPDATE")
                .param("t", terminal.value())
                .query((rs, n) -> new State(rs.getLong("watermark"), rs.getObject("festival_id", UUID.class)))
                .optional()
                .filter(s -> festival.value().equals(s.festival()));
        if (state.isEmpty()) {
            throw ApiException.notFound("terminal");
        }
        long held = jdbc.sql("SELECT COUNT(*) FROM sync_record WHERE terminal_id = :t AND sequence BETWEEN :a AND :b")
                .param("t", terminal.value())
                .param("a", from)
                .param("b", to)
                .query(Long.class)
                .single();
        Long highest = jdbc.sql("SELECT MAX(sequence) FROM sync_record WHERE terminal_id = :t")
                .param("t", terminal.value())
                .query(Long.class)
                .optional()
                .orElse(null);
        if (from <= state.get().watermark() || held > 0 || highest == null || to >= highest) {
            throw ApiException.conflict(
                    "not_a_gap",
                    "sequences " + from + ".." + to + " are not all missing between the watermark "
                            + state.get().watermark() + " and the highest record held");
        }
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        List<Object[]> rows = new ArrayList<>();
        for (long sequence = from; sequence <= to; sequence++) {
            rows.add(new Object[] {
                terminal.value(), sequence, UUID.randomUUID(), festival.value(), new byte[0], new byte[0], now, now
            });
            if (rows.size() == 1000 || sequence == to) {
                template.batchUpdate(
                        "INSERT INTO sync_record (terminal_id, sequence, record_id, festival_id, kind, status, reason,"
                                + " hash, bytes, signed_at, received_at)"
                                + " VALUES (?, ?, ?, ?, 'SKIPPED', 'SKIPPED', 'GAP_SKIPPED', ?, ?, ?, ?)",
                        rows);
                rows.clear();
            }
        }
        jdbc.sql("""
                        UPDATE review_item SET status = 'RESOLVED', resolved_at = :now, resolution = :r
                        WHERE festival_id = :f AND terminal_id = :t AND kind = 'GAP' AND status = 'OPEN'
                            AND sequence BETWEEN :a AND :b
                        """)
                .param("now", now)
                .param("r", "gap skipped: " + reason)
                .param("f", festival.value())
                .param("t", terminal.value())
                .param("a", from)
                .param("b", to)
                .update();
        WatermarkAck ack = ingestion.resume(terminal);
        audit.record(
                "sync.gap_skipped",
                festival.value(),
                terminal.value().toString(),
                Map.of("fromSequence", from, "toSequence", to, "reason", reason, "watermark", ack.watermark()));
        return new Skipped(terminal.value(), from, to, ack.watermark());
    }
}
