package io.fcs.central.backoffice;

import io.fcs.central.audit.AuditEvent;
import io.fcs.central.audit.AuditLog;
import io.fcs.protocol.record.RecordCodec;
import io.fcs.protocol.record.RecordDecoding;
import io.fcs.protocol.record.SaleLine;
import io.fcs.protocol.record.SignedRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Read-only views the back-office pages need and no service answers (decision 0201): live
 * figures for the dashboard, device health, ticket history, the audit log with filters. Every
 * query is bounded (a window, a limit) and reads committed rows; nothing here writes.
 */
@Component
@Transactional(readOnly = true)
class BackOfficeReads {

    /** Minutes shown by the per-minute charts. */
    static final int WINDOW_MINUTES = 30;

    /** Sale records decoded for the top products (the most recent ones). */
    static final int PRODUCT_SAMPLE = 5_000;

    private final JdbcClient jdbc;

    private final AuditLog auditLog;

    BackOfficeReads(JdbcClient jdbc, AuditLog auditLog) {
        this.jdbc = jdbc;
        this.auditLog = auditLog;
    }

    /** Ids of every festival, first the latest to start (the caller filters by scope). */
    List<UUID> festivalIds() {
        return jdbc.sql("select id from festival order by start_date desc, name")
                .query(UUID.class)
                .list();
    }

    record Minute(Instant start, long revenueCents, long topUpsCents) {}

    /**
     * Revenue (point-of-sale income net of reversals) and top-ups per minute over the window
     * ending now, or ending at the festival's last posting when nothing happened in the window
     * (so a festival being reconciled after the fact still shows its last activity).
     */
    List<Minute> perMinute(UUID festivalId, Instant now) {
        Instant last = jdbc.sql("select max(occurred_at) from journal_entry where festival_id = ?")
                .param(festivalId)
                .query((rs, n) -> {
                    OffsetDateTime t = rs.getObject(1, OffsetDateTime.class);
                    return t == null ? null : t.toInstant();
                })
                .optional()
                .orElse(null);
        Instant end = now;
        if (last != null && last.isBefore(now.minus(Duration.ofMinutes(WINDOW_MINUTES)))) {
            end = last;
        }
        Instant stop = end.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant start = stop.minus(Duration.ofMinutes(WINDOW_MINUTES));
        long[] revenue = new long[WINDOW_MINUTES];
        long[] topUps = new long[WINDOW_MINUTES];
        jdbc.sql("""
                        select e.occurred_at, e.category, a.kind, l.amount from journal_entry e
                        join journal_line l on l.entry_id = e.id join ledger_account a on a.id = l.account_id
                        where e.festival_id = ? and e.occurred_at >= ? and e.occurred_at < ?
                        and ((e.category in ('SALE', 'SALE_REVERSAL') and a.kind = 'POS_REVENUE')
                          or (e.category = 'TOP_UP' and a.kind in ('WALLET', 'OFFLINE_EXPOSURE')))
                        """).params(festivalId, utc(start), utc(stop)).query(rs -> {
            Instant at = rs.getObject(1, OffsetDateTime.class).toInstant();
            int slot = (int) Duration.between(start, at).toMinutes();
            if (slot < 0 || slot >= WINDOW_MINUTES) {
                return;
            }
            long amount = rs.getLong(4);
            if ("TOP_UP".equals(rs.getString(2))) {
                topUps[slot] -= amount;
            } else {
                revenue[slot] -= amount;
            }
        });
        List<Minute> minutes = new ArrayList<>();
        for (int i = 0; i < WINDOW_MINUTES; i++) {
            minutes.add(new Minute(start.plus(Duration.ofMinutes(i)), revenue[i], topUps[i]));
        }
        return minutes;
    }

    record Product(String code, long quantity, long cents) {}

    /** Best-selling products by revenue among the festival's most recent applied sale records. */
    List<Product> topProducts(UUID festivalId, int limit) {
        Map<String, long[]> byCode = new LinkedHashMap<>();
        jdbc.sql("select bytes from sync_record where festival_id = ? and kind = 'SALE' and status = 'APPLIED'"
                        + " order by received_at desc fetch first " + PRODUCT_SAMPLE + " rows only")
                .param(festivalId)
                .query(rs -> {
                    if (RecordCodec.decodeSigned(rs.getBytes(1))
                            instanceof RecordDecoding.Decoded<SignedRecord> decoded) {
                        for (SaleLine line : decoded.value().record().lines()) {
                            long[] sums = byCode.computeIfAbsent(line.productCode(), c -> new long[2]);
                            sums[0] += line.quantity();
                            sums[1] += line.quantity() * line.unitPrice().minor();
                        }
                    }
                });
        return byCode.entrySet().stream()
                .map(e -> new Product(e.getKey(), e.getValue()[0], e.getValue()[1]))
                .sorted((a, b) -> Long.compare(b.cents(), a.cents()))
                .limit(limit)
                .toList();
    }

