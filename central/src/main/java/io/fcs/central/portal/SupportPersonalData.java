package io.fcs.central.portal;

import io.fcs.central.auth.UserAccounts;
import io.fcs.central.config.PersonalData;
import io.fcs.central.privacy.PersonalDataContributor;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The support messages part of a GDPR export: every message the attendee sent through the
 * portal's contact form, logged in (by user id) or not (by the keyed hash of the e-mail they gave,
 * when it is their account's). Erasure pseudonymises name, e-mail and text; the message's row,
 * topic and date stay (decision 0222).
 */
@Component
class SupportPersonalData implements PersonalDataContributor {

    static final String ERASED_NAME = "Erased user";
    static final String ERASED_TEXT = "[erased]";

    private final JdbcClient jdbc;
    private final PersonalData personalData;
    private final UserAccounts users;

    SupportPersonalData(JdbcClient jdbc, PersonalData personalData, UserAccounts users) {
        this.jdbc = jdbc;
        this.personalData = personalData;
        this.users = users;
    }

    @Override
    public String section() {
        return "supportMessages";
    }

    @Override
    public Object export(UUID userId) {
        return jdbc.sql("select id, festival_id, name_enc, email_enc, topic, message_enc, status, created_at"
                        + " from portal_support_request where user_id = ? or email_hash = ? order by created_at, id")
                .params(userId, emailHash(userId))
                .query((rs, n) -> {
                    Map<String, Object> message = new LinkedHashMap<>();
                    message.put("id", rs.getObject(1, UUID.class));
                    message.put("festivalId", rs.getObject(2, UUID.class));
                    message.put("name", personalData.decrypt(rs.getString(3)));
                    message.put("email", personalData.decrypt(rs.getString(4)));
                    message.put("topic", rs.getString(5));
                    message.put("message", personalData.decrypt(rs.getString(6)));
                    message.put("status", rs.getString(7));
                    message.put("sentAt", rs.getObject(8, OffsetDateTime.class).toInstant());
                    return message;
                })
                .list();
    }

    @Override
    public void erase(UUID userId) {
        String pseudonym = "erased-" + userId + "@erased.invalid";
        List<UUID> ids = jdbc.sql("select id from portal_support_request where user_id = ? or email_hash = ?")
                .params(userId, emailHash(userId))
                .query(UUID.class)
                .list();
        for (UUID id : ids) {
            jdbc.sql("update portal_support_request set user_id = ?, name_enc = ?, email_enc = ?, email_hash = null,"
                            + " message_enc = ? where id = ?")
                    .params(
                            userId,
                            personalData.encrypt(ERASED_NAME),
                            personalData.encrypt(pseudonym),
                            personalData.encrypt(ERASED_TEXT),
                            id)
                    .update();
        }
    }

    /** The lookup hash of the account's e-mail, or a value no row holds for an erased account. */
    private String emailHash(UUID userId) {
        return users.find(userId)
                .filter(u -> u.status() != io.fcs.central.auth.UserAccount.Status.ERASED)
                .map(u -> personalData.lookupHash(u.email()))
                .orElse("-");
    }
}
