package io.fcs.central.wallet;

import io.fcs.central.config.PersonalData;
import io.fcs.central.privacy.PersonalDataContributor;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The post-event refunds part of a GDPR export (section {@code refunds}): every refund of the
 * attendee's cashless accounts with its amount, fee, method, status and the full IBAN they gave
 * for a bank transfer. Erasure removes the IBAN; the refund row, its amounts and its ledger
 * entries stay. A bank transfer finance has not paid yet keeps its IBAN until it is marked paid,
 * since the money is still owed to the person (decision 0223).
 */
@Component
class RefundPersonalData implements PersonalDataContributor {

    private final JdbcClient jdbc;
    private final PersonalData personalData;

    RefundPersonalData(JdbcClient jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    @Override
    public String section() {
        return "refunds";
    }

    @Override
    public Object export(UUID userId) {
        return jdbc.sql("select r.id, r.festival_id, r.method, r.amount, r.fee, r.currency, r.status, r.iban_enc,"
                        + " r.created_at, r.paid_at from cashless_refund r join cashless_wallet w on w.id = r.wallet_id"
                        + " where w.owner_id = ? order by r.created_at, r.id")
                .params(userId)
                .query((rs, n) -> {
                    Map<String, Object> refund = new LinkedHashMap<>();
                    refund.put("id", rs.getObject(1, UUID.class));
                    refund.put("festivalId", rs.getObject(2, UUID.class));
                    refund.put("method", rs.getString(3));
                    refund.put("amountCents", rs.getLong(4));
                    refund.put("feeCents", rs.getLong(5));
                    refund.put("currency", rs.getString(6));
                    refund.put("status", rs.getString(7));
                    refund.put(
                            "iban",
                            Optional.ofNullable(rs.getString(8))
                                    .map(personalData::decrypt)
                                    .orElse(null));
                    refund.put(
                            "requestedAt", rs.getObject(9, OffsetDateTime.class).toInstant());
                    refund.put(
                            "paidAt",
                            Optional.ofNullable(rs.getObject(10, OffsetDateTime.class))
                                    .map(OffsetDateTime::toInstant)
                                    .orElse(null));
                    return refund;
                })
                .list();
    }

    @Override
    public void erase(UUID userId) {
        jdbc.sql("update cashless_refund set iban_enc = null, iban = null where iban_enc is not null"
                        + " and not (method = 'BANK_TRANSFER' and status = 'REQUESTED')"
                        + " and wallet_id in (select id from cashless_wallet where owner_id = ?)")
                .params(userId)
                .update();
    }
}
