package io.fcs.central.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.auth.Role;
import io.fcs.central.testing.CentralTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class AuditLogTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AuditLog audit;

    @Test
    void adminActionsAreAuditedWithActorAndFilterable() throws Exception {
        String festival = createFestival("Audited");
        apiGet("/admin/audit?festivalId=" + festival + "&action=festival.created", adminBearer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].actor").value(org.hamcrest.Matchers.startsWith("user:")))
                .andExpect(jsonPath("$[0].hash").exists());
        apiGet("/admin/audit?festivalId=" + festival, adminBearer())
                .andExpect(jsonPath("$[?(@.action == 'ticket_key.generated')]").isNotEmpty());
        apiGet("/admin/audit", newAttendee()).andExpect(status().isForbidden());
        apiGet("/admin/audit/verify", tokens.bearer(Role.FINANCE)).andExpect(status().isForbidden());
        apiGet("/admin/audit?limit=0", adminBearer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
    }

    @Test
    void theChainIsIntactAndAnEditedEventBreaksItAtThatEvent() throws Exception {
        createFestival("Chained");
        apiGet("/admin/audit/verify", adminBearer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true));
        long seq =
                jdbc.sql("select max(seq) from audit_event").query(Long.class).single();
        String original = jdbc.sql("select details from audit_event where seq = ?")
                .param(seq)
                .query(String.class)
                .single();
        try {
            jdbc.sql("update audit_event set details = ? where seq = ?")
                    .params("{\"forged\":true}", seq)
                    .update();
            apiGet("/admin/audit/verify", adminBearer())
                    .andExpect(jsonPath("$.intact").value(false))
                    .andExpect(jsonPath("$.firstBrokenSeq").value(seq));
        } finally {
            jdbc.sql("update audit_event set details = ? where seq = ?")
                    .params(original, seq)
                    .update();
        }
        apiGet("/admin/audit/verify", adminBearer())
                .andExpect(jsonPath("$.intact").value(true));
    }

    @Test
    void eventsChainedManyAtATimeAreEachStoredOnceAndTheChainHolds() throws Exception {
        // other events may be chained meanwhile (a test context's background work): count these only
        long before = jdbc.sql("select count(*) from audit_event where action = 'test.bulk'")
                .query(Long.class)
                .single();
        int events = JdbcAuditLog.BATCH * 2 + 200; // three batches, one of them partly filled
        for (int i = 0; i < events; i++) {
            audit.record("system", "test.bulk", null, "event-" + i, java.util.Map.of("i", i));
        }
        audit.flush();

        assertThat(jdbc.sql("select count(*) from audit_event where action = 'test.bulk'")
                        .query(Long.class)
                        .single())
                .isEqualTo(before + events);
        assertThat(jdbc.sql("select count(distinct subject) from audit_event where action = 'test.bulk'")
                        .query(Long.class)
                        .single())
                .isEqualTo(events);
        assertThat(jdbc.sql("select count(*) from audit_inbox where action = 'test.bulk'")
                        .query(Long.class)
                        .single())
                .isZero();
        apiGet("/admin/audit/verify", adminBearer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.intact").value(true));
    }
}
