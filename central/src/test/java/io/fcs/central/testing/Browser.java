package io.fcs.central.testing;

import io.fcs.protocol.testing.SystemPackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian {@code chromium} + {@code chromium-driver}) driven by
 * Selenium, pointed at a running central. Both paths are given explicitly so Selenium never
 * tries to download a browser. Close it after the test class ({@link AutoCloseable}).
 */
public final class Browser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    /** Where page screenshots are kept for the documentation. */
    public static final Path SCREENSHOTS = Path.of("..", "docs", "screenshots");

    private final ChromeDriver driver;
    private final String baseUrl;

    private Browser(ChromeDriver driver, String baseUrl) {
        this.driver = driver;
        this.baseUrl = baseUrl;
    }

    /** Opens a desktop-sized browser on {@code http://127.0.0.1:<port>}; skipped outside CI without Chromium. */
    public static Browser open(int port) {
        return open(port, new Dimension(1280, 900));
    }

    /** Opens a browser with a given window size (e.g. 390×844 for a phone). */
    public static Browser open(int port, Dimension window) {
        SystemPackages.require("chromium", CHROMIUM);
        SystemPackages.require("chromium-driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--lang=en-GB",
                "--window-size=" + window.getWidth() + "," + window.getHeight());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver, "http://127.0.0.1:" + port);
    }

    /** Drops this site's cookies (the login and language), as a new visitor. */
    public Browser forgetLogin() {
        go("/sign-in");
        driver.manage().deleteAllCookies();
        return this;
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Loads a path of the site, e.g. {@code /admin}. */
    public Browser go(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    public String path() {
        String url = driver.getCurrentUrl();
        return url == null ? "" : url.substring(baseUrl.length());
    }

    public WebElement find(By by) {
        return waitFor(by);
    }

    public List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** Types into the input labelled (by {@code for=}) with the given id, replacing what was there. */
    public Browser type(String inputId, String text) {
        WebElement input = waitFor(By.id(inputId));
        input.clear();
        input.sendKeys(text);
        return this;
    }

    public Browser click(By by) {
        waitFor(by).click();
        return this;
    }

    /** Waits (up to 10 s) until the element is present and visible. */
    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** Waits (up to 10 s) until the element's text contains {@code text}. */
    public void waitForText(By by, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(10))
                .until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    public String text(By by) {
        return waitFor(by).getText();
    }

    /** Signs in through the sign-in page with an e-mail and password. */
    public Browser signIn(String email, String password) {
        go("/sign-in");
        type("email", email);
        type("password", password);
        click(By.cssSelector("form button[type=submit]"));
        return this;
    }

    /** Saves a PNG of the current page under {@code docs/screenshots/<name>.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Path taken = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(taken, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
