package io.fcs.central.audit;

import io.fcs.central.jdbc.MultiRow;
import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two steps (decision 0140). {@link #record} inserts the event into {@code audit_inbox} in the
 * caller's transaction: it takes no lock another transaction waits for, and a rolled-back action
 * leaves nothing. {@link #flush} (every {@code central.audit.chain-delay}, and before every read of
 * the log) takes the committed inbox rows in id order under the lock of the single
 * {@code audit_head} row, gives them the next sequence numbers and chains each hash to the previous
 * one, in batches: a changed, removed or inserted event breaks the chain at that point
 * ({@link AuditVerifier}).
 */
@Service
class JdbcAuditLog implements AuditLog {

    private static final Logger log = LoggerFactory.getLogger(JdbcAuditLog.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final int BATCH = 500;

    private static final List<MultiRow.Column> EVENT_COLUMNS = List.of(
            MultiRow.Column.BIGINT,
            MultiRow.Column.TIMESTAMPTZ,
            MultiRow.Column.TEXT,
            MultiRow.Column.TEXT,
            MultiRow.Column.UUID,
            MultiRow.Column.TEXT,
            MultiRow.Column.TEXT,
            MultiRow.Column.TEXT,
            MultiRow.Column.TEXT);

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate newTransaction;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, JdbcTemplate template, PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.template = template;
        this.newTransaction = new TransactionTemplate(transactions);
        this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.clock = clock;
    }

    @Override
    public void record(String action, UUID festivalId, String subject, Map<String, ?> details) {
        // The token's subject is the user id (see auth); read here without depending on auth.
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        String actor = auth != null
                        && auth.isAuthenticated()
                        && auth.getName() != null
                        && !auth.getName().isBlank()
                        && !"anonymousUser".equals(auth.getName())
                ? "user:" + auth.getName()
                : "system";
        record(actor, action, festivalId, subject, details);
    }

    @Override
    public void record(String actor, String action, UUID festivalId, String subject, Map<String, ?> details) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String json = JSON.writeValueAsString(new TreeMap<>(details == null ? Map.of() : details));
        jdbc.sql("insert into audit_inbox (at, actor, action, festival_id, subject, details)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(OffsetDateTime.ofInstant(at, ZoneOffset.UTC), actor, action, festivalId, subject, json)
                .update();
    }

    @Override
    public void flush() {
        while (chainBatch() == BATCH) {
            // more waiting: next batch
        }
    }

    @Scheduled(
            fixedDelayString = "${central.audit.chain-delay:PT0.2S}",
            initialDelayString = "${central.audit.chain-delay:PT0.2S}")
    void chainWaitingEvents() {
        try {
            flush();
        } catch (RuntimeException e) {
            // The events stay in the inbox and are chained by the next run.
            log.warn("audit events could not be chained yet: {}", e.toString());
        }
    }

    /** Chains up to {@link #BATCH} committed inbox events in one transaction; answers how many. */
    private int chainBatch() {
        Integer chained = newTransaction.execute(status -> {
            record Head(long seq, String hash) {}
            Head head = jdbc.sql("select seq, hash from audit_head where id = 1 for update")
                    .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                    .single();
            record Waiting(
                    long id,
                    OffsetDateTime at,
                    String actor,
                    String action,
                    UUID festival,
                    String subject,
                    String json) {}
            List<Waiting> waiting = jdbc.sql("select id, at, actor, action, festival_id, subject, details"
                            + " from audit_inbox order by id fetch first " + BATCH + " rows only")
                    .query((rs, n) -> new Waiting(
                            rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getObject(5, UUID.class),
                            rs.getString(6),
                            rs.getString(7)))
                    .list();
            if (waiting.isEmpty()) {
                return 0;
            }
            long seq = head.seq();
            String prev = head.hash();
            List<Object[]> events = new ArrayList<>(waiting.size());
            List<Long> taken = new ArrayList<>(waiting.size());
            for (Waiting w : waiting) {
                seq++;
                Instant at = w.at().toInstant();
                String hash = hash(prev, seq, at, w.actor(), w.action(), w.festival(), w.subject(), w.json());
                events.add(new Object[] {
                    seq,
                    OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                    w.actor(),
                    w.action(),
                    w.festival(),
                    w.subject(),
                    w.json(),
                    prev,
                    hash
                });
                taken.add(w.id());
                prev = hash;
            }
            // set-based (decision 0283): one statement for the batch's events, one for its inbox rows
            MultiRow.insert(
                    template,
                    "insert into audit_event (seq, at, actor, action, festival_id, subject, details, prev_hash, hash)",
                    EVENT_COLUMNS,
                    null,
                    events);
            template.update(connection -> {
                PreparedStatement delete = connection.prepareStatement("delete from audit_inbox where id = any (?)");
                delete.setArray(1, connection.createArrayOf("bigint", taken.toArray()));
                return delete;
            });
            jdbc.sql("update audit_head set seq = ?, hash = ? where id = 1")
                    .params(seq, prev)
                    .update();
            return waiting.size();
        });
        return chained == null ? 0 : chained;
    }

    static String hash(
            String prevHash,
            long seq,
            Instant at,
            String actor,
            String action,
            UUID festivalId,
            String subject,
            String details) {
        String canonical = String.join(
                "\n",
                prevHash,
                Long.toString(seq),
                at.toString(),
                actor,
                action,
                festivalId == null ? "" : festivalId.toString(),
                subject == null ? "" : subject,
                details);
        return Bytes.hex(Sha256.hash(canonical.getBytes(StandardCharsets.UTF_8)));
    }
}
