package io.fcs.central.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/** Registering on the portal, and which pages need a signed-in attendee. */
class PortalAccountPagesTest extends PortalPageTest {

    @Test
    void signUpCreatesAnAttendeeAndSignsThemIn() throws Exception {
        Visitor ada = signUp();
        assertThat(ada.cookies()).extracting(c -> c.getName()).contains("fcs_access", "fcs_refresh");
        MockHttpServletResponse my = page("/my", ada);
        assertThat(my.getStatus()).isEqualTo(200);
        assertThat(my.getContentAsString()).contains(ada.email(), "My festival");
        assertThat(apiPost("/auth/login", null, """
                                {"email":"%s","password":"password-1234"}""".formatted(ada.email()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(200);
    }

    @Test
    void signUpWithBadInputShowsEachProblemAndCreatesNoAccount() throws Exception {
        String email = uniqueEmail("bad");
        MockHttpServletResponse response =
                form("/sign-up", null, "name", "", "email", email, "password", "short", "confirm", "short");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString())
                .contains("Enter your name", "The password needs 8 to 72 characters.", "value=\"" + email + "\"")
                .doesNotContain("value=\"short\"");
        assertThat(response.getCookies()).noneMatch(c -> c.getName().equals("fcs_access"));
        assertThat(apiPost("/auth/login", null, """
                                {"email":"%s","password":"short"}""".formatted(email))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(401);
    }

    @Test
    void signUpWithDifferentPasswordsOrAMalformedEmailIsRefused() throws Exception {
        assertThat(form(
                                "/sign-up",
                                null,
                                "name",
                                "Bo",
                                "email",
                                uniqueEmail("x"),
                                "password",
                                "password-1234",
                                "confirm",
                                "password-9999")
                        .getContentAsString())
                .contains("The two passwords are not the same.");
        assertThat(form(
                                "/sign-up",
                                null,
                                "name",
                                "Bo",
                                "email",
                                "not-an-email",
                                "password",
                                "password-1234",
                                "confirm",
                                "password-1234")
                        .getContentAsString())
                .contains("Enter an e-mail address like name@example.org.");
    }

    @Test
    void signUpWithATakenEmailSaysSoInPlainWords() throws Exception {
        Visitor ada = signUp();
        MockHttpServletResponse again = form(
                "/sign-up",
                null,
                "name",
                "Ada",
                "email",
                ada.email(),
                "password",
                "password-5678",
                "confirm",
                "password-5678");
        assertThat(again.getStatus()).isEqualTo(409);
        assertThat(again.getContentAsString()).contains("This e-mail is already registered. Sign in instead.");
    }

    @Test
    void signUpWithoutCsrfTokenIsRefused() throws Exception {
        assertThat(mvc.perform(post("/sign-up")
                                .accept(MediaType.TEXT_HTML)
                                .param("name", "Eve")
                                .param("email", uniqueEmail("eve"))
                                .param("password", "password-1234")
                                .param("confirm", "password-1234"))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void attendeePagesSendAnonymousVisitorsToSignIn() throws Exception {
        for (String path : new String[] {"/my", "/my/tickets", "/my/tickets/buy", "/my/wallet", "/my/notices"}) {
            MockHttpServletResponse response = page(path, null);
            assertThat(response.getStatus()).as(path).isEqualTo(302);
            assertThat(response.getRedirectedUrl()).as(path).startsWith("/sign-in?next=");
        }
    }

    @Test
    void signedInVisitorOfSignUpGoesToTheirOwnPage() throws Exception {
        assertThat(page("/sign-up", signUp()).getRedirectedUrl()).isEqualTo("/my");
    }
}
