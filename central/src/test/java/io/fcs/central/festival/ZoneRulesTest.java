package io.fcs.central.festival;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.auth.Role;
import io.fcs.central.testing.CentralTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

class ZoneRulesTest extends CentralTest {

    private String zone(String festival, String body) throws Exception {
        return read(
                apiPost("/festivals/" + festival + "/zones", adminBearer(), body)
                        .andExpect(status().isCreated()),
                "$.id");
    }

    @Test
    void aZoneIsOneEntryWithAnEqualOfflineShareUnlessItsSetUpSaysOtherwise() throws Exception {
        String festival = createFestival("Rules");
        apiPost("/festivals/" + festival + "/zones", adminBearer(), "{\"name\":\"Arena\",\"kind\":\"ARENA\"}")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reentry").value("NONE"))
                .andExpect(jsonPath("$.reentryCooldownSeconds").value(0))
                .andExpect(jsonPath("$.offlineSharePercent").doesNotExist());
        apiPost("/festivals/" + festival + "/zones", adminBearer(), """
                        {"name":"Camp","kind":"CAMPSITE","reentry":"AFTER_EXIT","reentryCooldownSeconds":120,
                         "offlineSharePercent":40}""")
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.reentry").value("AFTER_EXIT"))
                .andExpect(jsonPath("$.reentryCooldownSeconds").value(120))
                .andExpect(jsonPath("$.offlineSharePercent").value(40));
    }

