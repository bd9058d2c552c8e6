package io.fcs.central.ticketing;

import io.fcs.central.config.PersonalData;
import io.fcs.central.privacy.PersonalDataContributor;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The tickets part of a GDPR export; erasure replaces the holder name (the sale stays). */
@Component
class TicketPersonalData implements PersonalDataContributor {

    private final TicketSales sales;
    private final JdbcClient jdbc;
    private final PersonalData personalData;

    TicketPersonalData(TicketSales sales, JdbcClient jdbc, PersonalData personalData) {
        this.sales = sales;
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    @Override
    public String section() {
        return "tickets";
    }

    @Override
    public Object export(UUID userId) {
        List<Map<String, Object>> tickets = sales.ofOwner(userId).stream()
                .map(t -> Map.<String, Object>of(
                        "id", t.id(),
                        "festivalId", t.festivalId(),
                        "type", t.type(),
                        "holderName", t.holderName() == null ? "" : t.holderName(),
                        "priceCents", t.priceCents(),
                        "currency", t.currency(),
                        "status", t.status(),
                        "createdAt", t.createdAt()))
                .toList();
        return tickets;
    }

    @Override
    public void erase(UUID userId) {
        jdbc.sql("update ticket set holder_name_enc = ? where owner_id = ?")
                .params(personalData.encrypt("Erased user"), userId)
                .update();
    }
}
