package io.fcs.central.portal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.jayway.jsonpath.JsonPath;
import io.fcs.central.testing.Browser;
import io.fcs.central.testing.CentralServerTest;
import io.fcs.central.testing.CentralTest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A first-time attendee in a real headless Chromium: registers, buys a ticket through the payment
 * sandbox, shows its QR (decoded from the screen and compared with the ticket's signed text),
 * keeps it for offline use, tops up, blocks a lost wristband; the ticket page on a phone-sized
 * screen. One browser for the class.
 */
class PortalBrowserIT extends CentralServerTest {

    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(390, 844);

    private Browser browser;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String adminBearer;
    private String festivalId;
    private String festivalName;

    @BeforeAll
    void openBrowserOnAPublishedFestival() throws Exception {
        adminBearer = "Bearer "
                + JsonPath.read(
                        api(
                                "POST",
                                "/auth/login",
                                null,
                                Map.of("email", CentralTest.ADMIN_EMAIL, "password", CentralTest.ADMIN_PASSWORD)),
                        "$.accessToken");
        festivalName = "Meadow Sounds " + UUID.randomUUID().toString().substring(0, 4);
        festivalId = JsonPath.read(
                api(
                        "POST",
                        "/festivals",
                        adminBearer,
                        Map.of(
                                "name",
                                festivalName,
                                "startDate",
                                "2027-07-01",
                                "endDate",
                                "2027-07-03",
                                "venue",
                                "Meadow")),
                "$.id");
        String main = zone("Main stage", "STAGE");
        String camp = zone("Camping", "CAMPING");
        api("POST", "/festivals/" + festivalId + "/gates", adminBearer, Map.of("name", "North gate", "zoneId", main));
        api("POST", "/festivals/" + festivalId + "/gates", adminBearer, Map.of("name", "Camp gate", "zoneId", camp));
        api(
                "POST",
                "/festivals/" + festivalId + "/points-of-sale",
                adminBearer,
                Map.of("name", "Main bar", "zoneId", main, "kind", "BAR"));
        api(
                "POST",
                "/festivals/" + festivalId + "/points-of-sale",
                adminBearer,
                Map.of("name", "Top-up tent", "zoneId", camp, "kind", "TOP_UP_DESK"));
        api(
                "POST",
                "/festivals/" + festivalId + "/ticket-types",
                adminBearer,
                Map.of("name", "Weekend pass", "priceCents", 12_000, "currency", "EUR", "quota", 50, "validDays", 3));
        api("PATCH", "/festivals/" + festivalId, adminBearer, Map.of("status", "PUBLISHED"));
        browser = Browser.open(port, DESKTOP);
    }

    @BeforeEach
    void newVisitor() {
        browser.driver().manage().window().setSize(DESKTOP);
        browser.forgetLogin();
    }

    @AfterAll
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    private String zone(String name, String kind) throws Exception {
        return JsonPath.read(
                api("POST", "/festivals/" + festivalId + "/zones", adminBearer, Map.of("name", name, "kind", kind)),
                "$.id");
    }

    private String api(String method, String path, String bearer, Map<String, Object> body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(tools.jackson.databind.json.JsonMapper.builder()
                                        .build()
                                        .writeValueAsString(body)));
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Registers through the sign-up page; answers the new attendee's e-mail. */
    private String signUp() {
        String email = "fan-" + UUID.randomUUID().toString().substring(0, 8) + "@example.test";
        browser.go("/sign-up")
                .type("name", "Noor Haddad")
                .type("email", email)
                .type("password", "festival-2027")
                .type("confirm", "festival-2027")
                .click(By.cssSelector("main form button[type=submit]"));
        browser.waitForText(By.tagName("h1"), "My festival");
        assertThat(browser.path()).isEqualTo("/my");
        return email;
    }

    /**
     * Decodes the QR as displayed; the page's notices arrive by htmx just after load and move it
     * down (a capture during that move can miss the code or read it torn), so the capture is taken
     * once the code has stopped moving, read with both of ZXing's binarisers, and looked at up to
     * ten times, half a second apart.
     */
    private String displayedQr() throws Exception {
        browser.waitFor(By.cssSelector("#notices .notice-list"));
        com.google.zxing.ReaderException last = null;
        org.openqa.selenium.Rectangle before = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            WebElement qr = browser.waitFor(By.cssSelector("#ticket-qr svg.qr"));
            browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'});", qr);
            org.openqa.selenium.Rectangle now = qr.getRect();
            if (now.equals(before)) {
                try {
                    return decodeQr(qr);
                } catch (com.google.zxing.ReaderException e) {
                    last = e;
                }
            }
            before = now;
            Thread.sleep(500);
        }
        throw last != null ? last : com.google.zxing.NotFoundException.getNotFoundInstance();
    }

    private static String decodeQr(WebElement element) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(element.getScreenshotAs(OutputType.BYTES)));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        RGBLuminanceSource source = new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels);
        try {
            return new QRCodeReader()
                    .decode(
                            new BinaryBitmap(new HybridBinarizer(source)),
                            Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                    .getText();
        } catch (com.google.zxing.ReaderException hybrid) {
            return new QRCodeReader()
                    .decode(
                            new BinaryBitmap(new com.google.zxing.common.GlobalHistogramBinarizer(source)),
                            Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE))
                    .getText();
        }
    }

    @Test
    void attendeeRegistersBuysATicketAndShowsItsSignedQrAlsoOfflineAndOnAPhone() throws Exception {
        browser.go("/");
        browser.waitForText(By.tagName("main"), festivalName);
        browser.screenshot("portal-home");
        String email = signUp();

        browser.go("/my/tickets/buy?festival=" + festivalId);
        browser.waitForText(By.tagName("main"), "Weekend pass");
        browser.screenshot("portal-buy");
        browser.click(By.cssSelector("main form[method=post] button[type=submit]"));
        browser.waitForText(By.id("bought"), "Payment confirmed");
        assertThat(browser.text(By.cssSelector("#ticket-list .status"))).isEqualTo("Paid, valid");
        browser.screenshot("portal-tickets");

        browser.click(By.cssSelector("#ticket-list a.button"));
        WebElement qr = browser.waitFor(By.cssSelector("#ticket-qr svg.qr"));
        String userBearer = "Bearer "
                + JsonPath.read(
                        api("POST", "/auth/login", null, Map.of("email", email, "password", "festival-2027")),
                        "$.accessToken");
        String tickets = api("GET", "/tickets/me", userBearer, null);
        String signedText = JsonPath.read(tickets, "$[0].qrCode");
        String ticketId = JsonPath.read(tickets, "$[0].id");
        assertThat(browser.path()).isEqualTo("/my/tickets/" + ticketId);
        assertThat(displayedQr()).isEqualTo(signedText);
        assertThat(qr.getSize().getWidth()).isGreaterThanOrEqualTo(300);
        browser.screenshot("portal-ticket-qr");

        // The service worker keeps the ticket page for offline use once it controls the page.
        Object controlled = browser.driver()
                .executeAsyncScript(
                        "var done = arguments[arguments.length - 1];"
                                + "navigator.serviceWorker.ready.then(function () { done(true); }, function () { done(false); });");
        assertThat(controlled).isEqualTo(true);
        browser.go("/my/tickets/" + ticketId);
        browser.waitFor(By.cssSelector("#ticket-qr svg.qr"));
        Object cached = new WebDriverWait(browser.driver(), Duration.ofSeconds(10)).until(d -> browser.driver()
                .executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + "caches.match('/my/tickets/" + ticketId + "')"
                        + ".then(function (r) { return r ? r.text() : ''; })"
                        + ".then(function (t) { done(t.indexOf('class=\"qr\"') >= 0 ? t : null); });"));
        assertThat(cached.toString()).contains(ticketId);

        browser.driver().manage().window().setSize(PHONE);
        browser.go("/my/tickets/" + ticketId);
        WebElement phoneQr = browser.waitFor(By.cssSelector("#ticket-qr svg.qr"));
        browser.waitFor(By.cssSelector("#notices .notice-list"));
        browser.screenshot("portal-phone-ticket");
        assertThat(displayedQr()).isEqualTo(signedText);
        assertThat(phoneQr.getSize().getWidth()).isGreaterThanOrEqualTo(300);
        Object overflow = browser.driver()
                .executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number) overflow).intValue())
                .as("sideways scrolling on a phone")
                .isLessThanOrEqualTo(0);
    }

    @Test
    void attendeeTopsUpSeesTheNoticeAndBlocksALostWristband() {
        signUp();
        browser.go("/my/wallet?festival=" + festivalId);
        browser.type("amount", "25");
        browser.click(By.cssSelector("form[action='/my/wallet/top-up'] button[type=submit]"));
        browser.waitForText(By.id("done"), "Top-up confirmed");
        assertThat(browser.text(By.id("balance"))).isEqualTo("€25.00");
        browser.waitForText(By.id("notices"), "Top-up loaded: €25.00 is on your account.");

        browser.type(
                "uid",
                "04 A1 B2 C3 D4 E5 F" + Integer.toHexString(UUID.randomUUID().hashCode() & 0xf));
        browser.click(By.cssSelector("form[action='/my/wallet/wristbands'] button[type=submit]"));
        browser.waitForText(By.id("done"), "The wristband is linked");
        browser.screenshot("portal-wallet");

        browser.click(By.cssSelector("li.band button.danger"));
        browser.driver().switchTo().alert().accept();
        browser.waitForText(By.id("done"), "The wristband is blocked");
        assertThat(browser.text(By.cssSelector("li.band .badge"))).isEqualTo("blocked");
        assertThat(browser.all(By.cssSelector("li.band button.danger"))).isEmpty();
        assertThat(browser.text(By.id("balance"))).isEqualTo("€25.00");
    }

    @Test
    void programmeAndMapAreDrawnFromTheFestivalSetUpAndKeyboardReachable() {
        browser.go("/map?festival=" + festivalId);
        WebElement map = browser.waitFor(By.cssSelector("svg.site-map"));
        assertThat(map.getText()).contains("Main stage", "Gate · North gate", "Top-up desk · Top-up tent");
        browser.screenshot("portal-map");
        browser.go("/programme?festival=" + festivalId + "&lang=fr");
        browser.waitForText(By.tagName("main"), "Jour 3");
        browser.screenshot("portal-programme-fr");
        browser.go("/support?lang=en");
        browser.find(By.tagName("body")).sendKeys(org.openqa.selenium.Keys.TAB);
        assertThat(browser.driver().switchTo().activeElement().getText()).isEqualTo("Skip to content");
        browser.type("support-name", "Noor");
        browser.type("support-email", "noor@example.test");
        browser.type("support-message", "hi");
        browser.click(By.cssSelector("main form button[type=submit]"));
        assertThat(browser.text(By.id("message-error"))).contains("Write between 10 and 4000 characters.");
        assertThat(browser.find(By.id("support-message")).getDomAttribute("aria-invalid"))
                .isEqualTo("true");
        browser.screenshot("portal-support-error");
    }
}