    @Test
    void theRulesOfAZoneChangeAndTheChangeMovesTheEdgesConfigVersion() throws Exception {
        String festival = createFestival("Change");
        String arena = zone(festival, "{\"name\":\"Arena\",\"kind\":\"ARENA\"}");
        Number before = read(
                mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/sync/v1/festivals/{f}/config", festival)),
                "$.version");
        call(HttpMethod.PUT, "/festivals/" + festival + "/zones/" + arena + "/rules", adminBearer(), """
                        {"reentry":"ALLOWED","reentryCooldownSeconds":300,"offlineSharePercent":25}""")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.reentry").value("ALLOWED"))
                .andExpect(jsonPath("$.reentryCooldownSeconds").value(300))
                .andExpect(jsonPath("$.offlineSharePercent").value(25));
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/sync/v1/festivals/{f}/config", festival))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.version").value(before.longValue() + 1))
                .andExpect(jsonPath("$.zones[0].id").value(arena))
                .andExpect(jsonPath("$.zones[0].reentry").value("ALLOWED"))
                .andExpect(jsonPath("$.zones[0].reentryCooldownSeconds").value(300))
                .andExpect(jsonPath("$.zones[0].offlineSharePercent").value(25));
    }

    @Test
    void edgesGetEveryZonesOfflineShareAsANumberThatNeverAddsUpToMoreThanTheWhole() throws Exception {
        String festival = createFestival("Shares");
        zone(festival, "{\"name\":\"A\",\"kind\":\"ARENA\",\"offlineSharePercent\":40}");
        zone(festival, "{\"name\":\"B\",\"kind\":\"BAR\"}");
        zone(festival, "{\"name\":\"C\",\"kind\":\"BAR\"}");
        zone(festival, "{\"name\":\"D\",\"kind\":\"BAR\"}");
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get(
                        "/sync/v1/festivals/{f}/config", festival))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.zones[0].name").value("A"))
                .andExpect(jsonPath("$.zones[0].offlineSharePercent").value(40))
                .andExpect(jsonPath("$.zones[1].offlineSharePercent").value(20))
                .andExpect(jsonPath("$.zones[2].offlineSharePercent").value(20))
                .andExpect(jsonPath("$.zones[3].offlineSharePercent").value(20))
                .andExpect(jsonPath("$.zones[3].reentry").value("NONE"));
    }

    @Test
    void sharesBeyondTheWholeAllowanceAreRefusedAndChangeNothing() throws Exception {
        String festival = createFestival("Greedy");
        String a = zone(festival, "{\"name\":\"A\",\"kind\":\"ARENA\",\"offlineSharePercent\":70}");
        apiPost("/festivals/" + festival + "/zones", adminBearer(), """
                        {"name":"B","kind":"BAR","offlineSharePercent":31}""")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("offline_share_exceeded"));
        String b = zone(festival, "{\"name\":\"B\",\"kind\":\"BAR\",\"offlineSharePercent\":30}");
        call(HttpMethod.PUT, "/festivals/" + festival + "/zones/" + b + "/rules", adminBearer(), """
                        {"reentry":"NONE","offlineSharePercent":31}""")
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("offline_share_exceeded"));
        // the zone's own share is replaced, not added
        call(HttpMethod.PUT, "/festivals/" + festival + "/zones/" + a + "/rules", adminBearer(), """
                        {"reentry":"NONE","offlineSharePercent":70}""")
                .andExpect(status().isOk());
        apiGet("/festivals/" + festival + "/zones", adminBearer())
                .andExpect(jsonPath("$[1].offlineSharePercent").value(30));
    }

    @Test
    void badRulesAreRefusedWithTheirReason() throws Exception {
        String festival = createFestival("Bad rules");
        String arena = zone(festival, "{\"name\":\"Arena\",\"kind\":\"ARENA\"}");
        for (String body : List.of(
                "{\"name\":\"X\",\"kind\":\"BAR\",\"reentry\":\"SOMETIMES\"}",
                "{\"name\":\"X\",\"kind\":\"BAR\",\"reentry\":\"ALLOWED\",\"reentryCooldownSeconds\":-1}",
                "{\"name\":\"X\",\"kind\":\"BAR\",\"reentry\":\"ALLOWED\",\"reentryCooldownSeconds\":86401}",
                "{\"name\":\"X\",\"kind\":\"BAR\",\"reentryCooldownSeconds\":60}",
                "{\"name\":\"X\",\"kind\":\"BAR\",\"offlineSharePercent\":101}",
                "{\"name\":\"X\",\"kind\":\"BAR\",\"offlineSharePercent\":\"half\"}")) {
            apiPost("/festivals/" + festival + "/zones", adminBearer(), body)
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.code").exists());
        }
        String rules = "/festivals/" + festival + "/zones/" + arena + "/rules";
        call(HttpMethod.PUT, rules, adminBearer(), "{\"reentryCooldownSeconds\":60}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        call(HttpMethod.PUT, rules, adminBearer(), "{\"reentry\":\"NONE\",\"reentryCooldownSeconds\":60}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        call(
                        HttpMethod.PUT,
                        "/festivals/" + festival + "/zones/" + UUID.randomUUID() + "/rules",
                        adminBearer(),
                        "{\"reentry\":\"ALLOWED\"}")
                .andExpect(status().isNotFound());
        apiGet("/festivals/" + festival + "/zones", adminBearer())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].reentry").value("NONE"));
    }

    @Test
    void onlyTheFestivalsOwnOrganisersSetItsZoneRules() throws Exception {
        String mine = createFestival("Mine rules");
        String other = createFestival("Other rules");
        String otherZone = zone(other, "{\"name\":\"Arena\",\"kind\":\"ARENA\"}");
        String myZone = zone(mine, "{\"name\":\"Arena\",\"kind\":\"ARENA\"}");
        String organiser = tokens.bearerScoped(List.of(UUID.fromString(mine)), Role.ORGANISER);
        String body = "{\"reentry\":\"ALLOWED\"}";
        call(HttpMethod.PUT, "/festivals/" + other + "/zones/" + otherZone + "/rules", organiser, body)
                .andExpect(status().isNotFound());
        // a zone of another festival named under this festival's path
        call(HttpMethod.PUT, "/festivals/" + mine + "/zones/" + otherZone + "/rules", organiser, body)
                .andExpect(status().isNotFound());
        call(HttpMethod.PUT, "/festivals/" + mine + "/zones/" + myZone + "/rules", tokens.bearer(Role.FINANCE), body)
                .andExpect(status().isForbidden());
        call(HttpMethod.PUT, "/festivals/" + mine + "/zones/" + myZone + "/rules", organiser, body)
                .andExpect(status().isOk());
        apiGet("/festivals/" + other + "/zones", adminBearer())
                .andExpect(jsonPath("$[0].reentry").value("NONE"));
    }
}
