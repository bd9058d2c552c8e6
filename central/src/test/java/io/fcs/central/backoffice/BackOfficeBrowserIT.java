package io.fcs.central.backoffice;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.auth.Role;
import io.fcs.central.auth.UserAccounts;
import io.fcs.central.sync.SimTerminal;
import io.fcs.central.testing.Browser;
import io.fcs.central.testing.CentralServerTest;
import io.fcs.central.testing.CentralTest;
import io.fcs.central.wallet.TestFestivals;
import io.fcs.protocol.record.Authority;
import io.fcs.protocol.record.PaymentMethod;
import io.fcs.protocol.value.FestivalId;
import io.fcs.protocol.value.WalletId;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The back-office in a real headless Chromium, over records that terminals signed and an edge
 * posted through the sync API: finance opens the dashboard, downloads the FEC and resolves a
 * review item; an administrator walks the other sections. Screenshots go to docs/screenshots.
 */
class BackOfficeBrowserIT extends CentralServerTest {

    private static final String UID = "04c0ffee00aa11";
    private static final String PASSWORD = "finance-password-1";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UserAccounts users;

    private Browser browser;
    private FestivalId festival;
    private String financeEmail;

    @BeforeAll
    void festivalWithTerminalRecordsAndABrowser() throws Exception {
        festival = FestivalId.of(TestFestivals.create(jdbc));
        jdbc.sql("UPDATE festival SET name = 'Les Nuits du Lac' WHERE id = ?")
                .param(festival.value())
                .update();
        Map<String, Long> chips = new HashMap<>();
        SimTerminal kiosk = SimTerminal.create(festival, chips).enrol(jdbc);
        SimTerminal bar = SimTerminal.create(festival, chips).enrol(jdbc);
        WalletId wallet = WalletId.random();
        post(SimTerminal.batch(List.of(kiosk.topUp(UID, wallet, 2_000, PaymentMethod.CASH))));
        post(SimTerminal.batch(List.of(
                bar.sale(UID, wallet, 450, Authority.EDGE),
                bar.sale(UID, wallet, 900, Authority.EDGE),
                bar.sale(UID, wallet, 1_000, Authority.OFFLINE))));
        financeEmail = "finance-" + UUID.randomUUID().toString().substring(0, 8) + "@festival.test";
        users.create(financeEmail, PASSWORD, "Fiona Finance", Set.of(Role.FINANCE), Set.of(festival.value()));
        browser = Browser.open(port);
    }

