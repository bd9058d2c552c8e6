package io.fcs.central.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;

/** What anyone sees without an account: home, programme, map, help, and the installable web app's files. */
class PortalPublicPagesTest extends PortalPageTest {

    @Autowired
    SupportRequests support;

    @Test
    void homeProgrammeAndMapShowThePublishedFestivalFromItsSetUp() throws Exception {
        Site site = publishedFestival();
        assertThat(page("/", null).getContentAsString()).contains(site.festivalName(), "Create an account");
        String programme =
                page("/programme?festival=" + site.festivalId(), null).getContentAsString();
        assertThat(programme)
                .contains(
                        site.festivalName(), "Day 1", "Day 3", "Main stage", "Big Bar", "Pale ale", "€5.00", "€45.00");
        String map = page("/map?festival=" + site.festivalId(), null).getContentAsString();
        assertThat(map).contains("<svg", "class=\"site-map\"", "Gate · North gate", "Bar · Big Bar", "Main stage");
    }

    @Test
    void draftOrUnknownFestivalIsNotFound() throws Exception {
        String draft = createFestival("Secret Fest");
        assertThat(page("/programme?festival=" + draft, null).getStatus()).isEqualTo(404);
        assertThat(page("/map?festival=not-a-uuid", null).getStatus()).isEqualTo(404);
        assertThat(page("/", null).getContentAsString()).doesNotContain("Secret Fest");
    }

    @Test
    void pagesSpeakFrenchWhenAskedTo() throws Exception {
        Site site = publishedFestival();
        MockHttpServletResponse response = mvc.perform(get("/programme?festival=" + site.festivalId() + "&lang=fr")
                        .accept("text/html"))
                .andReturn()
                .getResponse();
        response.setCharacterEncoding("UTF-8");
        assertThat(response.getContentAsString()).contains("Jour 1", "Espaces, bars et prix", "5,00");
    }

    @Test
    void supportMessageIsStoredForTheFestivalTeam() throws Exception {
        Site site = publishedFestival();
        String text = "My wristband reads twice at the bar " + key();
        MockHttpServletResponse sent = form(
                "/support",
                null,
                "name",
                "Ada Lovelace",
                "email",
                "ada@example.test",
                "festival",
                site.festivalId(),
                "topic",
                "WRISTBAND",
                "message",
                text);
        assertThat(sent.getRedirectedUrl()).isEqualTo("/support?sent=1");
        assertThat(page("/support?sent=1", null).getContentAsString()).contains("Your message is with the festival");
        assertThat(support.recent(50)).anySatisfy(r -> {
            assertThat(r.message()).isEqualTo(text);
            assertThat(r.email()).isEqualTo("ada@example.test");
            assertThat(r.topic()).isEqualTo(SupportRequests.Topic.WRISTBAND);
            assertThat(r.festivalId().toString()).isEqualTo(site.festivalId());
        });
    }

    @Test
    void badSupportMessageIsReRenderedWithEachReasonAndNotStored() throws Exception {
        int before = support.recent(500).size();
        MockHttpServletResponse response = form(
                "/support", null, "name", "", "email", "nope", "festival", "x", "topic", "SPAM", "message", "short");
        assertThat(response.getStatus()).isEqualTo(400);
        assertThat(response.getContentAsString())
                .contains(
                        "Enter your name",
                        "Enter an e-mail address",
                        "Choose a festival from the list.",
                        "Choose what your message is about.",
                        "Write between 10 and 4000 characters.",
                        ">short</textarea>");
        assertThat(support.recent(500)).hasSize(before);
    }

    @Test
    void installableWebAppFilesAreServedToEveryone() throws Exception {
        assertThat(page("/manifest.webmanifest", null).getContentAsString()).contains("\"start_url\": \"/my/tickets\"");
        MockHttpServletResponse worker = page("/sw.js", null);
        assertThat(worker.getStatus()).isEqualTo(200);
        assertThat(worker.getContentType()).contains("javascript");
        assertThat(page("/portal/icon-192.png", null).getStatus()).isEqualTo(200);
        assertThat(page("/offline", null).getContentAsString()).contains("No network");
    }
}
