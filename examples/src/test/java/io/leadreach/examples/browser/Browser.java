package io.leadreach.examples.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for one test class, as a JUnit 5 extension:
 *
 * <pre>{@code
 * @Tag("browser")
 * class MyPagesBrowserTest {
 *     @RegisterExtension
 *     static final Browser browser = new Browser();
 *
 *     @Test
 *     void signIn() {
 *         browser.open("http://127.0.0.1:" + port + "/login");
 *         browser.screenshot("sign-in");
 *     }
 * }
 * }</pre>
 *
 * <p>It drives Debian's {@code chromium} with Debian's {@code chromedriver} (system properties
 * {@value #CHROMIUM_PROPERTY} and {@value #CHROMEDRIVER_PROPERTY} point elsewhere), given to
 * Selenium explicitly so that Selenium Manager never downloads a driver or a browser. Each class
 * gets a fresh temporary profile, removed afterwards. A missing binary fails the class with the
 * command that installs it: browser tests are never skipped silently. Screenshots go to
 * {@code target/screenshots/<name>.png} (the whole page, not just the window), and a failed test
 * leaves one named after it.
 */
public final class Browser implements BeforeAllCallback, AfterAllCallback, AfterTestExecutionCallback {

    /** The system property naming the Chromium binary. */
    public static final String CHROMIUM_PROPERTY = "leadreach.browser.chromium";
    /** The system property naming the chromedriver binary. */
    public static final String CHROMEDRIVER_PROPERTY = "leadreach.browser.chromedriver";
    /** Where screenshots go, relative to the module. */
    public static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    private static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";
    private static final String DEFAULT_CHROMEDRIVER = "/usr/bin/chromedriver";
    private static final Duration WAIT = Duration.ofSeconds(10);

    private ChromeDriver driver;
    private ChromeDriverService service;
    private Path profile;

    /** A browser to register with {@code @RegisterExtension} on a static field. */
    public Browser() {
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        Path chromium = executable(CHROMIUM_PROPERTY, DEFAULT_CHROMIUM, "chromium");
        Path chromedriver = executable(CHROMEDRIVER_PROPERTY, DEFAULT_CHROMEDRIVER, "chromium-driver");
        profile = Files.createTempDirectory("leadreach-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
                "--window-size=1366,900", "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        if (driver != null && context.getExecutionException().isPresent()) {
            screenshot(context.getRequiredTestClass().getSimpleName() + "-"
                    + context.getRequiredTestMethod().getName() + "-FAILED");
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (driver != null) {
                driver.quit();
            }
        } finally {
            driver = null;
            if (service != null) {
                service.stop();
            }
            if (profile != null) {
                delete(profile);
            }
        }
    }

    /** The driver, for anything the helpers below do not cover. */
    public WebDriver driver() {
        if (driver == null) {
            throw new IllegalStateException("the browser starts before all tests of the class: register it "
                    + "with @RegisterExtension on a static field");
        }
        return driver;
    }

    /** Opens a URL and waits for the page to load. */
    public Browser open(String url) {
        driver().get(url);
        return this;
    }

    /** The element matched by a CSS selector, once it is there. */
    public WebElement find(String css) {
        return new WebDriverWait(driver(), WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    /** Every element matched by a CSS selector now. */
    public List<WebElement> findAll(String css) {
        return driver().findElements(By.cssSelector(css));
    }

    /** Clicks the element matched by a CSS selector once it is clickable. */
    public Browser click(String css) {
        new WebDriverWait(driver(), WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
        return this;
    }

    /**
     * Fills in the demo CRM's sign-in form on the current page ({@code #username},
     * {@code #password}) and submits it; where it leads is the caller's to wait for.
     */
    public Browser submitSignIn(String user, String password) {
        find("#username").clear();
        find("#username").sendKeys(user);
        find("#password").sendKeys(password);
        return click("#signin-form button[type=submit]");
    }

    /** Waits until the current URL contains this text. */
    public Browser awaitUrlContains(String text) {
        new WebDriverWait(driver(), WAIT).until(ExpectedConditions.urlContains(text));
        return this;
    }

    /** The current URL. */
    public String url() {
        return driver().getCurrentUrl();
    }

    /**
     * Saves a screenshot of the whole page as {@code target/screenshots/<name>.png} and returns its
     * path.
     */
    @SuppressWarnings("unchecked")
    public Path screenshot(String name) {
        byte[] png;
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
            double width = ((Number) size.get("width")).doubleValue();
            double height = Math.min(((Number) size.get("height")).doubleValue(), 8000);
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException e) { // no CDP: the window is better than nothing
            png = driver.getScreenshotAs(OutputType.BYTES);
        }
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
            Files.write(file, png);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The errors on the browser's console since the last call, such as a resource refused by the
     * Content-Security-Policy or a script error.
     */
    public List<String> consoleErrors() {
        return driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    private static Path executable(String property, String fallback, String debianPackage) {
        Path path = Paths.get(System.getProperty(property, fallback));
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "Browser tests need %s, which is missing "
                    + "or not executable. Install Debian's chromium and its driver (as .ci/run does): "
                    + "apt-get install chromium chromium-driver, or point -D%s at one.", path, property));
        }
        return path;
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
