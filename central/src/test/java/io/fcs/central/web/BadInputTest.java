package io.fcs.central.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.testing.CentralTest;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Every kind of bad input gets a problem with a stable code and changes nothing; none reaches
 * the catch-all 500 handler.
 */
class BadInputTest extends CentralTest {

    @Autowired
    JdbcClient jdbc;

    private String festival;
    private String ticketType;
    private String attendee;

    @BeforeEach
    void setUp() throws Exception {
        festival = createFestival("Bad input");
        ticketType = createTicketType(festival, 1000, 10);
        attendee = newAttendee();
    }

    private long changes() {
        return jdbc.sql("select (select count(*) from festival) + (select count(*) from ticket)"
                        + " + (select count(*) from ticket_type) + (select sum(sold) from ticket_type)"
                        + " + (select count(*) from zone) + (select count(*) from app_user)")
                .query(Long.class)
                .single();
    }

    /** Runs a bad request and checks: the status, a problem with the code, and no change at all. */
    private ResultActions refused(ResultActions result, int status, String code) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value(code))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.trace").doesNotExist());
    }

    private ResultActions buy(String json) throws Exception {
        return apiPost("/tickets/buy", attendee, json);
    }

    @Test
    void malformedJsonIsAMalformedRequest() throws Exception {
        long before = changes();
        refused(buy("{\"ticketTypeId\":"), 400, "malformed_request");
        refused(buy("not json at all"), 400, "malformed_request");
        refused(buy(""), 400, "malformed_request");
        refused(
                buy("{\"ticketTypeId\":\"%s\",\"quantity\":1} trailing".formatted(ticketType)),
                400,
                "malformed_request");
        refused(apiPost("/festivals", adminBearer(), "{\"name\":\"x\",,}"), 400, "malformed_request");
        assertThat(changes()).isEqualTo(before);
    }

    @Test
    void wrongTypesMissingAndUnknownFieldsAreValidationFailures() throws Exception {
        long before = changes();
        refused(buy("{\"ticketTypeId\":\"%s\",\"quantity\":\"two\"}".formatted(ticketType)), 400, "validation_failed");
        refused(buy("{\"ticketTypeId\":\"%s\",\"quantity\":1.5}".formatted(ticketType)), 400, "validation_failed");
        refused(buy("{\"ticketTypeId\":\"not-a-uuid\",\"quantity\":1}"), 400, "validation_failed");
        refused(buy("{\"quantity\":1}"), 400, "validation_failed")
                .andExpect(jsonPath("$.errors[0].field").value("ticketTypeId"));
        refused(
                        buy("{\"ticketTypeId\":\"%s\",\"quantity\":1,\"priceCents\":0}".formatted(ticketType)),
                        400,
                        "validation_failed")
                .andExpect(jsonPath("$.errors[0].field").value("priceCents"));
        refused(buy("[{\"ticketTypeId\":\"%s\",\"quantity\":1}]".formatted(ticketType)), 400, "validation_failed");
        refused(
                apiPost(
                        "/festivals",
                        adminBearer(),
                        "{\"name\":\"x\",\"startDate\":\"yesterday\",\"endDate\":\"2027-01-01\",\"venue\":\"v\"}"),
                400,
                "validation_failed");
        refused(
                apiPost(
                        "/festivals",
                        adminBearer(),
                        "{\"name\":\"\",\"startDate\":\"2027-01-01\",\"endDate\":\"2027-01-01\",\"venue\":\"v\"}"),
                400,
                "validation_failed");
        assertThat(changes()).isEqualTo(before);
    }

    @Test
    void negativeZeroAndOverflowingAmountsAreRefused() throws Exception {
        long before = changes();
        refused(buy("{\"ticketTypeId\":\"%s\",\"quantity\":0}".formatted(ticketType)), 400, "validation_failed");
        refused(buy("{\"ticketTypeId\":\"%s\",\"quantity\":-3}".formatted(ticketType)), 400, "validation_failed");
        refused(
                buy("{\"ticketTypeId\":\"%s\",\"quantity\":2147483648}".formatted(ticketType)),
                400,
                "validation_failed");
        refused(buy("{\"ticketTypeId\":\"%s\",\"quantity\":1e40}".formatted(ticketType)), 400, "validation_failed");
        String types = "/festivals/" + festival + "/ticket-types";
        refused(
                apiPost(types, adminBearer(), "{\"name\":\"Neg\",\"priceCents\":-1,\"currency\":\"EUR\",\"quota\":1}"),
                400,
                "validation_failed");
        refused(
                apiPost(
                        types,
                        adminBearer(),
                        "{\"name\":\"Huge\",\"priceCents\":99999999999999999999999,\"currency\":\"EUR\",\"quota\":1}"),
                400,
                "validation_failed");
        refused(
                apiPost(
                        types,
                        adminBearer(),
                        "{\"name\":\"Big\",\"priceCents\":9223372036854775807,\"currency\":\"EUR\",\"quota\":1}"),
                400,
                "validation_failed");
        refused(
                apiPost(types, adminBearer(), "{\"name\":\"Cur\",\"priceCents\":1,\"currency\":\"euro\",\"quota\":1}"),
                400,
                "validation_failed");
        assertThat(changes()).isEqualTo(before);
    }

    @Test
    void unknownIdsAndOtherFestivalsIdsAreNotFound() throws Exception {
        long before = changes();
        refused(buy("{\"ticketTypeId\":\"%s\",\"quantity\":1}".formatted(UUID.randomUUID())), 404, "not_found");
        refused(apiGet("/festivals/" + UUID.randomUUID(), adminBearer()), 404, "not_found");
        refused(apiPost("/tickets/" + UUID.randomUUID() + "/refund", attendee, null), 404, "not_found");
        refused(apiGet("/festivals/not-a-uuid", adminBearer()), 400, "validation_failed");
        refused(apiGet("/no/such/path", adminBearer()), 404, "not_found");
        String other = createFestival("Other");
        String foreignZone = read(
                apiPost("/festivals/" + other + "/zones", adminBearer(), "{\"name\":\"Z\",\"kind\":\"BAR\"}"), "$.id");
        long afterOther = changes();
        refused(
                apiPost(
                        "/festivals/" + festival + "/gates",
                        adminBearer(),
                        "{\"name\":\"G\",\"zoneId\":\"%s\"}".formatted(foreignZone)),
                404,
                "not_found");
        refused(
                call(
                        HttpMethod.PUT,
                        "/festivals/" + festival + "/ticket-types/" + ticketType + "/zones",
                        adminBearer(),
                        "{\"zoneIds\":[\"%s\"]}".formatted(foreignZone)),
                404,
                "not_found");
        assertThat(afterOther).isGreaterThan(before);
        assertThat(changes()).isEqualTo(afterOther);
    }

    @Test
    void oversizedBodiesAreRefusedBeforeAnyoneReadsThem() throws Exception {
        long before = changes();
        String huge = "{\"name\":\"" + "x".repeat(70_000)
                + "\",\"startDate\":\"2027-01-01\",\"endDate\":\"2027-01-02\",\"venue\":\"v\"}";
        refused(apiPost("/festivals", adminBearer(), huge), 413, "payload_too_large");
        String tooLongName = "{\"name\":\"" + "x".repeat(500)
                + "\",\"startDate\":\"2027-01-01\",\"endDate\":\"2027-01-02\",\"venue\":\"v\"}";
        refused(apiPost("/festivals", adminBearer(), tooLongName), 400, "validation_failed");
        assertThat(changes()).isEqualTo(before);
    }

    @Test
    void injectionStringsAreStoredAsTextOrRefusedAndChangeNothingElse() throws Exception {
        String sql = "Fest'); DROP TABLE festival; --";
        String script = "<script>alert('x')</script>";
        apiPost(
                        "/festivals",
                        adminBearer(),
                        "{\"name\":\"%s\",\"startDate\":\"2027-01-01\",\"endDate\":\"2027-01-02\",\"venue\":\"%s\"}"
                                .formatted(sql, script))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.name").value(sql))
                .andExpect(jsonPath("$.venue").value(script));
        long before = changes();
        refused(
                apiPost("/auth/login", null, "{\"email\":\"' OR '1'='1\",\"password\":\"' OR '1'='1\"}"),
                401,
                "invalid_credentials");
        apiGet("/admin/audit?action=' OR 1=1 --", adminBearer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
        refused(apiGet("/festivals/' OR 1=1", adminBearer()), 400, "validation_failed");
        assertThat(jdbc.sql("select count(*) from festival").query(Long.class).single())
                .isPositive();
        assertThat(changes()).isEqualTo(before);
    }

    @Test
    void missingTamperedOrForeignCredentialsAndForgedWebhooksAreRefused() throws Exception {
        long before = changes();
        String json = "{\"ticketTypeId\":\"%s\",\"quantity\":1}".formatted(ticketType);
        refused(apiPost("/tickets/buy", null, json), 401, "unauthorized");
        refused(
                apiPost("/tickets/buy", attendee.substring(0, attendee.length() - 4) + "abcd", json),
                401,
                "unauthorized");
        refused(apiPost("/tickets/buy", "Basic YWRtaW46YWRtaW4=", json), 401, "unauthorized");
        refused(
                mvc.perform(post("/payments/webhook")
                        .contentType(MediaType.APPLICATION_JSON)
                        .header("Fcs-Webhook-Timestamp", "1")
                        .header("Fcs-Webhook-Signature", "v1=zz")
                        .content("{\"eventId\":\"e\",\"type\":\"payment.captured\",\"merchantReference\":\"x\"}")),
                401,
                "invalid_signature");
        refused(
                mvc.perform(post("/payments/webhook")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}")),
                401,
                "invalid_signature");
        assertThat(changes()).isEqualTo(before);
    }

    @Test
    void wrongMediaTypesAndMethodsAreClientErrors() throws Exception {
        long before = changes();
        refused(
                mvc.perform(post("/tickets/buy")
                        .header("Authorization", attendee)
                        .contentType(MediaType.TEXT_PLAIN)
                        .content("ticketTypeId=x")),
                415,
                "unsupported_media_type");
        refused(call(HttpMethod.DELETE, "/tickets/buy", attendee, null), 405, "method_not_allowed");
        assertThat(changes()).isEqualTo(before);
    }
}
