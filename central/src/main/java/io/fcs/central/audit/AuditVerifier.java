package io.fcs.central.audit;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Walks the audit chain from the first event: each event's hash must be recomputable from its
 * fields and the previous hash, sequence numbers must have no gaps, and the head must name the
 * last event. Any edit, deletion or insertion shows as the first broken sequence number.
 */
@Component
class AuditVerifier {

    private static final int PAGE = 1000;
    static final String GENESIS = "0".repeat(64);

    private final JdbcClient jdbc;

    AuditVerifier(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Verification(
            boolean intact, long events, long headSeq, String headHash, Long firstBrokenSeq, String reason) {}

    Verification verify() {
        record Head(long seq, String hash) {}
        Head head = jdbc.sql("select seq, hash from audit_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
        String prev = GENESIS;
        long expected = 1;
        long count = 0;
        while (true) {
            List<AuditEvent> page = jdbc.sql("select seq, at, actor, action, festival_id, subject, details, prev_hash,"
                            + " hash from audit_event where seq >= ? order by seq fetch first " + PAGE + " rows only")
                    .param(expected)
                    .query((rs, n) -> new AuditEvent(
                            rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5, UUID.class),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9)))
                    .list();
            for (AuditEvent e : page) {
                if (e.seq() != expected) {
                    return broken(count, expected, "event " + expected + " is missing");
                }
                if (!e.prevHash().equals(prev)) {
                    return broken(count, e.seq(), "event does not link to the one before");
                }
                String recomputed = JdbcAuditLog.hash(
                        prev, e.seq(), e.at(), e.actor(), e.action(), e.festivalId(), e.subject(), e.details());
                if (!recomputed.equals(e.hash())) {
                    return broken(count, e.seq(), "event content does not match its hash");
                }
                prev = e.hash();
                expected++;
                count++;
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        if (head.seq() != expected - 1 || !head.hash().equals(prev)) {
            return broken(count, expected, "the head does not name the last event");
        }
        return new Verification(true, count, head.seq(), head.hash(), null, null);
    }

    private static Verification broken(long count, long seq, String reason) {
        return new Verification(false, count, -1, null, seq, reason);
    }
}
