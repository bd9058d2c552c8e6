package io.fcs.central.audit;

import io.fcs.protocol.crypto.Bytes;
import io.fcs.protocol.crypto.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Appends under the lock of the single {@code audit_head} row: sequence numbers follow commit
 * order and each hash covers the previous one, so a changed, removed or inserted row breaks the
 * chain at that point ({@link AuditVerifier}).
 */
@Service
class JdbcAuditLog implements AuditLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    JdbcAuditLog(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
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
    @Transactional(propagation = Propagation.REQUIRED)
    public void record(String actor, String action, UUID festivalId, String subject, Map<String, ?> details) {
        jdbc.sql("update audit_head set seq = seq + 1 where id = 1").update();
        record Head(long seq, String hash) {}
        Head head = jdbc.sql("select seq, hash from audit_head where id = 1")
                .query((rs, n) -> new Head(rs.getLong(1), rs.getString(2)))
                .single();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String json = JSON.writeValueAsString(new TreeMap<>(details == null ? Map.of() : details));
        String hash = hash(head.hash(), head.seq(), at, actor, action, festivalId, subject, json);
        jdbc.sql("insert into audit_event (seq, at, actor, action, festival_id, subject, details, prev_hash, hash)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        head.seq(),
                        OffsetDateTime.ofInstant(at, ZoneOffset.UTC),
                        actor,
                        action,
                        festivalId,
                        subject,
                        json,
                        head.hash(),
                        hash)
                .update();
        jdbc.sql("update audit_head set hash = ? where id = 1").param(hash).update();
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
