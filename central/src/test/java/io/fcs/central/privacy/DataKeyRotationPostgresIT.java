package io.fcs.central.privacy;

import io.fcs.central.testing.EmbeddedPostgres;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The same rotation rules on a real PostgreSQL, each test on a database of its own. */
class DataKeyRotationPostgresIT extends DataKeyRotationTest {

    @Override
    DataSource emptyDatabase() {
        String name = "rotation_" + UUID.randomUUID().toString().replace("-", "");
        JdbcClient.create(EmbeddedPostgres.get().getPostgresDatabase())
                .sql("create database " + name)
                .update();
        return EmbeddedPostgres.get().getDatabase("postgres", name);
    }
}
