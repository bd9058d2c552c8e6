package io.fcs.central.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fcs.central.config.PersonalData;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Rotation on a database of its own (the Spring tests share one, whose rows must stay under the
 * test key): rows written under an old key, then the new key put first, then the re-encryption.
 */
class DataKeyRotationTest {

    static final String OLD = "k-old:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    static final String NEW = "k-new:HxweHRwbGhkYFxYVFBMSERAPDg0MCwoJCAcGBQQDAgE=";
    static final String LOOKUP = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

    JdbcClient jdbc;
    DataSourceTransactionManager transactions;

    /** An empty database of its own (H2 here; PostgreSQL in {@code DataKeyRotationPostgresIT}). */
    DataSource emptyDatabase() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:rotation-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return data;
    }

    @BeforeEach
    void freshDatabase() {
        DataSource data = emptyDatabase();
        Flyway.configure().dataSource(data).load().migrate();
        jdbc = JdbcClient.create(data);
        transactions = new DataSourceTransactionManager(data);
    }

    private List<String> writeUnder(PersonalData keys, int users) {
        List<String> names = new ArrayList<>();
        OffsetDateTime now = OffsetDateTime.now();
        for (int i = 0; i < users; i++) {
            String name = "Attendee " + i;
            String email = "attendee" + i + "@example.test";
            names.add(name);
            jdbc.sql("insert into app_user (id, email_hash, email_enc, name_enc, password_hash, status, created_at)"
                            + " values (?, ?, ?, ?, 'x', 'ACTIVE', ?)")
                    .params(UUID.randomUUID(), keys.lookupHash(email), keys.encrypt(email), keys.encrypt(name), now)
                    .update();
            jdbc.sql("insert into portal_support_request (id, user_id, name_enc, email_enc, email_hash, topic,"
                            + " message_enc, status, created_at) values (?, null, ?, ?, ?, 'OTHER', ?, 'OPEN', ?)")
                    .params(
                            UUID.randomUUID(),
                            keys.encrypt(name),
                            keys.encrypt(email),
                            keys.lookupHash(email),
                            keys.encrypt("Where is my refund, " + name + "?"),
                            now)
                    .update();
        }
        UUID festival = UUID.randomUUID();
        jdbc.sql("insert into festival (id, name, venue, start_date, end_date, status, currency, time_zone,"
                        + " day_cutover, offline_allowance_cents, config_version, revocation_version, created_at)"
                        + " values (?, 'Rotation', 'Field', date '2027-07-01', date '2027-07-03', 'DRAFT', 'EUR',"
                        + " 'Europe/Paris', '06:00', 0, 1, 0, ?)")
                .params(festival, now)
                .update();
        jdbc.sql("insert into ticket_key (festival_id, key_id, public_key, private_key_enc, valid_from, created_at)"
                        + " values (?, 'tk1', 'pub', ?, ?, ?)")
                .params(festival, keys.encryptBytes(new byte[] {1, 2, 3}), now, now)
                .update();
        return names;
    }

    private List<String> all(String sql) {
        return jdbc.sql(sql).query(String.class).list();
    }

    @Test
    void afterRotationNoValueIsLeftUnderTheOldKeyAndEverythingDecryptsWithTheNewKeyAlone() {
        List<String> names = writeUnder(PersonalData.of(OLD, LOOKUP), 7);
        DataKeyRotation rotation = new DataKeyRotation(jdbc, PersonalData.of(NEW + "," + OLD, LOOKUP), transactions);
        assertThat(rotation.status().valuesByKey()).containsEntry("k-old", 7L * 5 + 1);
        assertThat(rotation.status().retirableKeyIds()).isEmpty();

        // A bounded run stops part-way: running again resumes where it stopped.
        DataKeyRotation.Report partial = rotation.reencrypt(3, 10);
        assertThat(partial.reencrypted()).isEqualTo(10);
        assertThat(partial.complete()).isFalse();
        assertThat(partial.valuesByKey()).containsEntry("k-old", 7L * 5 + 1 - 10);
        DataKeyRotation.Report finished = rotation.reencrypt(4, 1_000);

        assertThat(finished.complete()).isTrue();
        assertThat(finished.failed()).isZero();
        assertThat(finished.valuesByKey()).containsEntry("k-old", 0L).containsEntry("k-new", 7L * 5 + 1);
        assertThat(finished.retirableKeyIds()).containsExactly("k-old");
        PersonalData newKeyOnly = PersonalData.of(NEW, LOOKUP);
        assertThat(all("select name_enc from app_user").stream().map(newKeyOnly::decrypt))
                .containsExactlyInAnyOrderElementsOf(names);
        assertThat(all("select message_enc from portal_support_request").stream()
                        .map(newKeyOnly::decrypt))
                .allMatch(m -> m.startsWith("Where is my refund, Attendee "));
        assertThat(all("select email_enc from app_user").stream().map(newKeyOnly::decrypt))
                .allMatch(e -> e.endsWith("@example.test"));
        assertThat(newKeyOnly.decryptBytes(
                        all("select private_key_enc from ticket_key").getFirst()))
                .containsExactly(1, 2, 3);
        assertThatThrownBy(() -> PersonalData.of(OLD, LOOKUP)
                        .decrypt(all("select name_enc from app_user").getFirst()))
                .isInstanceOf(IllegalStateException.class);
        assertThat(rotation.reencrypt(10, 10).reencrypted()).isZero();
    }

    @Test
    void aValueThatDoesNotDecryptIsCountedAndKeepsItsKeyFromBeingRetired() {
        writeUnder(PersonalData.of(OLD, LOOKUP), 3);
        String tampered = jdbc.sql("select name_enc from app_user order by id fetch first 1 rows only")
                .query(String.class)
                .single();
        String broken = tampered.substring(0, tampered.length() - 4) + (tampered.endsWith("AAAA") ? "BBBB" : "AAAA");
        jdbc.sql("update app_user set name_enc = ? where name_enc = ?")
                .params(broken, tampered)
                .update();
        DataKeyRotation rotation = new DataKeyRotation(jdbc, PersonalData.of(NEW + "," + OLD, LOOKUP), transactions);

        DataKeyRotation.Report report = rotation.reencrypt(2, 1_000);

        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.reencrypted()).isEqualTo(3L * 5 + 1 - 1);
        assertThat(report.valuesByKey()).containsEntry("k-old", 1L);
        assertThat(report.retirableKeyIds()).isEmpty();
        assertThat(report.complete()).isFalse();
    }

    @Test
    void valuesUnderAKeyNoLongerConfiguredAreReportedAsUnknown() {
        writeUnder(PersonalData.of(OLD, LOOKUP), 1);
        DataKeyRotation rotation = new DataKeyRotation(jdbc, PersonalData.of(NEW, LOOKUP), transactions);

        DataKeyRotation.Report report = rotation.reencrypt(10, 10);

        assertThat(report.valuesUnderUnknownKey()).isEqualTo(6);
        assertThat(report.reencrypted()).isZero();
        assertThat(report.complete()).isFalse();
    }

    @Test
    void everyEncryptedColumnOfTheSchemaIsReEncryptedByTheRotation() {
        List<String> schema = jdbc.sql("select lower(table_name) || '.' || lower(column_name) from"
                        + " information_schema.columns where lower(column_name) like '%\\_enc' escape '\\'"
                        + " and lower(table_schema) = 'public'")
                .query(String.class)
                .list();

        assertThat(schema).isNotEmpty();
        assertThat(DataKeyRotation.COLUMNS.stream().map(DataKeyRotation.Column::name))
                .containsExactlyInAnyOrderElementsOf(schema);
    }
}
