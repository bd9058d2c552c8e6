package io.fcs.central.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.testing.CentralTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AuthTest extends CentralTest {

    private static final String PASSWORD = "correct-horse-battery";

    private String register(String email) throws Exception {
        return body(apiPost(
                        "/auth/register",
                        null,
                        "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Grace Hopper\"}".formatted(email, PASSWORD))
                .andExpect(status().isCreated()));
    }

    private String login(String email) throws Exception {
        return body(apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD))
                .andExpect(status().isOk()));
    }

    @Test
    void registeredAttendeeCanLogInAndSeeThemselves() throws Exception {
        String email = uniqueEmail("grace");
        apiPost(
                        "/auth/register",
                        null,
                        "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"Grace Hopper\"}".formatted(email, PASSWORD))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.role").value("ATTENDEE"))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.id").exists())
                .andExpect(jsonPath("$.createdAt").exists());
        String pair = login(email);
        assertThat(com.jayway.jsonpath.JsonPath.<String>read(pair, "$.tokenType"))
                .isEqualTo("Bearer");
        String access = com.jayway.jsonpath.JsonPath.read(pair, "$.accessToken");
        apiGet("/auth/me", "Bearer " + access)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.email").value(email))
                .andExpect(jsonPath("$.name").value("Grace Hopper"));
    }

    @Test
    void secondRegistrationWithTheSameEmailIsAConflict() throws Exception {
        String email = uniqueEmail("twice");
        register(email);
        apiPost(
                        "/auth/register",
                        null,
                        "{\"email\":\"%s\",\"password\":\"%s\",\"name\":\"X\"}"
                                .formatted(email.toUpperCase(), PASSWORD))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("email_taken"));
    }

    @Test
    void wrongPasswordIsInvalidCredentials() throws Exception {
        String email = uniqueEmail("wrong");
        register(email);
        apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"nope-nope-nope\"}".formatted(email))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid_credentials"));
        apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"x\"}".formatted(uniqueEmail("nobody")))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid_credentials"));
    }

    @Test
    void repeatedFailuresAreThrottledEvenWithTheRightPassword() throws Exception {
        String email = uniqueEmail("throttled");
        register(email);
        for (int i = 0; i < 5; i++) {
            apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"guess-%d\"}".formatted(email, i))
                    .andExpect(status().isUnauthorized());
        }
        apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, PASSWORD))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("too_many_attempts"))
                .andExpect(header().exists("Retry-After"));
    }

    @Test
    void refreshRotatesAndTheOldTokenStopsWorking() throws Exception {
        String email = uniqueEmail("rotate");
        register(email);
        String first = com.jayway.jsonpath.JsonPath.read(login(email), "$.refreshToken");
        String second = read(
                apiPost("/auth/refresh", null, "{\"refreshToken\":\"%s\"}".formatted(first))
                        .andExpect(status().isOk()),
                "$.refreshToken");
        assertThat(second).isNotEqualTo(first);
        apiPost("/auth/refresh", null, "{\"refreshToken\":\"%s\"}".formatted(first))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("refresh_token_reused"));
    }

    @Test
    void reuseOfASpentRefreshTokenRevokesTheWholeFamily() throws Exception {
        String email = uniqueEmail("family");
        register(email);
        String first = com.jayway.jsonpath.JsonPath.read(login(email), "$.refreshToken");
        String second =
                read(apiPost("/auth/refresh", null, "{\"refreshToken\":\"%s\"}".formatted(first)), "$.refreshToken");
        apiPost("/auth/refresh", null, "{\"refreshToken\":\"%s\"}".formatted(first))
                .andExpect(status().isUnauthorized());
        apiPost("/auth/refresh", null, "{\"refreshToken\":\"%s\"}".formatted(second))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid_refresh_token"));
    }

    @Test
    void unknownRefreshTokenIsRefused() throws Exception {
        apiPost("/auth/refresh", null, "{\"refreshToken\":\"not-a-token\"}")
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("invalid_refresh_token"));
    }

    @Test
    void tamperedExpiredAndForeignTokensAreUnauthorized() throws Exception {
        String valid = tokens.token(UUID.randomUUID(), List.of(), Role.ADMIN);
        String tampered = valid.substring(0, valid.length() - 3) + (valid.endsWith("AAA") ? "BBB" : "AAA");
        apiGet("/auth/me", "Bearer " + tampered)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthorized"));
        String expired = tokens.token(UUID.randomUUID(), List.of(), Duration.ofSeconds(-60), Role.ADMIN);
        apiGet("/auth/me", "Bearer " + expired).andExpect(status().isUnauthorized());
        String unsigned = "eyJhbGciOiJub25lIn0."
                + java.util.Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(("{\"sub\":\"" + UUID.randomUUID() + "\",\"roles\":[\"ADMIN\"]}").getBytes())
                + ".";
        apiGet("/auth/me", "Bearer " + unsigned).andExpect(status().isUnauthorized());
        apiGet("/auth/me", "Bearer garbage").andExpect(status().isUnauthorized());
    }

    @Test
    void firstStartCreatedTheConfiguredAdministrator() throws Exception {
        apiGet("/auth/me", adminBearer())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.role").value("ADMIN"));
    }

    @Test
    void registrationWithBadFieldsIsRefusedAndCreatesNothing() throws Exception {
        String email = uniqueEmail("bad");
        apiPost("/auth/register", null, "{\"email\":\"%s\",\"password\":\"short\",\"name\":\"A\"}".formatted(email))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        apiPost("/auth/register", null, "{\"email\":\"not-an-email\",\"password\":\"long-enough-1\",\"name\":\"A\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        apiPost(
                        "/auth/register",
                        null,
                        "{\"email\":\"%s\",\"password\":\"long-enough-1\",\"name\":\"A\",\"role\":\"ADMIN\"}"
                                .formatted(email))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
        apiPost("/auth/register", null, "{\"email\":")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed_request"));
        apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"long-enough-1\"}".formatted(email))
                .andExpect(status().isUnauthorized());
    }
}