    record Entries(UUID zoneId, UUID terminalId, long scans, long people) {}

    /** Gate check-ins per zone and gate terminal: scans, and distinct tickets or wristbands admitted. */
    List<Entries> entries(UUID festivalId) {
        return jdbc.sql("""
                        select zone_id, terminal_id, count(*),
                          count(distinct coalesce(uid, cast(ticket_id as varchar(36))))
                        from gate_checkin where festival_id = ? group by zone_id, terminal_id
                        """)
                .param(festivalId)
                .query((rs, n) -> new Entries(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getLong(3), rs.getLong(4)))
                .list();
    }

    /** Distinct people admitted per zone (no exit scans exist, so this is who came in). */
    Map<UUID, Long> peoplePerZone(UUID festivalId) {
        Map<UUID, Long> result = new LinkedHashMap<>();
        jdbc.sql("""
                        select zone_id, count(distinct coalesce(uid, cast(ticket_id as varchar(36))))
                        from gate_checkin where festival_id = ? and zone_id is not null group by zone_id
                        """).param(festivalId).query(rs -> {
            result.put(rs.getObject(1, UUID.class), rs.getLong(2));
        });
        return result;
    }

    record DeviceState(
            UUID id,
            String name,
            String kind,
            String mode,
            UUID zoneId,
            String status,
            Instant revokedAt,
            String revocationReason,
            Boolean online,
            Instant lastSeen,
            Long queueDepth,
            Long readerErrors,
            Long clockSkewMs,
            String appVersion,
            Long watermark,
            Instant lastBatchAt,
            Duration syncLag) {

        public boolean isOnline() {
            return Boolean.TRUE.equals(online) && "ACTIVE".equals(status);
        }
    }

