package io.fcs.central.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.fcs.central.testing.Browser;
import io.fcs.central.testing.CentralServerTest;
import io.fcs.central.testing.CentralTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** Signing in and the error pages, in a real headless Chromium. */
class SignInBrowserIT extends CentralServerTest {

    private Browser browser;

    @BeforeAll
    void openBrowser() {
        browser = Browser.open(port);
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
    void adminIsSentToSignInAndLandsInTheBackOffice() {
        browser.go("/admin");
        assertThat(browser.path()).startsWith("/sign-in?next=");
        browser.screenshot("sign-in");
        browser.type("email", CentralTest.ADMIN_EMAIL)
                .type("password", CentralTest.ADMIN_PASSWORD)
                .click(By.cssSelector("form button[type=submit]"));
        browser.waitForText(By.tagName("main"), CentralTest.ADMIN_EMAIL);
        assertThat(browser.path()).isEqualTo("/admin");
    }

    @Test
    void wrongPasswordIsSaidInPlainWordsAndKeepsTheEmail() {
        browser.signIn(CentralTest.ADMIN_EMAIL, "definitely-wrong");
        assertThat(browser.text(By.id("sign-in-error"))).isEqualTo("Wrong e-mail or password.");
        assertThat(browser.find(By.id("email")).getDomProperty("value")).isEqualTo(CentralTest.ADMIN_EMAIL);
    }

    @Test
    void unknownPageShowsAFriendlyNotFoundPageWithoutInternals() {
        browser.signIn(CentralTest.ADMIN_EMAIL, CentralTest.ADMIN_PASSWORD);
        browser.waitForText(By.tagName("main"), CentralTest.ADMIN_EMAIL);
        browser.go("/admin/no-such-page");
        assertThat(browser.text(By.tagName("h1"))).isEqualTo("Page not found");
        assertThat(browser.driver().getPageSource()).doesNotContain("Exception", "Whitelabel", "\"code\"");
    }

    @Test
    void languageSwitchTurnsThePageFrench() {
        browser.go("/sign-in");
        browser.click(By.cssSelector("a[hreflang=fr]"));
        browser.waitForText(By.tagName("h1"), "Connexion");
        assertThat(browser.find(By.cssSelector("label[for=password]")).getText())
                .isEqualTo("Mot de passe");
    }
}
