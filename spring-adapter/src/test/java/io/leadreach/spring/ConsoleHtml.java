package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.test.web.servlet.ResultMatcher;

/** Checks every console page must pass: the CSP header, and nothing inline that the policy would block. */
final class ConsoleHtml {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>(.*?)</script>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern STYLE_ATTRIBUTE = Pattern.compile("<[^>]+\\sstyle\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern HANDLER_ATTRIBUTE = Pattern.compile("<[^>]+\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE);
    private static final Pattern JS_URL = Pattern.compile("(href|src|action)\\s*=\\s*[\"']?\\s*javascript:",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EXTERNAL = Pattern.compile("(href|src)\\s*=\\s*[\"'](https?:)?//", Pattern.CASE_INSENSITIVE);

    private ConsoleHtml() {
    }

    /** The response is an HTML page under the console's strict policy, with no inline script or style. */
    static ResultMatcher strictPage() {
        return result -> {
            assertThat(result.getResponse().getContentType()).startsWith("text/html");
            String csp = result.getResponse().getHeader("Content-Security-Policy");
            assertThat(csp).as("Content-Security-Policy").isNotNull()
                    .contains("script-src 'self'").contains("style-src 'self'").doesNotContain("unsafe-inline")
                    .doesNotContain("unsafe-eval");
            assertNothingInline(result.getResponse().getContentAsString());
        };
    }

    /** No script body, no {@code <style>}, no style or event-handler attributes, no javascript: URLs, nothing from another origin. */
    static void assertNothingInline(String html) {
        Matcher m = SCRIPT.matcher(html);
        while (m.find()) {
            assertThat(m.group(1)).as("a <script> without src: " + m.group()).contains("src=");
            assertThat(m.group(2).strip()).as("inline script body").isEmpty();
        }
        assertThat(html).as("a <style> element").doesNotContainPattern("(?i)<style[\\s>]");
        assertThat(STYLE_ATTRIBUTE.matcher(html).find()).as("a style attribute").isFalse();
        assertThat(HANDLER_ATTRIBUTE.matcher(html).find()).as("an inline event handler").isFalse();
        assertThat(JS_URL.matcher(html).find()).as("a javascript: URL").isFalse();
        assertThat(EXTERNAL.matcher(html).find()).as("an asset or link to another origin").isFalse();
    }
}