    /**
     * Enrolled devices of a festival with what their edge last reported (online, queue depth) and
     * what central holds of their chain. Sync lag is the time between signing and arrival at
     * central of the last record settled in order (the terminal's watermark).
     */
    List<DeviceState> devices(UUID festivalId) {
        return jdbc.sql("""
                        select d.id, d.name, d.kind, d.mode, d.zone_id, d.status, d.revoked_at, d.revocation_reason,
                          p.online, p.last_seen, p.queue_depth, p.reader_errors, p.clock_skew_ms, p.app_version,
                          s.watermark, s.last_batch_at, r.signed_at, r.received_at
                        from device d
                        left join terminal_presence p on p.terminal_id = d.id
                        left join sync_terminal s on s.terminal_id = d.id
                        left join sync_record r on r.terminal_id = d.id and r.sequence = s.watermark
                        where d.festival_id = ? order by d.kind, d.name
                        """)
                .param(festivalId)
                .query((rs, n) -> {
                    Instant signed = instant(rs, 17);
                    Instant received = instant(rs, 18);
                    return new DeviceState(
                            rs.getObject(1, UUID.class),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5, UUID.class),
                            rs.getString(6),
                            instant(rs, 7),
                            rs.getString(8),
                            (Boolean) rs.getObject(9),
                            instant(rs, 10),
                            (Long) longOrNull(rs, 11),
                            (Long) longOrNull(rs, 12),
                            (Long) longOrNull(rs, 13),
                            rs.getString(14),
                            (Long) longOrNull(rs, 15),
                            instant(rs, 16),
                            signed == null || received == null ? null : Duration.between(signed, received));
                })
                .list();
    }

    record EdgeState(UUID id, UUID zoneId, Instant receivedAt, long backlog) {}

    /** Edges that reported for a zone of the festival (edge presence is kept per zone). */
    List<EdgeState> edges(UUID festivalId) {
        return jdbc.sql("""
                        select e.edge_id, e.zone_id, e.received_at, e.backlog from edge_presence e
                        join zone z on z.id = e.zone_id where z.festival_id = ? order by z.number
                        """)
                .param(festivalId)
                .query((rs, n) -> new EdgeState(
                        rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), instant(rs, 3), rs.getLong(4)))
                .list();
    }

    /** Open review items per kind. */
    Map<String, Long> openReviewItems(UUID festivalId) {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.sql("select kind, count(*) from review_item where festival_id = ? and status = 'OPEN'"
                        + " group by kind order by kind")
                .param(festivalId)
                .query(rs -> {
                    result.put(rs.getString(1), rs.getLong(2));
                });
        return result;
    }

    record CheckIn(Instant at, UUID zoneId, UUID terminalId, String uid, boolean offline, String outcome) {}

    /** Gate scans of a ticket, or of the wristbands bound to it, oldest first (bounded). */
    List<CheckIn> checkIns(UUID ticketId, List<String> uids) {
        StringBuilder sql = new StringBuilder(
                "select checked_at, zone_id, terminal_id, uid, offline, outcome from gate_checkin where ticket_id = ?");
        List<Object> params = new ArrayList<>();
        params.add(ticketId);
        for (String uid : uids) {
            sql.append(" or uid = ?");
            params.add(uid);
        }
        sql.append(" order by checked_at fetch first 200 rows only");
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new CheckIn(
                        instant(rs, 1),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        rs.getString(4),
                        rs.getBoolean(5),
                        rs.getString(6)))
                .list();
    }

    /** The ticket a wristband is bound to (by provisioning or at first entry), if any. */
    Optional<UUID> ticketOfWristband(String uid) {
        return jdbc.sql("select ticket_id from wristband where uid = ? and ticket_id is not null")
                .param(uid)
                .query(UUID.class)
                .optional()
                .or(() -> jdbc.sql("select ticket_id from gate_checkin where uid = ? and ticket_id is not null"
                                + " order by checked_at fetch first 1 rows only")
                        .param(uid)
                        .query(UUID.class)
                        .optional());
    }

    /** Owner of the cashless wallet a wristband points at, if any. */
    Optional<UUID> ownerOfWristband(UUID festivalId, String uid) {
        return jdbc.sql("""
                        select w.owner_id from cashless_wristband b join cashless_wallet w on w.id = b.wallet_id
                        where b.festival_id = ? and b.uid = ? and w.owner_id is not null
                        """).params(festivalId, uid).query(UUID.class).optional();
    }

    /** Wristbands bound to a ticket. */
    List<String> wristbandsOfTicket(UUID ticketId) {
        return jdbc.sql("select uid from wristband where ticket_id = ? union select uid from gate_checkin"
                        + " where ticket_id = ? and uid is not null")
                .params(ticketId, ticketId)
                .query(String.class)
                .list();
    }

    /** Paid and revoked times of a ticket. */
    record TicketTimes(Instant createdAt, Instant paidAt, Instant revokedAt) {}

    Optional<TicketTimes> ticketTimes(UUID ticketId) {
        return jdbc.sql("select created_at, paid_at, revoked_at from ticket where id = ?")
                .param(ticketId)
                .query((rs, n) -> new TicketTimes(instant(rs, 1), instant(rs, 2), instant(rs, 3)))
                .optional();
    }

    /** Staff badges (wristbands bound to a staff account) per user. */
    Map<UUID, List<String>> badges() {
        Map<UUID, List<String>> result = new LinkedHashMap<>();
        jdbc.sql("select staff_user_id, uid from wristband where staff_user_id is not null order by uid")
                .query(rs -> {
                    result.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                            .add(rs.getString(2));
                });
        return result;
    }

    record AuditFilter(UUID festivalId, String action, String actor, Instant from, Instant to, Long beforeSeq) {}

    /** Audit events matching the filter, newest first, at most {@code limit}; queued ones chained first. */
    List<AuditEvent> audit(AuditFilter f, int limit) {
        auditLog.flush(); // events still queued for the chain are shown too (decision 0140)
        StringBuilder sql = new StringBuilder("select seq, at, actor, action, festival_id, subject, details, prev_hash,"
                + " hash from audit_event where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.festivalId() != null) {
            sql.append(" and festival_id = ?");
            params.add(f.festivalId());
        }
        if (f.action() != null) {
            sql.append(" and action like ?");
            params.add(f.action().replace("%", "").replace("_", "\\_") + "%");
        }
        if (f.actor() != null) {
            sql.append(" and actor = ?");
            params.add(f.actor());
        }
        if (f.from() != null) {
            sql.append(" and at >= ?");
            params.add(utc(f.from()));
        }
        if (f.to() != null) {
            sql.append(" and at < ?");
            params.add(utc(f.to()));
        }
        if (f.beforeSeq() != null) {
            sql.append(" and seq < ?");
            params.add(f.beforeSeq());
        }
        sql.append(" order by seq desc fetch first ").append(limit).append(" rows only");
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, n) -> new AuditEvent(
                        rs.getLong(1),
                        instant(rs, 2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getObject(5, UUID.class),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)))
                .list();
    }

    /** Distinct audit actions, for the filter's suggestions. */
    List<String> auditActions() {
        return jdbc.sql("select distinct action from audit_event order by action fetch first 200 rows only")
                .query(String.class)
                .list();
    }

    private static Object longOrNull(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
