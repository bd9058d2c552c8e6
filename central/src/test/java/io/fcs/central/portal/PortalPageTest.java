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

    /** Every visitor's password. */
    static final String PASSWORD = "password-1234";

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
                        .param("password", PASSWORD)
                        .param("confirm", PASSWORD))
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

    /** The same form without a CSRF token, as a page of another site would send it. */
    MockHttpServletResponse formWithoutCsrf(String path, Visitor visitor, String... nameValues) throws Exception {
        MockHttpServletRequestBuilder request =
                post(path).cookie(visitor.cookies()).accept(MediaType.TEXT_HTML);
        for (int i = 0; i < nameValues.length; i += 2) {
            request.param(nameValues[i], nameValues[i + 1]);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    /** The fields of {@code /my/tickets/buy}: {@code quantity} of the site's pass, paid with the sandbox {@code card}. */
    static String[] ticketForm(Site site, int quantity, String card, String key) {
        return new String[] {
            "festival", site.festivalId(),
            "ticketType", site.ticketTypeId(),
            "quantity", Integer.toString(quantity),
            "card", card,
            "key", key
        };
    }

    /** The fields of {@code /my/wallet/top-up}: {@code amount} as typed, paid with the sandbox {@code card}. */
    static String[] topUpForm(Site site, String amount, String card) {
        return new String[] {"festival", site.festivalId(), "amount", amount, "card", card, "key", key()};
    }

    /** Buys tickets on {@code /my/tickets/buy} (see {@link #ticketForm}). */
    MockHttpServletResponse buyTickets(Visitor visitor, Site site, int quantity, String card, String key)
            throws Exception {
        return form("/my/tickets/buy", visitor, ticketForm(site, quantity, card, key));
    }

    /** The same with a fresh form key. */
    MockHttpServletResponse buyTickets(Visitor visitor, Site site, int quantity, String card) throws Exception {
        return buyTickets(visitor, site, quantity, card, key());
    }

    /** Tops up {@code amount} (as typed) on {@code /my/wallet/top-up} with the sandbox {@code card} and a fresh key. */
    MockHttpServletResponse topUp(Visitor visitor, Site site, String amount, String card) throws Exception {
        return form("/my/wallet/top-up", visitor, topUpForm(site, amount, card));
    }

    /** The visitor signed in on the API: an {@code Authorization} value. */
    String bearer(Visitor visitor) throws Exception {
        return bearerOf(visitor.email(), PASSWORD);
    }

    /** A field ({@code id}, {@code qrCode} …) of the visitor's first ticket, as {@code GET /tickets/me} lists it. */
    String firstTicket(Visitor visitor, String field) throws Exception {
        return read(apiGet("/tickets/me", bearer(visitor)), "$[0]." + field);
    }

    static String key() {
        return UUID.randomUUID().toString();
    }
}
