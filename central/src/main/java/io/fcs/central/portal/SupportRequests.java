package io.fcs.central.portal;

import io.fcs.central.config.PersonalData;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Messages attendees send through the support page. Name, e-mail and message are personal data,
 * encrypted at rest like the rest of central's; the festival's team reads them through
 * {@link #recent(int)} (for the back-office).
 */
@Service
public class SupportRequests {

    /** What a message is about; the form offers these. */
    public enum Topic {
        TICKETS,
        PAYMENT,
        WRISTBAND,
        REFUND,
        OTHER
    }

    /** A message as the festival's team reads it. */
    public record SupportRequest(
            UUID id,
            UUID userId,
            UUID festivalId,
            String name,
            String email,
            Topic topic,
            String message,
            String status,
            Instant createdAt) {}

    /** What the form sends, already checked by the support page. */
    record NewRequest(UUID userId, UUID festivalId, String name, String email, Topic topic, String message) {}

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final Clock clock;

    SupportRequests(JdbcClient jdbc, PersonalData personalData, Clock clock) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.clock = clock;
    }

    @Transactional
    UUID submit(NewRequest request) {
        UUID id = UUID.randomUUID();
        jdbc.sql("insert into portal_support_request (id, user_id, festival_id, name_enc, email_enc, email_hash,"
                        + " topic, message_enc, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN', ?)")
                .params(
                        id,
                        request.userId(),
                        request.festivalId(),
                        personalData.encrypt(request.name()),
                        personalData.encrypt(request.email()),
                        personalData.lookupHash(request.email()),
                        request.topic().name(),
                        personalData.encrypt(request.message()),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        return id;
    }

    /** The newest messages first, at most {@code limit} (1..500), decrypted for the festival's team. */
    @Transactional(readOnly = true)
    public List<SupportRequest> recent(int limit) {
        return jdbc.sql("select id, user_id, festival_id, name_enc, email_enc, topic, message_enc, status, created_at"
                        + " from portal_support_request order by created_at desc, id limit ?")
                .param(Math.max(1, Math.min(limit, 500)))
                .query((rs, n) -> new SupportRequest(
                        rs.getObject(1, UUID.class),
                        rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class),
                        personalData.decrypt(rs.getString(4)),
                        personalData.decrypt(rs.getString(5)),
                        Topic.valueOf(rs.getString(6)),
                        personalData.decrypt(rs.getString(7)),
                        rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class).toInstant()))
                .list();
    }
}
