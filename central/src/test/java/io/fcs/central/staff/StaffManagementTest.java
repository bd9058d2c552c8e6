package io.fcs.central.staff;

import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.auth.Role;
import io.fcs.central.testing.CentralTest;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class StaffManagementTest extends CentralTest {

    private String staffJson(String email, String roles, String festivals) {
        return """
                {"email":"%s","name":"Sam Staff","password":"staff-password-1","roles":%s,"festivals":%s}""".formatted(email, roles, festivals);
    }

    @Test
    void adminCreatesScopedStaffWhoseTokenCarriesRolesAndFestivals() throws Exception {
        String festival = createFestival("Staffed");
        String email = uniqueEmail("bar");
        apiPost("/admin/staff", adminBearer(), staffJson(email, "[\"BAR_STAFF\"]", "[\"" + festival + "\"]"))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.role").value("BAR_STAFF"))
                .andExpect(jsonPath("$.festivals[0]").value(festival));
        String staff = bearerOf(email, "staff-password-1");
        apiGet("/auth/me", staff).andExpect(jsonPath("$.roles[0]").value("BAR_STAFF"));
        apiGet("/festivals/" + festival + "/points-of-sale", staff).andExpect(status().isOk());
        apiGet("/festivals/" + createFestival("Elsewhere") + "/points-of-sale", staff)
                .andExpect(status().isNotFound());
        apiPost(
                        "/festivals",
                        staff,
                        "{\"name\":\"x\",\"startDate\":\"2027-01-01\",\"endDate\":\"2027-01-02\",\"venue\":\"v\"}")
                .andExpect(status().isForbidden());
    }

    @Test
    void organisersGrantOnlyOperationalRolesInsideTheirScope() throws Exception {
        String festival = createFestival("Organised");
        String organiser = tokens.bearerScoped(List.of(UUID.fromString(festival)), Role.ORGANISER);
        apiPost("/admin/staff", organiser, staffJson(uniqueEmail("adm"), "[\"ADMIN\"]", "[\"" + festival + "\"]"))
                .andExpect(status().isForbidden());
        apiPost("/admin/staff", organiser, staffJson(uniqueEmail("gate"), "[\"GATE_SECURITY\"]", "[]"))
                .andExpect(status().isForbidden());
        apiPost(
                        "/admin/staff",
                        organiser,
                        staffJson(uniqueEmail("gate"), "[\"GATE_SECURITY\"]", "[\"" + UUID.randomUUID() + "\"]"))
                .andExpect(status().isNotFound());
        apiPost(
                        "/admin/staff",
                        organiser,
                        staffJson(uniqueEmail("gate"), "[\"GATE_SECURITY\"]", "[\"" + festival + "\"]"))
                .andExpect(status().isCreated());
        apiPost("/admin/staff", newAttendee(), staffJson(uniqueEmail("x"), "[\"BAR_STAFF\"]", "[]"))
                .andExpect(status().isForbidden());
    }

    @Test
    void aDisabledAccountCanNeitherLogInNorRefresh() throws Exception {
        String email = uniqueEmail("cashier");
        String id = read(apiPost("/admin/staff", adminBearer(), staffJson(email, "[\"CASHIER\"]", "[]")), "$.id");
        String refresh = read(
                apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"staff-password-1\"}".formatted(email)),
                "$.refreshToken");
        apiPost("/admin/users/" + id + "/disable", adminBearer(), null)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("DISABLED"));
        apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"staff-password-1\"}".formatted(email))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("account_disabled"));
        apiPost("/auth/refresh", null, "{\"refreshToken\":\"%s\"}".formatted(refresh))
                .andExpect(status().isUnauthorized());
        apiPost("/admin/users/" + id + "/enable", adminBearer(), null).andExpect(status().isOk());
        apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"staff-password-1\"}".formatted(email))
                .andExpect(status().isOk());
    }

    @Test
    void aDisabledUsersAccessTokenStopsWorkingAtOnceAndWorksAgainWhenEnabled() throws Exception {
        String email = uniqueEmail("bouncer");
        String id = read(apiPost("/admin/staff", adminBearer(), staffJson(email, "[\"GATE_SECURITY\"]", "[]")), "$.id");
        String access = bearerOf(email, "staff-password-1");
        apiGet("/auth/me", access).andExpect(status().isOk());

        apiPost("/admin/users/" + id + "/disable", adminBearer(), null).andExpect(status().isOk());

        apiGet("/auth/me", access)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthorized"));
        apiGet("/auth/me", adminBearer()).andExpect(status().isOk());
        apiPost("/admin/users/" + id + "/enable", adminBearer(), null).andExpect(status().isOk());
        apiGet("/auth/me", access).andExpect(status().isOk());
    }

    @Test
    void staffBadgesAreWristbandsBoundToTheStaffUser() throws Exception {
        String festival = createFestival("Badges");
        String id = read(
                apiPost("/admin/staff", adminBearer(), staffJson(uniqueEmail("badge"), "[\"BAR_STAFF\"]", "[]")),
                "$.id");
        apiPost(
                        "/admin/staff/" + id + "/badges",
                        adminBearer(),
                        "{\"festivalId\":\"%s\",\"uid\":\"04AABBCCDDEEFF\"}".formatted(festival))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.staffUserId").value(id));
        apiPost(
                        "/admin/staff/" + UUID.randomUUID() + "/badges",
                        adminBearer(),
                        "{\"festivalId\":\"%s\",\"uid\":\"04AABBCCDDEE11\"}".formatted(festival))
                .andExpect(status().isNotFound());
    }
}