    /** Posts a record batch to the sync API as an edge does, over HTTP. */
    private void post(byte[] batch) throws Exception {
        try (HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/sync/v1/records"))
                            .header("Fcs-Edge-Id", UUID.randomUUID().toString())
                            .header("Content-Type", "application/octet-stream")
                            .timeout(Duration.ofSeconds(20))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(batch))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
        }
    }

    @BeforeEach
    void signedOut() {
        browser.forgetLogin();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void financeOpensTheDashboardDownloadsTheFecAndWritesOffAnOfflineShortfall() {
        browser.signIn(financeEmail, PASSWORD);
        browser.waitForText(By.tagName("main"), financeEmail);
        assertThat(browser.path()).isEqualTo("/admin");
        assertThat(browser.text(By.id("kpi-revenue"))).contains("23.50");
        assertThat(browser.all(By.cssSelector("svg.chart"))).hasSizeGreaterThanOrEqualTo(3);
        assertThat(browser.all(By.cssSelector("nav.main a[href^='/admin/setup']")))
                .isEmpty();
        assertThat((Boolean) browser.driver().executeScript("return typeof htmx !== 'undefined';"))
                .isTrue();
        browser.screenshot("admin-dashboard");

        browser.click(By.cssSelector("nav.main a[href^='/admin/money']"));
        browser.waitForText(By.tagName("h1"), "Finance and reconciliation");
        assertThat(browser.text(By.id("conservation-state"))).isEqualTo("The books balance to the cent");
        assertThat(browser.text(By.id("exposure"))).contains("3.50");
        browser.screenshot("admin-finance");

        String href = browser.find(By.id("export-fec")).getDomAttribute("href");
        Object fec = browser.driver()
                .executeAsyncScript(
                        "const done = arguments[arguments.length - 1];"
                                + "fetch(arguments[0]).then(r => r.text().then(t => done(r.status + '\\n'"
                                + " + r.headers.get('content-disposition') + '\\n' + t)));",
                        href);
        List<String> lines = fec.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("200");
        assertThat(lines.get(1)).startsWith("attachment; filename=\"FEC-" + festival);
        assertThat(lines.get(2)).startsWith("JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum");
        assertThat(lines.stream().filter(l -> l.contains("707000"))).isNotEmpty();

        UUID item = jdbc.sql("SELECT id FROM review_item WHERE festival_id = ? AND kind = 'OFFLINE_SHORTFALL'")
                .param(festival.value())
                .query(UUID.class)
                .single();
        new Select(browser.find(By.id("action-" + item))).selectByValue("WRITE_OFF");
        browser.type("reason-" + item, "Offline overspend under the festival's write-off threshold");
        browser.click(By.cssSelector("#item-" + item + " button[type=submit]"));
        browser.waitForText(By.id("page-done"), "The review item was resolved.");
        assertThat(browser.all(By.id("item-" + item))).isEmpty();
        assertThat(browser.text(By.id("exposure"))).contains("0.00");
        assertThat(browser.text(By.id("conservation-state"))).isEqualTo("The books balance to the cent");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_event WHERE action = 'ledger.exposure.written_off'"
                                + " AND festival_id = ?")
                        .param(festival.value())
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void administratorSetsUpAZoneAndWalksEverySection() {
        browser.signIn(CentralTest.ADMIN_EMAIL, CentralTest.ADMIN_PASSWORD);
        browser.waitForText(By.tagName("main"), CentralTest.ADMIN_EMAIL);
        browser.go("/admin/setup?festival=" + festival);
        browser.type("z-name", "Lakeside stage").type("z-capacity", "4000");
        new Select(browser.find(By.id("z-kind"))).selectByValue("STAGE");
        browser.click(By.cssSelector("form[action='/admin/setup/zones'] button[type=submit]"));
        browser.waitForText(By.id("page-done"), "The zone was added.");
        assertThat(browser.text(By.id("zones"))).contains("Lakeside stage", "4000");
        browser.type("z-name", "").click(By.cssSelector("form[action='/admin/setup/zones'] button[type=submit]"));
        // The browser itself refuses an empty required field: the page stays, nothing is sent.
        assertThat(browser.all(By.id("page-error"))).isEmpty();
        browser.screenshot("admin-setup");

        browser.go("/admin/ticket-desk?festival=" + festival + "&q=nobody%40example.test");
        assertThat(browser.text(By.id("no-results"))).isEqualTo("No ticket found.");
        browser.screenshot("admin-tickets");
        browser.go("/admin/fleet?festival=" + festival);
        assertThat(browser.all(By.cssSelector("#devices tbody tr"))).hasSize(2);
        browser.screenshot("admin-devices");
        browser.go("/admin/people?festival=" + festival);
        browser.waitForText(By.tagName("main"), "Fiona Finance");
        browser.screenshot("admin-people");
        browser.go("/admin/access?festival=" + festival);
        browser.screenshot("admin-access");
        browser.go("/admin/audit-log?festival=" + festival);
        assertThat(browser.text(By.id("audit-events"))).contains("zone.created");
        browser.screenshot("admin-audit-log");
        browser.go("/admin/dashboard?festival=" + festival + "&lang=fr");
        browser.waitForText(By.tagName("h1"), "Tableau de bord");
        browser.go("/admin/dashboard?festival=" + festival + "&lang=en");
    }
}
