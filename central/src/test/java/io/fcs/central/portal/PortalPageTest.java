package io.fcs.central.portal;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.fcs.central.testing.CentralTest;
import jakarta.servlet.http.Cookie;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** Portal pages through MockMvc: a published festival set up through the API, attendees signed up through the page. */
abstract class PortalPageTest extends CentralTest {

    record Site(String festivalId, String ticketTypeId, String festivalName) {}

    record Visitor(String email, Cookie[] cookies) {}

    /** A published festival with a zone, a gate, a bar with a price list and a ticket type (45.00 EUR, 100 places). */
    Site publishedFestival() throws Exception {
        String festival = createFestival("Portal Fest");
        String zone = read(apiPost("/festivals/" + festival + "/zones", adminBearer(), """
                        {"name":"Main stage","kind":"STAGE","capacity":5000}"""), "$.id");
        apiPost("/festivals/" + festival + "/gates", adminBearer(), """
                {"name":"North gate","zoneId":"%s"}""".formatted(zone));
        String bar =
                read(apiPost("/festivals/" + festival + "/points-of-sale", adminBearer(), """
                        {"name":"Big Bar","zoneId":"%s","kind":"BAR"}""".formatted(zone)), "$.id");
        call(HttpMethod.PUT, "/festivals/" + festival + "/points-of-sale/" + bar + "/products", adminBearer(), """
                [{"code":"BEER","name":"Pale ale","priceCents":500,"category":"drinks"}]""");
        String type = createTicketType(festival, 4500, 100);
        call(HttpMethod.PATCH, "/festivals/" + festival, adminBearer(), "{\"status\":\"PUBLISHED\"}");
        String name = read(apiGet("/festivals/" + festival, adminBearer()), "$.name");
        return new Site(festival, type, name);
    }

    /** Registers through {@code /sign-up}; the visitor is then signed in by cookies. */
    Visitor signUp() throws Exception {
        String email = uniqueEmail("portal");
        MockHttpServletResponse response = mvc.perform(post("/sign-up")
                        .with(csrf())
                        .accept(MediaType.TEXT_HTML)
                        .param("name", "Ada Lovelace")
                        .param("email", email)
                        .param("password", "password-1234")
                        .param("confirm", "password-1234"))
                .andReturn()
                .getResponse();
        if (response.getStatus() != 302) {
            throw new AssertionError("sign-up answered " + response.getStatus());
        }
        return new Visitor(email, cookies(response));
    }

    static Cookie[] cookies(MockHttpServletResponse response) {
        return Arrays.stream(response.getCookies())
                .filter(c -> c.getName().startsWith("fcs_") && !c.getValue().isEmpty())
                .toArray(Cookie[]::new);
    }

    MockHttpServletResponse page(String path, Visitor visitor) throws Exception {
        MockHttpServletRequestBuilder request = get(path).accept(MediaType.TEXT_HTML);
        if (visitor != null) {
            request.cookie(visitor.cookies());
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** Posts a form with a CSRF token, as the visitor's browser does. */
    MockHttpServletResponse form(String path, Visitor visitor, String... nameValues) throws Exception {
        MockHttpServletRequestBuilder request =
                post(path).with(csrf()).accept(MediaType.TEXT_HTML).contentType(MediaType.APPLICATION_FORM_URLENCODED);
        if (visitor != null) {
            request.cookie(visitor.cookies());
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            values.put(nameValues[i], nameValues[i + 1]);
        }
        values.forEach(request::param);
        return mvc.perform(request).andReturn().getResponse();
    }

    static String key() {
        return UUID.randomUUID().toString();
    }
}
