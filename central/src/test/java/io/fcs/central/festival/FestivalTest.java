package io.fcs.central.festival;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.auth.Role;
import io.fcs.central.testing.CentralTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class FestivalTest extends CentralTest {

    @Test
    void adminCreatesAFestivalAsDraftWithDefaults() throws Exception {
        apiPost("/festivals", adminBearer(), """
                        {"name":"Dunes","startDate":"2027-08-01","endDate":"2027-08-03","venue":"Beach"}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.id").exists())
                .andExpect(jsonPath("$.name").value("Dunes"))
                .andExpect(jsonPath("$.startDate").value("2027-08-01"))
                .andExpect(jsonPath("$.venue").value("Beach"))
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.currency").value("EUR"));
    }

    @Test
    void onlyAdminsAndOrganisersCreateFestivals() throws Exception {
        String body = """
                {"name":"Nope","startDate":"2027-08-01","endDate":"2027-08-03","venue":"Beach"}""";
        apiPost("/festivals", newAttendee(), body)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("forbidden"));
        apiPost("/festivals", tokens.bearer(Role.FINANCE), body).andExpect(status().isForbidden());
        apiPost("/festivals", tokens.bearer(Role.ORGANISER), body).andExpect(status().isCreated());
    }

    @Test
    void attendeesSeeOnlyPublishedFestivals() throws Exception {
        String id = createFestival("Hidden");
        String attendee = newAttendee();
        apiGet("/festivals/" + id, attendee)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not_found"));
        apiGet("/festivals", attendee)
                .andExpect(jsonPath("$[?(@.id == '" + id + "')]").isEmpty());
        call(HttpMethod.PATCH, "/festivals/" + id, adminBearer(), "{\"status\":\"PUBLISHED\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PUBLISHED"));
        apiGet("/festivals/" + id, attendee).andExpect(status().isOk());
        apiGet("/festivals", attendee)
                .andExpect(jsonPath("$[?(@.id == '" + id + "')]").isNotEmpty());
        call(HttpMethod.PATCH, "/festivals/" + id, adminBearer(), "{\"status\":\"DRAFT\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("invalid_status_change"));
    }

    @Test
    void staffScopedToOneFestivalCannotReachAnother() throws Exception {
        String mine = createFestival("Mine");
        String other = createFestival("Other");
        String organiser = tokens.bearerScoped(List.of(UUID.fromString(mine)), Role.ORGANISER);
        apiPost("/festivals/" + mine + "/zones", organiser, "{\"name\":\"Main bar\",\"kind\":\"BAR\"}")
                .andExpect(status().isCreated());
        apiPost("/festivals/" + other + "/zones", organiser, "{\"name\":\"Main bar\",\"kind\":\"BAR\"}")
                .andExpect(status().isNotFound());
        apiGet("/festivals/" + other, organiser).andExpect(status().isNotFound());
        apiGet("/festivals/" + other + "/zones", organiser).andExpect(status().isNotFound());
        apiGet("/festivals", organiser)
                .andExpect(jsonPath("$[?(@.id == '" + other + "')]").isEmpty());
        apiPost("/festivals", organiser, """
                        {"name":"Mine too","startDate":"2027-08-01","endDate":"2027-08-03","venue":"Beach"}""").andExpect(status().isForbidden());
    }

    @Test
    void zonesAreNumberedAndNamesAreUnique() throws Exception {
        String id = createFestival("Zoned");
        apiPost("/festivals/" + id + "/zones", adminBearer(), "{\"name\":\"Gate A\",\"kind\":\"ENTRANCE\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.number").value(0));
        apiPost("/festivals/" + id + "/zones", adminBearer(), "{\"name\":\"Bar\",\"kind\":\"BAR\",\"capacity\":300}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.number").value(1));
        apiPost("/festivals/" + id + "/zones", adminBearer(), "{\"name\":\"bar\",\"kind\":\"BAR\"}")
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("zone_exists"));
        apiGet("/festivals/" + id + "/zones", adminBearer())
                .andExpect(jsonPath("$.length()").value(2));
    }

    @Test
    void pointsOfSaleGetPriceListsAndGatesBelongToZones() throws Exception {
        String id = createFestival("Bars");
        String zone = read(
                apiPost("/festivals/" + id + "/zones", adminBearer(), "{\"name\":\"Field\",\"kind\":\"BAR\"}"), "$.id");
        String pos = read(
                apiPost(
                                "/festivals/" + id + "/points-of-sale",
                                adminBearer(),
                                "{\"name\":\"Bar 1\",\"zoneId\":\"%s\",\"kind\":\"BAR\"}".formatted(zone))
                        .andExpect(status().isCreated()),
                "$.id");
        call(HttpMethod.PUT, "/festivals/" + id + "/points-of-sale/" + pos + "/products", adminBearer(), """
                        [{"code":"BEER","name":"Beer","priceCents":450,"category":"DRINK"},
                         {"code":"WATER","name":"Water","priceCents":200,"category":"DRINK"}]""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.products.length()").value(2));
        call(
                        HttpMethod.PUT,
                        "/festivals/" + id + "/points-of-sale/" + pos + "/products",
                        adminBearer(),
                        "[{\"code\":\"BEER\",\"name\":\"Beer\",\"priceCents\":-1,\"category\":\"DRINK\"}]")
                .andExpect(status().isBadRequest());
        apiGet("/festivals/" + id + "/points-of-sale", tokens.bearer(Role.BAR_STAFF))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].products[0].priceCents").value(450));
        apiPost(
                        "/festivals/" + id + "/gates",
                        adminBearer(),
                        "{\"name\":\"North\",\"zoneId\":\"%s\"}".formatted(UUID.randomUUID()))
                .andExpect(status().isNotFound());
        apiPost("/festivals/" + id + "/gates", adminBearer(), "{\"name\":\"North\",\"zoneId\":\"%s\"}".formatted(zone))
                .andExpect(status().isCreated());
    }

    @Test
    void ticketTypesFollowTheFestivalsCurrencyAndDays() throws Exception {
        String id = createFestival("Typed");
        String path = "/festivals/" + id + "/ticket-types";
        apiPost(path, adminBearer(), """
                        {"name":"Weekend","priceCents":12000,"currency":"EUR","quota":100,"validDays":["2027-07-01","2027-07-03"]}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.sold").value(0))
                .andExpect(jsonPath("$.quota").value(100))
                .andExpect(jsonPath("$.festivalId").value(id))
                .andExpect(jsonPath("$.validDays.length()").value(2));
        apiPost(path, adminBearer(), """
                        {"name":"Dollar","priceCents":100,"currency":"USD","quota":1}""")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("currency_mismatch"));
        apiPost(path, adminBearer(), """
                        {"name":"Late","priceCents":100,"currency":"EUR","quota":1,"validDays":["2027-07-09"]}""").andExpect(status().isBadRequest());
        apiPost(path, adminBearer(), """
                        {"name":"Zero","priceCents":100,"currency":"EUR","quota":0}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        apiPost(path, adminBearer(), """
                        {"name":"Zoneless","priceCents":100,"currency":"EUR","quota":5,"zoneIds":["%s"]}""".formatted(UUID.randomUUID())).andExpect(status().isNotFound());
    }

    @Test
    void festivalDatesMustBeOrderedAndShort() throws Exception {
        apiPost("/festivals", adminBearer(), """
                        {"name":"Backwards","startDate":"2027-08-03","endDate":"2027-08-01","venue":"Beach"}""")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        apiPost("/festivals", adminBearer(), """
                        {"name":"Endless","startDate":"2027-01-01","endDate":"2027-12-31","venue":"Beach"}""").andExpect(status().isBadRequest());
    }
}
