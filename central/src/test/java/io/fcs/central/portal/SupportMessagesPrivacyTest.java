package io.fcs.central.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.config.PersonalData;
import io.fcs.central.testing.CentralTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SupportMessagesPrivacyTest extends CentralTest {

    @Autowired
    SupportRequests requests;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PersonalData personalData;

    private String idOf(String bearer) throws Exception {
        return read(apiGet("/auth/me", bearer), "$.id");
    }

    @Test
    void theDataExportHoldsTheSupportMessagesSentLoggedInAndLoggedOutUnderTheAccountsEmail() throws Exception {
        String email = uniqueEmail("support");
        apiPost("/auth/register", null, """
                {"email":"%s","password":"password-1234","name":"Sam Support"}""".formatted(email));
        String bearer = bearerOf(email, "password-1234");
        UUID user = UUID.fromString(idOf(bearer));
        requests.submit(new SupportRequests.NewRequest(
                user, null, "Sam Support", email, SupportRequests.Topic.REFUND, "My refund has not arrived"));
        requests.submit(new SupportRequests.NewRequest(
                null,
                null,
                "Sam S.",
                " " + email.toUpperCase(java.util.Locale.ROOT),
                SupportRequests.Topic.OTHER,
                "Sent before I had an account"));
        requests.submit(new SupportRequests.NewRequest(
                null, null, "Someone Else", uniqueEmail("other"), SupportRequests.Topic.OTHER, "Not Sam's"));

        apiGet("/me/data", bearer)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.data.supportMessages.length()").value(2))
                .andExpect(jsonPath("$.data.supportMessages[0].message").value("My refund has not arrived"))
                .andExpect(jsonPath("$.data.supportMessages[0].topic").value("REFUND"))
                .andExpect(jsonPath("$.data.supportMessages[1].message").value("Sent before I had an account"));
    }

    @Test
    void erasurePseudonymisesTheSupportMessagesAndTheirTextButKeepsTheirRows() throws Exception {
        String email = uniqueEmail("forget-support");
        apiPost("/auth/register", null, """
                {"email":"%s","password":"password-1234","name":"Fay Forget"}""".formatted(email));
        String bearer = bearerOf(email, "password-1234");
        UUID user = UUID.fromString(idOf(bearer));
        UUID loggedIn = requests.submit(new SupportRequests.NewRequest(
                user, null, "Fay Forget", email, SupportRequests.Topic.WRISTBAND, "Lost my wristband at stage B"));
        UUID loggedOut = requests.submit(new SupportRequests.NewRequest(
                null, null, "Fay", email, SupportRequests.Topic.OTHER, "Call me on 0612345678"));

        apiPost("/me/erasure", bearer, null).andExpect(status().isOk());

        for (UUID id : List.of(loggedIn, loggedOut)) {
            var row = jdbc.sql("select name_enc, email_enc, message_enc, email_hash, topic, user_id"
                            + " from portal_support_request where id = ?")
                    .param(id)
                    .query((rs, n) -> new Object[] {
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getObject(6, UUID.class)
                    })
                    .single();
            assertThat(personalData.decrypt((String) row[0])).isEqualTo("Erased user");
            assertThat(personalData.decrypt((String) row[1]))
                    .doesNotContain(email)
                    .endsWith("@erased.invalid");
            assertThat(personalData.decrypt((String) row[2])).isEqualTo("[erased]");
            assertThat(row[3]).isNull();
            assertThat(row[5]).isEqualTo(user);
        }
        assertThat(requests.recent(500).stream().map(SupportRequests.SupportRequest::message))
                .doesNotContain("Lost my wristband at stage B", "Call me on 0612345678");
    }
}
