package io.fcs.central.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.testing.CentralTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class PrivacyTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    @Test
    void personalDataIsEncryptedAtRestAndFoundByKeyedHash() throws Exception {
        String email = uniqueEmail("secret");
        String id = read(
                apiPost(
                        "/auth/register",
                        null,
                        "{\"email\":\"%s\",\"password\":\"password-1234\",\"name\":\"Marie Curie\"}".formatted(email)),
                "$.id");
        var row = jdbc.sql("select email_hash, email_enc, name_enc from app_user where id = ?")
                .param(UUID.fromString(id))
                .query((rs, n) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .single();
        assertThat(row[0]).hasSize(64).doesNotContain("secret");
        assertThat(row[1]).startsWith("v1:k-test:").doesNotContain(email);
        assertThat(row[2]).startsWith("v1:k-test:").doesNotContain("Curie");
    }

    @Test
    void theExportHoldsTheAccountAndTickets() throws Exception {
        String festival = createFestival("Export");
        String type = createTicketType(festival, 1500, 5);
        String attendee = newAttendee();
        apiPost("/tickets/buy", attendee, "{\"ticketTypeId\":\"%s\",\"quantity\":1}".formatted(type))
                .andExpect(status().isCreated());
        apiGet("/me/data", attendee)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.user.name").value("Ada Attendee"))
                .andExpect(jsonPath("$.data.tickets.length()").value(1))
                .andExpect(jsonPath("$.data.tickets[0].priceCents").value(1500));
    }

    @Test
    void erasurePseudonymisesTheUserButKeepsTheSale() throws Exception {
        String festival = createFestival("Erase");
        String type = createTicketType(festival, 2000, 5);
        String email = uniqueEmail("forget");
        apiPost(
                "/auth/register",
                null,
                "{\"email\":\"%s\",\"password\":\"password-1234\",\"name\":\"Forget Me\"}".formatted(email));
        String bearer = bearerOf(email, "password-1234");
        String ticket = read(
                apiPost("/tickets/buy", bearer, "{\"ticketTypeId\":\"%s\",\"quantity\":1}".formatted(type)),
                "$.tickets[0].id");
        apiPost("/me/erasure", bearer, null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ERASED"));
        apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"password-1234\"}".formatted(email))
                .andExpect(status().isUnauthorized());
        apiGet("/admin/festivals/" + festival + "/tickets", adminBearer())
                .andExpect(jsonPath("$[?(@.id == '" + ticket + "')].holderName")
                        .value(org.hamcrest.Matchers.contains("Erased user")))
                .andExpect(jsonPath("$[?(@.id == '" + ticket + "')].status")
                        .value(org.hamcrest.Matchers.contains("VALID")));
        int orders = jdbc.sql("select count(*) from ticket_order where ticket_type_id = ?")
                .param(UUID.fromString(type))
                .query(Integer.class)
                .single();
        assertThat(orders).isEqualTo(1);
        apiPost(
                        "/auth/register",
                        null,
                        "{\"email\":\"%s\",\"password\":\"password-1234\",\"name\":\"New Me\"}".formatted(email))
                .andExpect(status().isCreated());
    }

    @Test
    void theDataKeyStatusShowsEveryValueUnderTheActiveKeyAndAReEncryptionRunFindsNothingOlder() throws Exception {
        apiGet("/admin/data-keys", adminBearer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.activeKeyId").value("k-test"))
                .andExpect(jsonPath("$.complete").value(true))
                .andExpect(jsonPath("$.valuesUnderUnknownKey").value(0));
        apiPost("/admin/data-keys/re-encryption", adminBearer(), "{\"batchSize\":100,\"maxRows\":1000}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reencrypted").value(0))
                .andExpect(jsonPath("$.complete").value(true));
    }

    @Test
    void aReEncryptionRunWithBadBoundsOrByAnotherRoleIsRefusedWithAProblemCode() throws Exception {
        apiPost("/admin/data-keys/re-encryption", adminBearer(), "{\"batchSize\":0}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        apiPost("/admin/data-keys/re-encryption", adminBearer(), "{\"maxRows\":-5}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        apiPost("/admin/data-keys/re-encryption", adminBearer(), "{\"batchSize\":\"many\"}")
                .andExpect(status().isBadRequest());
        apiPost("/admin/data-keys/re-encryption", tokens.bearer(io.fcs.central.auth.Role.FINANCE), null)
                .andExpect(status().isForbidden());
        apiGet("/admin/data-keys", newAttendee()).andExpect(status().isForbidden());
    }
}
