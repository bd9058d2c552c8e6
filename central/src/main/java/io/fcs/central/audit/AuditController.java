package io.fcs.central.audit;

import io.fcs.central.auth.CurrentUser;
import io.fcs.central.web.ApiException;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reading and verifying the audit log (ADMIN; FINANCE for the festivals of its scope). */
@RestController
@Validated
@Tag(name = "audit")
class AuditController {

    private final JdbcClient jdbc;
    private final AuditVerifier verifier;
    private final AuditLog audit;

    AuditController(JdbcClient jdbc, AuditVerifier verifier, AuditLog audit) {
        this.jdbc = jdbc;
        this.verifier = verifier;
        this.audit = audit;
    }

    @GetMapping("/admin/audit")
    @PreAuthorize("hasAnyRole('ADMIN','FINANCE')")
    List<AuditEvent> events(
            @RequestParam(required = false) UUID festivalId,
            @RequestParam(required = false) @Size(max = 100) String action,
            @RequestParam(required = false) @Size(max = 100) String actor,
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false, defaultValue = "0") @Min(0) long afterSeq,
            @RequestParam(required = false, defaultValue = "100") @Min(1) @Max(1000) int limit) {
        CurrentUser caller = CurrentUser.require();
        if (!caller.isAdmin() && !caller.festivals().isEmpty()) {
            if (festivalId == null) {
                throw ApiException.badRequest("festivalId is required for staff scoped to festivals");
            }
            caller.requireFestival(festivalId);
        }
        audit.flush();
        StringBuilder sql = new StringBuilder("select seq, at, actor, action, festival_id, subject, details, prev_hash,"
                + " hash from audit_event where seq > ?");
        List<Object> params = new ArrayList<>();
        params.add(afterSeq);
        if (festivalId != null) {
            sql.append(" and festival_id = ?");
            params.add(festivalId);
        }
        if (action != null) {
            sql.append(" and action = ?");
            params.add(action);
        }
        if (actor != null) {
            sql.append(" and actor = ?");
            params.add(actor);
        }
        if (from != null) {
            sql.append(" and at >= ?");
            params.add(OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" and at < ?");
            params.add(OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        }
        sql.append(" order by seq fetch first ").append(limit).append(" rows only");
        return jdbc.sql(sql.toString())
                .params(params)
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
    }

    @GetMapping("/admin/audit/verify")
    @PreAuthorize("hasRole('ADMIN')")
    AuditVerifier.Verification verify() {
        audit.flush();
        return verifier.verify();
    }
}
