package io.fcs.central.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.fcs.central.testing.CentralTest;
import jakarta.servlet.http.Cookie;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/** The web pages' login: cookies carrying the API's tokens, CSRF, redirects and refusals. */
class WebPagesSignInTest extends CentralTest {

    private MockHttpServletResponse signIn(String email, String password, String next) throws Exception {
        var request = post("/sign-in")
                .with(csrf())
                .accept(MediaType.TEXT_HTML)
                .param("email", email)
                .param("password", password);
        if (next != null) {
            request.param("next", next);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static Cookie[] cookiesOf(MockHttpServletResponse response) {
        return Arrays.stream(response.getCookies())
                .filter(c -> c.getName().startsWith("fcs_") && !c.getValue().isEmpty())
                .toArray(Cookie[]::new);
    }

    @Test
    void backOfficeWithoutLoginSendsTheBrowserToSignInAndBack() throws Exception {
        mvc.perform(get("/admin").accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", "/sign-in?next=%2Fadmin"));
    }

    @Test
    void signInFormWithoutCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/sign-in")
                        .accept(MediaType.TEXT_HTML)
                        .param("email", ADMIN_EMAIL)
                        .param("password", ADMIN_PASSWORD))
                .andExpect(status().isForbidden());
    }

    @Test
    void adminSignsInWithHttpOnlyCookiesAndReachesTheBackOffice() throws Exception {
        MockHttpServletResponse response = signIn(ADMIN_EMAIL, ADMIN_PASSWORD, null);
        assertThat(response.getStatus()).isEqualTo(302);
        assertThat(response.getRedirectedUrl()).isEqualTo("/admin");
        List<String> setCookies = response.getHeaders("Set-Cookie");
        assertThat(setCookies)
                .anySatisfy(c -> assertThat(c).startsWith("fcs_access=").contains("HttpOnly", "SameSite=Lax"))
                .anySatisfy(c -> assertThat(c).startsWith("fcs_refresh=").contains("HttpOnly", "SameSite=Lax"));
        mvc.perform(get("/admin").accept(MediaType.TEXT_HTML).cookie(cookiesOf(response)))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(ADMIN_EMAIL)));
    }

    @Test
    void signInFollowsOnlyLocalPaths() throws Exception {
        assertThat(signIn(ADMIN_EMAIL, ADMIN_PASSWORD, "/admin?tab=finance").getRedirectedUrl())
                .isEqualTo("/admin?tab=finance");
        assertThat(signIn(ADMIN_EMAIL, ADMIN_PASSWORD, "https://evil.example/").getRedirectedUrl())
                .isEqualTo("/admin");
        assertThat(signIn(ADMIN_EMAIL, ADMIN_PASSWORD, "//evil.example/").getRedirectedUrl())
                .isEqualTo("/admin");
    }

    @Test
    void wrongPasswordShowsTheFormAgainWithAReadableMessage() throws Exception {
        MockHttpServletResponse response = signIn(ADMIN_EMAIL, "not-the-password", null);
        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("Wrong e-mail or password.");
        assertThat(response.getHeaders("Set-Cookie")).noneMatch(c -> c.startsWith("fcs_access=ey"));
    }

    @Test
    void frenchVisitorsReadTheFormInFrench() throws Exception {
        mvc.perform(get("/sign-in").header("Accept-Language", "fr-FR,fr;q=0.9"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString("Mot de passe")));
    }

    @Test
    void attendeeIsNotAllowedIntoTheBackOffice() throws Exception {
        String email = uniqueEmail("portal");
        apiPost("/auth/register", null, """
                {"email":"%s","password":"password-1234","name":"Ada"}""".formatted(email));
        MockHttpServletResponse response = signIn(email, "password-1234", null);
        assertThat(response.getRedirectedUrl()).isEqualTo("/my");
        mvc.perform(get("/admin").accept(MediaType.TEXT_HTML).cookie(cookiesOf(response)))
                .andExpect(status().isForbidden());
    }

    @Test
    void expiredAccessCookieIsRenewedFromTheRefreshCookie() throws Exception {
        MockHttpServletResponse response = signIn(ADMIN_EMAIL, ADMIN_PASSWORD, null);
        Cookie refresh = Arrays.stream(cookiesOf(response))
                .filter(c -> c.getName().equals("fcs_refresh"))
                .findFirst()
                .orElseThrow();
        Cookie staleAccess = new Cookie("fcs_access", "eyJhbGciOiJIUzI1NiJ9.e30.not-a-valid-signature");
        MockHttpServletResponse renewed = mvc.perform(
                        get("/admin").accept(MediaType.TEXT_HTML).cookie(staleAccess, refresh))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse();
        assertThat(renewed.getHeaders("Set-Cookie"))
                .anySatisfy(c -> assertThat(c).startsWith("fcs_access=ey"));
        // A second request racing with the same refresh cookie gets the same renewal, not a lockout.
        mvc.perform(get("/admin").accept(MediaType.TEXT_HTML).cookie(staleAccess, refresh))
                .andExpect(status().isOk());
    }

    @Test
    void signOutEndsTheLoginSoTheRefreshCookieNoLongerWorks() throws Exception {
        MockHttpServletResponse response = signIn(ADMIN_EMAIL, ADMIN_PASSWORD, null);
        Cookie refresh = Arrays.stream(cookiesOf(response))
                .filter(c -> c.getName().equals("fcs_refresh"))
                .findFirst()
                .orElseThrow();
        mvc.perform(post("/sign-out").with(csrf()).cookie(cookiesOf(response)))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", "/"));
        apiPost("/auth/refresh", null, "{\"refreshToken\":\"%s\"}".formatted(refresh.getValue()))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/admin").accept(MediaType.TEXT_HTML).cookie(refresh)).andExpect(status().isFound());
    }

    @Test
    void unknownPageIsNotAProblemDocumentForBrowsersButStaysOneForTheApi() throws Exception {
        MockHttpServletResponse page = mvc.perform(get("/no-such-page").accept(MediaType.TEXT_HTML))
                .andReturn()
                .getResponse();
        // Anonymous visitors are sent to sign in first; signed-in ones get the 404 page.
        assertThat(page.getStatus()).isIn(302, 404);
        MockHttpServletResponse signedIn = signIn(ADMIN_EMAIL, ADMIN_PASSWORD, null);
        MockHttpServletResponse missing = mvc.perform(
                        get("/admin/no-such-page").accept(MediaType.TEXT_HTML).cookie(cookiesOf(signedIn)))
                .andReturn()
                .getResponse();
        assertThat(missing.getStatus()).isEqualTo(404);
        assertThat(missing.getContentType()).isNull();
        apiGet("/festivals/not-a-uuid/zones", adminBearer())
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation_failed"));
    }

    @Test
    void apiCallsStillAnswerProblemsWithoutRedirects() throws Exception {
        mvc.perform(get("/auth/me").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthorized"));
        mvc.perform(get("/admin/staff").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthorized"));
    }
}
