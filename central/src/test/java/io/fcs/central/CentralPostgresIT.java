package io.fcs.central;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.testing.PostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class CentralPostgresIT extends PostgresTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void migrationsRunOnPostgresql() throws Exception {
        String product = jdbc.sql("select version()").query(String.class).single();
        assertThat(product).startsWith("PostgreSQL");
        Integer failed = jdbc.sql("select count(*) from flyway_schema_history where success = false")
                .query(Integer.class)
                .single();
        assertThat(failed).isZero();
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"));
    }
}
