package io.fcs.central.backoffice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.fcs.central.auth.Role;
import io.fcs.central.ledger.AccountKey;
import io.fcs.central.ledger.Ledger;
import io.fcs.central.sync.RecordIngestion;
import io.fcs.central.sync.SimTerminal;
import io.fcs.central.testing.CentralTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.value.Currency;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.WalletId;
import jakarta.servlet.http.Cookie;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/** The back-office pages: who sees what, refusals as readable pages, CSRF, and each action's effect. */
class BackOfficePagesTest extends CentralTest {

    private static final String UID = "04a1b2c3d4e5f6";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Ledger ledger;

    @Autowired
    RecordIngestion ingestion;

    private FestivalId festival;
    private final WalletId wallet = WalletId.random();

    /** A festival where a kiosk took 10.00 cash and a bar sold 4.00 online and 8.00 offline (2.00 short). */
    @BeforeEach
    void festivalWithAnOfflineOverspend() {
        festival = FestivalId.of(TestFestivals.create(jdbc));
        Map<String, Long> chips = new HashMap<>();
        SimTerminal kiosk = SimTerminal.create(festival, chips).enrol(jdbc);
        SimTerminal bar = SimTerminal.create(festival, chips).enrol(jdbc);
        ingestion.ingest(
                SimTerminal.batch(List.of(kiosk.topUp(UID, wallet, 1_000, PaymentMethod.CASH))), Optional.empty());
        ingestion.ingest(
                SimTerminal.batch(List.of(
                        bar.sale(UID, wallet, 400, Authority.EDGE), bar.sale(UID, wallet, 800, Authority.OFFLINE))),
                Optional.empty());
    }

    private Cookie as(Role... roles) {
        return new Cookie("fcs_access", tokens.token(UUID.randomUUID(), List.of(festival.value()), roles));
    }

    private MockHttpServletResponse page(MockHttpServletRequestBuilder request, Cookie login) throws Exception {
        return mvc.perform(request.accept(MediaType.TEXT_HTML).cookie(login))
                .andReturn()
                .getResponse();
    }

    private MockHttpServletResponse open(String path, Role... roles) throws Exception {
        return page(get(path), as(roles));
    }

    private UUID openItem(String kind) {
        return jdbc.sql("SELECT id FROM review_item WHERE festival_id = ? AND kind = ? AND status = 'OPEN'")
                .params(festival.value(), kind)
                .query(UUID.class)
                .single();
    }

    private long auditEvents() {
        return jdbc.sql("SELECT COUNT(*) FROM audit_event").query(Long.class).single();
    }

    @Test
    void financeSeesTheFinanceSectionsButNotTheOrganisersOnes() throws Exception {
        String html =
                open("/admin/dashboard?festival=" + festival, Role.FINANCE).getContentAsString();
        assertThat(html).contains("href=\"/admin/money?festival=", "href=\"/admin/audit-log?festival=");
        assertThat(html).doesNotContain("href=\"/admin/setup", "href=\"/admin/people", "href=\"/admin/fleet");
        for (String path :
                List.of("/admin/setup", "/admin/people", "/admin/access", "/admin/fleet", "/admin/ticket-desk")) {
            MockHttpServletResponse refused = open(path, Role.FINANCE);
            assertThat(refused.getStatus()).as(path).isEqualTo(403);
        }
    }

    @Test
    void organiserIsRefusedTheMoneyPagesAndTheirExports() throws Exception {
        assertThat(open("/admin/money?festival=" + festival, Role.ORGANISER).getStatus())
                .isEqualTo(403);
        assertThat(open("/admin/money/exports/fec?festival=" + festival, Role.ORGANISER)
                        .getStatus())
                .isEqualTo(403);
        assertThat(open("/admin/audit-log", Role.ORGANISER).getStatus()).isEqualTo(403);
        assertThat(open("/admin/setup?festival=" + festival, Role.ORGANISER).getStatus())
                .isEqualTo(200);
    }

