package io.fcs.central.testing;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.jayway.jsonpath.JsonPath;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Base of every Spring test of central on H2: one configuration (profile {@code test}, in-memory
 * H2, fixed secrets), so the application context is built once per JVM and cached. Tests share
 * the database: create your own festivals/users (unique names) instead of assuming empty tables.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import(TestTokens.class)
public abstract class CentralTest {

    /** The administrator created on first start (see application-test.yml). */
    public static final String ADMIN_EMAIL = "admin@central.test";

    public static final String ADMIN_PASSWORD = "admin-password-for-tests";

    @Autowired
    protected MockMvc mvc;

    @Autowired
    protected TestTokens tokens;

    private static String adminBearer;

    /** A request with a JSON body (or none when {@code json} is null) and an optional bearer. */
    protected ResultActions call(HttpMethod method, String path, String bearer, String json) throws Exception {
        MockHttpServletRequestBuilder builder = request(method, path).accept(MediaType.APPLICATION_JSON);
        if (bearer != null) {
            builder.header(HttpHeaders.AUTHORIZATION, bearer);
        }
        if (json != null) {
            builder.contentType(MediaType.APPLICATION_JSON).content(json);
        }
        return mvc.perform(builder);
    }

    protected ResultActions apiPost(String path, String bearer, String json) throws Exception {
        return call(HttpMethod.POST, path, bearer, json);
    }

    protected ResultActions apiGet(String path, String bearer) throws Exception {
        return call(HttpMethod.GET, path, bearer, null);
    }

    protected static String body(ResultActions result) throws Exception {
        return result.andReturn().getResponse().getContentAsString();
    }

    protected static <T> T read(ResultActions result, String jsonPath) throws Exception {
        return JsonPath.read(body(result), jsonPath);
    }

    /** A unique e-mail address for a test user. */
    protected static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
    }

    /** {@code "Bearer <token>"} of the real administrator, by logging in once. */
    protected String adminBearer() throws Exception {
        if (adminBearer == null) {
            adminBearer = bearerOf(ADMIN_EMAIL, ADMIN_PASSWORD);
        }
        return adminBearer;
    }

    /** Logs in and returns {@code "Bearer <accessToken>"}. */
    protected String bearerOf(String email, String password) throws Exception {
        String token = read(
                apiPost("/auth/login", null, "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(email, password)),
                "$.accessToken");
        return "Bearer " + token;
    }

    /** Registers an attendee and returns {@code "Bearer <accessToken>"}. */
    protected String newAttendee() throws Exception {
        String email = uniqueEmail("attendee");
        apiPost(
                "/auth/register",
                null,
                "{\"email\":\"%s\",\"password\":\"password-1234\",\"name\":\"Ada Attendee\"}".formatted(email));
        return bearerOf(email, "password-1234");
    }

    /** Creates a festival (as the administrator) spanning three days; returns its id. */
    protected String createFestival(String name) throws Exception {
        return read(
                apiPost("/festivals", adminBearer(), """
                        {"name":"%s","startDate":"2027-07-01","endDate":"2027-07-03","venue":"Meadow"}""".formatted(
                                name + " " + UUID.randomUUID().toString().substring(0, 6))),
                "$.id");
    }

    /** Creates a ticket type (EUR) in a festival; returns its id. */
    protected String createTicketType(String festivalId, long priceCents, int quota) throws Exception {
        return read(
                apiPost("/festivals/" + festivalId + "/ticket-types", adminBearer(), """
                        {"name":"Pass %s","priceCents":%d,"currency":"EUR","quota":%d,"validDays":3}""".formatted(
                                UUID.randomUUID().toString().substring(0, 6), priceCents, quota)),
                "$.id");
    }
}
