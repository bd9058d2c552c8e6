package io.fcs.central.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.audit.AuditLog;
import io.fcs.central.auth.Role;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.testing.CentralTest;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import jakarta.servlet.http.Cookie;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A ticket admitted at two gates at once was copied: from the admission conflict's review item
 * security revokes it for entry (decision 0280), on the deny list as FRAUD, its payment kept.
 */
class CopiedTicketReviewTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    AuditLog audit;

    private String festival;
    private String finance;
    private String buyer;
    private String ticket;

    @BeforeEach
    void aSoldTicketAdmittedTwice() throws Exception {
        festival = createFestival("Copied ticket");
        String type = createTicketType(festival, 4_500, 5);
        buyer = newAttendee();
        ticket = buy(type);
        finance = "Bearer " + tokens.token(UUID.randomUUID(), List.of(UUID.fromString(festival)), Role.FINANCE);
        String report = ("[{\"id\":\"%s\",\"festivalId\":\"%s\",\"ticketId\":\"%s\",\"terminalId\":\"%s\","
                        + "\"at\":\"2026-07-10T21:00:00Z\",\"offline\":true,\"outcome\":\"CONFLICT\"}]")
                .formatted(UUID.randomUUID(), festival, ticket, UUID.randomUUID());
        mvc.perform(post("/sync/v1/checkins")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(report))
                .andExpect(status().isNoContent());
    }

    private String buy(String type) throws Exception {
        return read(
                apiPost("/tickets/buy", buyer, "{\"ticketTypeId\":\"%s\",\"quantity\":1}".formatted(type)),
                "$.tickets[0].id");
    }

    private String conflictItem() throws Exception {
        List<String> ids = read(
                mvc.perform(get("/finance/festivals/{f}/review-items", festival).header("Authorization", finance)),
                "$[?(@.kind == 'ADMISSION_CONFLICT')].id");
        assertThat(ids).hasSize(1);
        return ids.getFirst();
    }

    private ResultActions act(String item, String body) throws Exception {
        return mvc.perform(post("/finance/festivals/{f}/review-items/{i}/actions", festival, item)
                .header("Authorization", finance)
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    private long ticketRevenue() {
        return ledger.balance(FestivalId.of(UUID.fromString(festival)), AccountKey.ticketRevenue(), Currency.EUR)
                .minor();
    }

    @Test
    void theConflictsTicketIsRevokedForEntryOnTheDenyListAsFraudAndItsPaymentIsKept() throws Exception {
        String item = conflictItem();
        long revenue = ticketRevenue();

        act(item, "{\"action\":\"REVOKE_TICKET\",\"reason\":\"admitted at two gates at once\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("RESOLVED"))
                .andExpect(jsonPath("$.resolution")
                        .value("ticket " + ticket + " revoked for entry: admitted at two gates at once"));

        apiGet("/tickets/me", buyer)
                .andExpect(
                        jsonPath("$[?(@.id == '%s')].status".formatted(ticket)).value("REVOKED"));
        mvc.perform(get("/sync/v1/festivals/{f}/deny-list", festival))
                .andExpect(jsonPath("$.tickets[?(@.ticketId == '%s')].reason".formatted(ticket))
                        .value("FRAUD"));
        assertThat(ticketRevenue()).isEqualTo(revenue).isEqualTo(4_500);
        audit.flush();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'ticket.revoked' AND subject = :t")
                        .param("t", ticket)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void aTicketNotValidOrOfAnotherFestivalIsNotRevokedAndTheItemStaysOpen() throws Exception {
        String item = conflictItem();
        apiPost("/tickets/" + ticket + "/refund", buyer, null).andExpect(status().isOk());

        act(item, "{\"action\":\"REVOKE_TICKET\",\"reason\":\"copied\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("ticket_not_valid"));
        String elsewhere = createFestival("Another festival");
        String theirs = createTicketType(elsewhere, 1_000, 5);
        String other = buy(theirs);
        act(item, "{\"action\":\"REVOKE_TICKET\",\"reason\":\"copied\",\"ticketId\":\"%s\"}".formatted(other))
                .andExpect(status().isNotFound());
        act(
                        item,
                        "{\"action\":\"REVOKE_TICKET\",\"reason\":\"copied\",\"ticketId\":\"%s\"}"
                                .formatted(UUID.randomUUID()))
                .andExpect(status().isNotFound());

        apiGet("/tickets/me", buyer)
                .andExpect(
                        jsonPath("$[?(@.id == '%s')].status".formatted(other)).value("VALID"));
        mvc.perform(get("/finance/festivals/{f}/review-items", festival).header("Authorization", finance))
                .andExpect(jsonPath("$[?(@.id == '%s')].status".formatted(item)).value("OPEN"));
    }

    @Test
    void aTicketIsRevokedFromAnAdmissionConflictOnly() throws Exception {
        // an item of another kind: a gap finance was told about
        UUID gap = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO review_item (id, festival_id, kind, status, detail, created_at)
                        VALUES (:id, :f, 'GAP', 'OPEN', 'records 3-4 missing', CURRENT_TIMESTAMP)
                        """).param("id", gap).param("f", UUID.fromString(festival)).update();

        act(
                        gap.toString(),
                        "{\"action\":\"REVOKE_TICKET\",\"reason\":\"copied\",\"ticketId\":\"%s\"}".formatted(ticket))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("action_not_applicable"));

        apiGet("/tickets/me", buyer)
                .andExpect(
                        jsonPath("$[?(@.id == '%s')].status".formatted(ticket)).value("VALID"));
    }

    /** An admission conflict raised before its items named the check-in: it names no ticket. */
    private UUID conflictNamingNoTicket() {
        UUID item = UUID.randomUUID();
        jdbc.sql("""
                        INSERT INTO review_item (id, festival_id, kind, status, detail, created_at)
                        VALUES (:id, :f, 'ADMISSION_CONFLICT', 'OPEN', 'admitted at two gates', CURRENT_TIMESTAMP)
                        """).param("id", item).param("f", UUID.fromString(festival)).update();
        return item;
    }

    private MockHttpServletResponse revokeFromTheBackOffice(UUID item, String ticketField) throws Exception {
        Cookie login = new Cookie(
                "fcs_access", tokens.token(UUID.randomUUID(), List.of(UUID.fromString(festival)), Role.FINANCE));
        return mvc.perform(post("/admin/money/review-items/" + item)
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML)
                        .cookie(login)
                        .param("festival", festival)
                        .param("action", "REVOKE_TICKET")
                        .param("ticket", ticketField)
                        .param("reason", "copied QR code"))
                .andReturn()
                .getResponse();
    }

    @Test
    void theBackOfficeRevokesTheTicketTypedInForAConflictThatNamesNone() throws Exception {
        UUID item = conflictNamingNoTicket();

        MockHttpServletResponse malformed = revokeFromTheBackOffice(item, "not-a-ticket");
        assertThat(malformed.getStatus()).isEqualTo(400);
        assertThat(malformed.getContentAsString()).contains("Ticket id is not a valid id.");
        MockHttpServletResponse none = revokeFromTheBackOffice(item, " ");
        assertThat(none.getStatus()).isEqualTo(400);
        assertThat(none.getContentAsString()).contains("ticketId is required");
        apiGet("/tickets/me", buyer)
                .andExpect(
                        jsonPath("$[?(@.id == '%s')].status".formatted(ticket)).value("VALID"));

        MockHttpServletResponse done = revokeFromTheBackOffice(item, ticket);
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).contains("done=reviewResolved");
        apiGet("/tickets/me", buyer)
                .andExpect(
                        jsonPath("$[?(@.id == '%s')].status".formatted(ticket)).value("REVOKED"));
        assertThat(jdbc.sql("SELECT status FROM review_item WHERE id = :id")
                        .param("id", item)
                        .query(String.class)
                        .single())
                .isEqualTo("RESOLVED");
    }
}