    @Test
    void barStaffAndAttendeesAreKeptOutOfTheBackOffice() throws Exception {
        assertThat(open("/admin/dashboard", Role.BAR_STAFF).getStatus()).isEqualTo(403);
        assertThat(open("/admin/money", Role.ATTENDEE).getStatus()).isEqualTo(403);
    }

    @Test
    void aFestivalOutsideTheUsersScopeIsNotFound() throws Exception {
        UUID other = TestFestivals.create(jdbc);
        assertThat(open("/admin/money?festival=" + other, Role.FINANCE).getStatus())
                .isEqualTo(404);
        assertThat(open("/admin/money?festival=not-an-id", Role.FINANCE).getStatus())
                .isEqualTo(400);
    }

    @Test
    void dashboardDrawsItsChartsOnTheServerAndRefreshesThemWithHtmx() throws Exception {
        MockHttpServletResponse response = open("/admin/dashboard?festival=" + festival, Role.FINANCE);
        assertThat(response.getStatus()).isEqualTo(200);
        String html = response.getContentAsString();
        assertThat(html).contains("<svg class=\"chart\"", "hx-get=\"/admin/dashboard/live?festival=" + festival);
        assertThat(html).contains("id=\"kpi-revenue\"", "12.00"); // the bar's 4.00 + 8.00
        assertThat(html).contains("BEER");
        String live = open("/admin/dashboard/live?festival=" + festival, Role.ORGANISER)
                .getContentAsString();
        assertThat(live).startsWith("<section id=\"live\"").doesNotContain("<html");
    }

    @Test
    void financePageShowsTheConservationTotalsAndTheOpenReviewItems() throws Exception {
        String html = open("/admin/money?festival=" + festival, Role.FINANCE).getContentAsString();
        assertThat(html).contains("The books balance to the cent", "OFFLINE_SHORTFALL", "€10.00", "€12.00", "€2.00");
    }

