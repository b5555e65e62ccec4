package io.leadreach.examples.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The harness itself: Debian's Chromium starts headless, renders a page and saves its screenshot. */
@Tag("browser")
class BrowserHarnessBrowserTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @Test
    void chromiumRendersAPageAndSavesItsScreenshot() throws Exception {
        String html = "<!doctype html><title>Harness</title><h1 id=\"hello\">Hello from Chromium</h1>";
        browser.open("data:text/html;base64,"
                + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
        assertThat(browser.find("#hello").getText()).isEqualTo("Hello from Chromium");
        assertThat(browser.driver().getTitle()).isEqualTo("Harness");

        Path shot = browser.screenshot("harness");
        assertThat(shot).isEqualTo(Browser.SCREENSHOTS.resolve("harness.png"));
        byte[] png = Files.readAllBytes(shot);
        assertThat(png).hasSizeGreaterThan(1000);
        assertThat(new String(png, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
        assertThat(browser.consoleErrors()).isEmpty();
    }
}
