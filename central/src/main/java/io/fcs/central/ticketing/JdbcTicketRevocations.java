package io.fcs.central.ticketing;

import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.TicketId;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

@Repository
class JdbcTicketRevocations implements TicketRevocations {

    private final JdbcClient jdbc;

    JdbcTicketRevocations(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long currentVersion(FestivalId festival) {
        return jdbc.sql("select revocation_version from festival where id = ?")
                .param(festival.value())
                .query(Long.class)
                .optional()
                .orElse(0L);
    }

    @Override
    public List<Revocation> since(FestivalId festival, long sinceVersion) {
        return jdbc.sql("select version, ticket_id, reason, revoked_at from ticket_revocation"
                        + " where festival_id = ? and version > ? order by version")
                .params(festival.value(), sinceVersion)
                .query((rs, n) -> new Revocation(
                        rs.getLong(1),
                        TicketId.of(rs.getObject(2, UUID.class)),
                        rs.getString(3),
                        rs.getObject(4, OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Appends a revocation in the caller's transaction; a ticket is revoked at most once. */
    @Transactional(propagation = Propagation.MANDATORY)
    long revoke(UUID festivalId, UUID ticketId, String reason, Instant at) {
        jdbc.sql("update festival set revocation_version = revocation_version + 1 where id = ?")
                .param(festivalId)
                .update();
        long version = jdbc.sql("select revocation_version from festival where id = ?")
                .param(festivalId)
                .query(Long.class)
                .single();
        jdbc.sql("insert into ticket_revocation (festival_id, version, ticket_id, reason, revoked_at)"
                        + " values (?, ?, ?, ?, ?)")
                .params(festivalId, version, ticketId, reason, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .update();
        return version;
    }
}