    @Test
    void fecExportDownloadsTheLegalFile() throws Exception {
        MockHttpServletResponse fec = open("/admin/money/exports/fec?festival=" + festival, Role.FINANCE);
        assertThat(fec.getStatus()).isEqualTo(200);
        assertThat(fec.getHeader("Content-Disposition")).startsWith("attachment; filename=\"FEC-");
        String text = fec.getContentAsString();
        assertThat(text.lines().findFirst().orElseThrow()).startsWith("JournalCode\tJournalLib\tEcritureNum");
        assertThat(text.lines().count()).isGreaterThan(3);
        MockHttpServletResponse csv = open("/admin/money/exports/csv?festival=" + festival, Role.ADMIN);
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentType()).startsWith("text/csv");
    }

    @Test
    void writingOffAReviewItemPostsTheLossAndResolvesIt() throws Exception {
        UUID item = openItem("OFFLINE_SHORTFALL");
        MockHttpServletResponse done = page(
                post("/admin/money/review-items/" + item)
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("action", "WRITE_OFF")
                        .param("reason", "festival policy: small offline overspends"),
                as(Role.FINANCE));
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(done.getRedirectedUrl()).contains("done=reviewResolved");
        assertThat(ledger.balance(festival, AccountKey.offlineExposure(wallet), Currency.EUR)
                        .minor())
                .isZero();
        assertThat(jdbc.sql("SELECT status FROM review_item WHERE id = ?")
                        .param(item)
                        .query(String.class)
                        .single())
                .isEqualTo("RESOLVED");
        String html = open("/admin/money?festival=" + festival + "&done=reviewResolved", Role.FINANCE)
                .getContentAsString();
        assertThat(html).contains("The review item was resolved.", "The books balance to the cent");
    }

    @Test
    void aReviewActionWithoutAReasonIsShownAgainWithAMessageAndChangesNothing() throws Exception {
        UUID item = openItem("OFFLINE_SHORTFALL");
        long before = auditEvents();
        MockHttpServletResponse refused = page(
                post("/admin/money/review-items/" + item)
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("action", "ADJUST")
                        .param("amount", "twelve")
                        .param("reason", "typo"),
                as(Role.FINANCE));
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("Amount must be an amount such as 12.50.");
        MockHttpServletResponse noReason = page(
                post("/admin/money/review-items/" + item)
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("action", "DISMISS")
                        .param("reason", "  "),
                as(Role.FINANCE));
        assertThat(noReason.getStatus()).isEqualTo(400);
        assertThat(noReason.getContentAsString()).contains("Reason is required.");
        assertThat(openItem("OFFLINE_SHORTFALL")).isEqualTo(item);
        assertThat(auditEvents()).isEqualTo(before);
    }

    @Test
    void anAdjustmentWithoutTheCsrfTokenIsRefusedAndPostsNothing() throws Exception {
        long walletBefore = ledger.balance(festival, AccountKey.wallet(wallet), Currency.EUR)
                .minor();
        MockHttpServletResponse refused = page(
                post("/admin/money/adjustments")
                        .param("festival", festival.toString())
                        .param("wallet", wallet.toString())
                        .param("amount", "5.00")
                        .param("reason", "goodwill"),
                as(Role.FINANCE));
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(ledger.balance(festival, AccountKey.wallet(wallet), Currency.EUR)
                        .minor())
                .isEqualTo(walletBefore);
    }

    /** What the attendee holds net: the wallet minus what they owe for offline overspends. */
    private long net() {
        return ledger.balance(festival, AccountKey.wallet(wallet), Currency.EUR).minor()
                - ledger.balance(festival, AccountKey.offlineExposure(wallet), Currency.EUR)
                        .minor();
    }

    @Test
    void anAdjustmentCreditsTheWalletOnceEvenWhenTheFormIsSentTwice() throws Exception {
        long walletBefore = net();
        String key = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            MockHttpServletResponse done = page(
                    post("/admin/money/adjustments")
                            .with(csrf())
                            .param("festival", festival.toString())
                            .param("wallet", wallet.toString())
                            .param("amount", "5,00")
                            .param("reason", "goodwill after a broken till")
                            .param("key", key),
                    as(Role.FINANCE));
            assertThat(done.getStatus()).isEqualTo(302);
        }
        assertThat(net()).isEqualTo(walletBefore + 500);
    }

    @Test
    void setUpAddsAZoneAndRefusesABadPriceListWithTheLineThatIsWrong() throws Exception {
        MockHttpServletResponse added = page(
                post("/admin/setup/zones")
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("name", "Main arena")
                        .param("kind", "ARENA")
                        .param("capacity", "5000"),
                as(Role.ORGANISER));
        assertThat(added.getStatus()).isEqualTo(302);
        UUID zone = jdbc.sql("SELECT id FROM zone WHERE festival_id = ? AND name = 'Main arena'")
                .param(festival.value())
                .query(UUID.class)
                .single();
        page(
                post("/admin/setup/points-of-sale")
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("name", "North bar")
                        .param("kind", "BAR")
                        .param("zone", zone.toString()),
                as(Role.ORGANISER));
        UUID pos = jdbc.sql("SELECT id FROM point_of_sale WHERE festival_id = ? AND name = 'North bar'")
                .param(festival.value())
                .query(UUID.class)
                .single();
        MockHttpServletResponse refused = page(
                post("/admin/setup/points-of-sale/" + pos + "/products")
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("products", "BEER; Beer; 4.50; drinks\nWATER; Water; free; drinks"),
                as(Role.ORGANISER));
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString())
                .contains("Line 2: the price must be an amount such as 4.50.")
                .contains("WATER; Water; free; drinks");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM product WHERE pos_id = ?")
                        .param(pos)
                        .query(Long.class)
                        .single())
                .isZero();
        MockHttpServletResponse saved = page(
                post("/admin/setup/points-of-sale/" + pos + "/products")
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("products", "BEER; Beer; 4.50; drinks\nWATER; Water; 2; drinks"),
                as(Role.ORGANISER));
        assertThat(saved.getStatus()).isEqualTo(302);
        assertThat(open("/admin/setup?festival=" + festival, Role.ORGANISER).getContentAsString())
                .contains("North bar", "BEER; Beer; 4.50; drinks");
    }

    @Test
    void setUpAddsAZoneWithItsReentryRuleAndOfflineShareAndRefusesAnUnknownRule() throws Exception {
        MockHttpServletResponse refused = page(
                post("/admin/setup/zones")
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("name", "Campsite")
                        .param("kind", "CAMPING")
                        .param("reentry", "SOMETIMES"),
                as(Role.ORGANISER));
        assertThat(refused.getStatus()).isEqualTo(400);
        MockHttpServletResponse added = page(
                post("/admin/setup/zones")
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("name", "Campsite")
                        .param("kind", "CAMPING")
                        .param("reentry", "AFTER_EXIT")
                        .param("reentryCooldown", "90")
                        .param("offlineShare", "30"),
                as(Role.ORGANISER));
        assertThat(added.getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT reentry || ':' || reentry_cooldown_seconds || ':' || offline_share_percent"
                                + " FROM zone WHERE festival_id = ? AND name = 'Campsite'")
                        .param(festival.value())
                        .query(String.class)
                        .single())
                .isEqualTo("AFTER_EXIT:90:30");
        assertThat(open("/admin/setup?festival=" + festival, Role.ORGANISER).getContentAsString())
                .contains("AFTER_EXIT · 90 s", "30 %", "After an exit scan");

        UUID zone = jdbc.sql("SELECT id FROM zone WHERE festival_id = ? AND name = 'Campsite'")
                .param(festival.value())
                .query(UUID.class)
                .single();
        MockHttpServletResponse tooMuch = page(
                post("/admin/setup/zone-rules")
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("zone", zone.toString())
                        .param("reentry", "ALLOWED")
                        .param("offlineShare", "150"),
                as(Role.ORGANISER));
        assertThat(tooMuch.getStatus()).isEqualTo(400);
        MockHttpServletResponse changed = page(
                post("/admin/setup/zone-rules")
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("zone", zone.toString())
                        .param("reentry", "ALLOWED")
                        .param("reentryCooldown", "30"),
                as(Role.ORGANISER));
        assertThat(changed.getStatus()).isEqualTo(302);
        assertThat(jdbc.sql(
                                "SELECT reentry || ':' || reentry_cooldown_seconds || ':' || COALESCE(offline_share_percent, -1)"
                                        + " FROM zone WHERE id = ?")
                        .param(zone)
                        .query(String.class)
                        .single())
                .as("a blank share goes back to the equal split")
                .isEqualTo("ALLOWED:30:-1");
    }

    @Test
    void aFestivalWhoseLastDayIsBeforeItsFirstIsRefusedAndNotCreated() throws Exception {
        String name = "Backwards " + UUID.randomUUID();
        MockHttpServletResponse refused = page(
                post("/admin/setup/festivals")
                        .with(csrf())
                        .param("name", name)
                        .param("venue", "Field")
                        .param("startDate", "2027-07-03")
                        .param("endDate", "2027-07-01"),
                as(Role.ADMIN));
        assertThat(refused.getStatus()).isEqualTo(400);
        assertThat(refused.getContentAsString()).contains("endDate must not be before startDate", name);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM festival WHERE name = ?")
                        .param(name)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void ticketDeskFindsATicketByItsBuyersEmailAndShowsItsHistory() throws Exception {
        String festivalId = createFestival("Desk");
        String type = createTicketType(festivalId, 0, 10);
        String email = uniqueEmail("desk");
        apiPost("/auth/register", null, """
                {"email":"%s","password":"password-1234","name":"Grace Holder"}""".formatted(email));
        String buyer = bearerOf(email, "password-1234");
        String ticketId = read(
                apiPost("/tickets/buy", buyer, "{\"ticketTypeId\":\"%s\",\"quantity\":1}".formatted(type)),
                "$.tickets[0].id");
        Cookie admin = new Cookie("fcs_access", tokens.token(UUID.randomUUID(), List.of(), Role.ADMIN));
        String found = page(
                        get("/admin/ticket-desk").param("festival", festivalId).param("q", email), admin)
                .getContentAsString();
        assertThat(found).contains("/admin/ticket-desk/" + ticketId, "Grace Holder");
        String byName = page(
                        get("/admin/ticket-desk").param("festival", festivalId).param("q", "grace hol"), admin)
                .getContentAsString();
        assertThat(byName).contains("/admin/ticket-desk/" + ticketId);
        String ticket = page(get("/admin/ticket-desk/" + ticketId), admin).getContentAsString();
        assertThat(ticket).contains("Sold", "VALID", "Refund and revoke");
    }

    @Test
    void auditLogFiltersByActionAndRefusesABadDay() throws Exception {
        page(
                post("/admin/setup/zones")
                        .with(csrf())
                        .param("festival", festival.toString())
                        .param("name", "Camping")
                        .param("kind", "CAMPING"),
                as(Role.ADMIN));
        String html = open("/admin/audit-log?festival=" + festival + "&action=zone.", Role.FINANCE)
                .getContentAsString();
        String table = html.substring(html.indexOf("id=\"audit-events\""));
        assertThat(table).contains("zone.created").doesNotContain("festival.created", "device.revoked");
        MockHttpServletResponse bad = open("/admin/audit-log?festival=" + festival + "&from=yesterday", Role.FINANCE);
        assertThat(bad.getStatus()).isEqualTo(400);
        assertThat(bad.getContentAsString()).contains("must be a date");
    }

    @Test
    void revokingADeviceNeedsAReasonAndThenMarksItRevoked() throws Exception {
        SimTerminal till = SimTerminal.create(festival).enrol(jdbc);
        MockHttpServletResponse refused = page(
                post("/admin/fleet/" + till.id.value() + "/revocation")
                        .with(csrf())
                        .param("reason", ""),
                as(Role.ORGANISER));
        assertThat(refused.getStatus()).isEqualTo(400);
        MockHttpServletResponse done = page(
                post("/admin/fleet/" + till.id.value() + "/revocation")
                        .with(csrf())
                        .param("reason", "stolen from the north bar"),
                as(Role.ORGANISER));
        assertThat(done.getStatus()).isEqualTo(302);
        assertThat(jdbc.sql("SELECT status FROM device WHERE id = ?")
                        .param(till.id.value())
                        .query(String.class)
                        .single())
                .isEqualTo("REVOKED");
        assertThat(open("/admin/fleet?festival=" + festival, Role.ORGANISER).getContentAsString())
                .contains("stolen from the north bar");
    }

    @Test
    void anOrganiserCannotGrantTheAdministratorRole() throws Exception {
        String email = uniqueEmail("staff");
        MockHttpServletResponse refused = page(
                post("/admin/people")
                        .with(csrf())
                        .param("email", email)
                        .param("name", "Would-be admin")
                        .param("password", "password-1234")
                        .param("roles", "ADMIN")
                        .param("scope", festival.toString()),
                as(Role.ORGANISER));
        assertThat(refused.getStatus()).isEqualTo(403);
        assertThat(refused.getContentAsString()).contains("an organiser grants only");
        MockHttpServletResponse created = page(
                post("/admin/people")
                        .with(csrf())
                        .param("email", email)
                        .param("name", "Bar lead")
                        .param("password", "password-1234")
                        .param("roles", "BAR_STAFF")
                        .param("scope", festival.toString()),
                as(Role.ORGANISER));
        assertThat(created.getStatus()).isEqualTo(302);
        assertThat(open("/admin/people?festival=" + festival, Role.ORGANISER).getContentAsString())
                .contains("Bar lead", email);
    }
}
