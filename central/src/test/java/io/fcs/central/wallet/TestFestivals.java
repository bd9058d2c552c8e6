package io.fcs.central.wallet;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Creates festivals for tests of the cashless, sync and finance packages (straight into central-a's table). */
public final class TestFestivals {

    private TestFestivals() {}

    public static UUID create(JdbcClient jdbc) {
        return create(jdbc, 2_000);
    }

    public static UUID create(JdbcClient jdbc, long offlineAllowanceCents) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO festival (id, name, venue, start_date, end_date, status, currency, time_zone,
                            day_cutover, offline_allowance_cents, config_version, revocation_version, created_at)
                        VALUES (:id, :name, 'Test field', :start, :end, 'PUBLISHED', 'EUR', 'Europe/Paris', '06:00',
                            :allowance, 1, 0, :now)
                        """)
                .param("id", id)
                .param("name", "Festival " + id)
                .param("start", LocalDate.of(2026, 7, 10))
                .param("end", LocalDate.of(2026, 7, 12))
                .param("allowance", offlineAllowanceCents)
                .param("now", OffsetDateTime.now(ZoneOffset.UTC))
                .update();
        return id;
    }
}
