package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The campaign details page: live figures that add up to the recipients, the failed table and
 * "Retry failed", the per-lead table with its filter and pages, actions only where legal and
 * permitted, and the JSON API unchanged at the same paths.
 */
class CampaignDetailsPageTest extends ApiTestSupport {

    private static final String CAMPAIGNS = "/leads/whatsapp/campaigns";
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern BUCKET = Pattern.compile("data-bucket=\"([A-Z_]+)\" data-count=\"(\\d+)\"");

    private long create(String name, long... leads) throws Exception {
        String ids = LongStream.of(leads).mapToObj(String::valueOf).collect(Collectors.joining(","));
        String body = mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"body\":\"Hello {name}\",\"maxAttempts\":1,\"messagesPerMinute\":6000,"
                                + "\"target\":{\"leadIds\":[" + ids + "]}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
    }

    /** A campaign to these leads, run to completion: the first {@code permanent} sends refused for good, the next {@code retryable} for now. */
    private long run(String name, int permanent, int retryable, long... leads) throws Exception {
        long id = create(name, leads);
        transport.failNext(permanent, SendOutcome.Rejected.of(ErrorClass.PERMANENT, "131026", "Message undeliverable"));
        transport.failNext(retryable, SendOutcome.Rejected.of(ErrorClass.RETRYABLE, "131000", "Something went wrong"));
        mvc.perform(post(CAMPAIGNS + "/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        awaitStatus(id, "COMPLETED");
        return id;
    }

    private String page(long id, Permission... permissions) throws Exception {
        return mvc.perform(get(CAMPAIGNS + "/{id}", id).header("Accept", BROWSER).with(as(permissions)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
    }

    private static Map<String, Long> buckets(String html) {
        Map<String, Long> out = new LinkedHashMap<>();
        Matcher m = BUCKET.matcher(html);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }

    private static long sumWithoutTotal(Map<String, Long> buckets) {
        return buckets.entrySet().stream().filter(e -> !e.getKey().equals("TOTAL")).mapToLong(Map.Entry::getValue).sum();
    }

    @Test
    void theFiguresShownAddUpToTheRecipientsAndRetryFailedAnswersTheLiveFigures() throws Exception {
        long id = run("Figures add up", 2, 2, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        String html = page(id, Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE);

        Map<String, Long> b = buckets(html);
        assertThat(b.keySet()).containsExactly("OPEN", "SENT", "DELIVERED", "READ", "FAILED", "SKIPPED", "CANCELLED",
                "IN_DOUBT", "TOTAL");
        assertThat(b.get("TOTAL")).isEqualTo(12);
        assertThat(sumWithoutTotal(b)).isEqualTo(b.get("TOTAL"));
        assertThat(b.get("FAILED")).isEqualTo(4);
        assertThat(b.get("SENT")).isEqualTo(8);
        assertThat(html).contains("<progress class=\"lr-progress\" id=\"lr-progress\" max=\"12\" value=\"12\"")
                .contains("data-chart=").contains("data-step=\"replied\"")
                // Finished, but the eight sent still owe their delivery and read receipts: a slow poll, no stream.
                .contains("data-terminal=\"true\"").doesNotContain("every 2s").doesNotContain("data-stream=")
                .contains("hx-trigger=\"every 5s, lr-refresh\"").contains("Receipts still coming in");

        // The failed table: Meta's code with its meaning in words, and Retry failed for an operator.
        String failed = html.substring(html.indexOf("id=\"lr-failed\""), html.indexOf("id=\"lr-recipients\""));
        assertThat(failed).contains("131026").contains("Undeliverable: the number is not on WhatsApp")
                .contains("131000").contains("id=\"lr-retry-failed\"");

        String live = mvc.perform(post(CAMPAIGNS + "/{id}/retry-failed", id).header("Accept", "text/html")
                        .header("HX-Request", "true").with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andExpect(header().string("HX-Trigger", containsString("2 failed recipients are queued")))
                .andReturn().getResponse().getContentAsString();
        assertThat(live).startsWith("<section id=\"lr-live\"");
        assertThat(sumWithoutTotal(buckets(live))).isEqualTo(12);

        awaitStatus(id, "COMPLETED");
        b = buckets(page(id, Permission.CAMPAIGN_VIEW));
        assertThat(b.get("SENT")).isEqualTo(10);
        assertThat(b.get("FAILED")).isEqualTo(2);
        assertThat(sumWithoutTotal(b)).isEqualTo(12).isEqualTo(b.get("TOTAL"));
    }

    @Test
    void aBrowserGetsThePageAndAnApiClientTheJsonItAlwaysGotAtTheSamePaths() throws Exception {
        long id = run("Negotiated details", 0, 0, 13, 14);
        assertThat(page(id, Permission.CAMPAIGN_VIEW)).contains("<h1>Negotiated details")
                .contains("campaign-details.js").contains("/lib/echarts/")
                .doesNotContain("id=\"lr-campaign-senders\""); // one sender number: nothing to tell apart
        for (String accept : new String[] {MediaType.APPLICATION_JSON_VALUE, "*/*"}) {
            mvc.perform(get(CAMPAIGNS + "/{id}", id).header("Accept", accept).with(as(Permission.CAMPAIGN_VIEW)))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.campaign.name").value("Negotiated details"))
                    .andExpect(jsonPath("$.statistics.total").value(2));
            mvc.perform(get(CAMPAIGNS + "/{id}/recipients", id).header("Accept", accept).with(as(Permission.CAMPAIGN_VIEW)))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.recipients.length()").value(2))
                    .andExpect(jsonPath("$.recipients[0].leadName").value("Lead 13"));
        }
        mvc.perform(get(CAMPAIGNS + "/{id}", id).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        // The fragment opened as a page leads to the page with the same filter.
        mvc.perform(get(CAMPAIGNS + "/{id}/recipients", id).param("status", "SENT").header("Accept", BROWSER)
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isSeeOther())
                .andExpect(redirectedUrl(CAMPAIGNS + "/" + id + "?status=SENT"));
    }

    @Test
    void thePageAndItsFragmentsNeedCampaignView() throws Exception {
        long id = create("Hidden", 1);
        for (String path : new String[] {CAMPAIGNS + "/" + id, CAMPAIGNS + "/" + id + "/recipients"}) {
            mvc.perform(get(path).header("Accept", BROWSER).header("HX-Request", "true")
                            .with(as(Permission.SEND, Permission.CAMPAIGN_EXECUTE, Permission.CAMPAIGN_CREATE)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get(CAMPAIGNS + "/{id}/lead-ids", id).with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isForbidden());
        mvc.perform(get(CAMPAIGNS + "/{id}", 424242).header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isNotFound());
    }

    @Test
    void actionsAreHiddenWithoutCampaignExecuteAndShownOnlyWhereLegal() throws Exception {
        long draft = create("Draft actions", 1, 2);
        String viewer = page(draft, Permission.CAMPAIGN_VIEW);
        assertThat(viewer).doesNotContain("data-action=").doesNotContain("lr-retry-failed")
                .doesNotContain("id=\"lr-new-campaign-from-filter\"").contains("id=\"lr-export-csv\"");
        String operator = page(draft, Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE);
        assertThat(operator).contains("data-action=\"execute\"").contains("data-action=\"cancel\"")
                .contains("?view=details").doesNotContain("data-action=\"pause\"").doesNotContain("data-action=\"resume\"");

        long done = run("Done actions", 1, 0, 3, 4);
        operator = page(done, Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE);
        assertThat(operator).doesNotContain("data-action=").contains("id=\"lr-retry-failed\"");
        viewer = page(done, Permission.CAMPAIGN_VIEW);
        assertThat(viewer).doesNotContain("id=\"lr-retry-failed\"");

        // Cancel from the page answers the live region, with nothing left to do.
        String live = mvc.perform(post(CAMPAIGNS + "/{id}/cancel", draft).param("view", "details")
                        .header("Accept", "text/html").header("HX-Request", "true")
                        .with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(live).startsWith("<section id=\"lr-live\"").contains("s-CANCELLED").doesNotContain("data-action=");
        // The list's quick action still answers its row.
        long other = create("Row action", 5);
        mvc.perform(post(CAMPAIGNS + "/{id}/cancel", other).header("Accept", "text/html").header("HX-Request", "true")
                        .with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE)))
                .andExpect(content().string(containsString("<tr id=\"lr-campaign-" + other + "\"")));
    }

    @Test
    void thePagesPostsNeedCsrf() throws Exception {
        long done = run("Csrf", 1, 0, 6);
        var noCsrf = user("maria").authorities(new SimpleGrantedAuthority(Permission.CAMPAIGN_VIEW.authority()),
                new SimpleGrantedAuthority(Permission.CAMPAIGN_EXECUTE.authority()));
        for (String action : new String[] {"retry-failed", "pause?view=details", "resume?view=details",
                "cancel?view=details", "execute?view=details"}) {
            mvc.perform(post(CAMPAIGNS + "/" + done + "/" + action).header("Accept", "text/html")
                            .header("HX-Request", "true").with(noCsrf))
                    .andExpect(status().isForbidden());
        }
        assertThat(buckets(page(done, Permission.CAMPAIGN_VIEW)).get("FAILED")).isEqualTo(1);
    }

    @Test
    void theRecipientTableFiltersByStatusAndPagesThroughEveryRecipient() throws Exception {
        long[] leads = LongStream.rangeClosed(1, 30).toArray();
        long id = run("Paged table", 3, 0, leads);
        String html = page(id, Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_CREATE);
        // Other tests of this shared context script failures for some numbers: count what the page says.
        long failedCount = buckets(html).get("FAILED");
        assertThat(failedCount).isGreaterThanOrEqualTo(3);
        String table = html.substring(html.indexOf("id=\"lr-recipients\""));
        assertThat(rows(table)).isEqualTo(25);
        assertThat(table).contains("1–25 of 30").contains("id=\"lr-recipients-next\"")
                .doesNotContain("id=\"lr-recipients-previous\"");
        String next = table.replaceAll("(?s).*id=\"lr-recipients-next\" href=\"[^\"]*\" hx-get=\"([^\"]+)\".*", "$1")
                .replace("&amp;", "&");
        String second = fragment(next);
        assertThat(rows(second)).isEqualTo(5);
        assertThat(second).contains("26–30 of 30").contains("id=\"lr-recipients-previous\"")
                .doesNotContain("id=\"lr-recipients-next\"");
        String previous = second.replaceAll("(?s).*id=\"lr-recipients-previous\" href=\"[^\"]*\" hx-get=\"([^\"]+)\".*", "$1")
                .replace("&amp;", "&");
        assertThat(rows(fragment(previous))).isEqualTo(25);

        String failed = fragment(CAMPAIGNS + "/" + id + "/recipients?status=FAILED");
        assertThat(rows(failed)).isEqualTo(failedCount);
        assertThat(failed).contains("1–" + failedCount + " of " + failedCount).doesNotContain("data-status=\"SENT\"")
                .contains("<code>131026</code> Undeliverable")
                .contains("/leads/whatsapp/campaigns/create?fromCampaign=" + id + "&amp;status=FAILED");
        String notReplied = fragment(CAMPAIGNS + "/" + id + "/recipients?status=SENT&replied=no");
        assertThat(rows(notReplied)).isEqualTo(25);
        assertThat(notReplied).contains("status=SENT&amp;replied=no");
        assertThat(rows(fragment(CAMPAIGNS + "/" + id + "/recipients?replied=yes"))).isZero();
        // A stale filter shows everyone rather than an error.
        assertThat(rows(fragment(CAMPAIGNS + "/" + id + "/recipients?status=RUNNING"))).isEqualTo(25);

        // The lead ids behind "new campaign to these leads".
        mvc.perform(get(CAMPAIGNS + "/{id}/lead-ids", id).param("status", "FAILED").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.count").value((int) failedCount))
                .andExpect(jsonPath("$.leadIds.length()").value((int) failedCount))
                .andExpect(jsonPath("$.truncated").value(false));
        mvc.perform(get(CAMPAIGNS + "/{id}/lead-ids", id).param("status", "SENT").param("replied", "no")
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(jsonPath("$.count").value((int) (30 - failedCount)));
    }

    @Test
    void aPollWhoseFiguresHaveNotChangedGetsNoContent() throws Exception {
        long id = run("Unchanged", 0, 0, 7);
        String live = fragment(CAMPAIGNS + "/" + id);
        String signature = live.replaceAll("(?s).*data-signature=\"([^\"]+)\".*", "$1");
        mvc.perform(get(CAMPAIGNS + "/{id}", id).param("since", signature).header("Accept", "text/html")
                        .header("HX-Request", "true").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isNoContent());
        mvc.perform(get(CAMPAIGNS + "/{id}", id).param("since", "stale").header("Accept", "text/html")
                        .header("HX-Request", "true").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk());
        // A history restore asks with HX-Request too, and needs the whole page.
        mvc.perform(get(CAMPAIGNS + "/{id}", id).header("Accept", "text/html").header("HX-Request", "true")
                        .header("HX-History-Restore-Request", "true").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(content().string(containsString("<!DOCTYPE html>")));
    }

    @Test
    void aFinishedCampaignKeepsShowingItsReceiptsForADayThenItsFiguresAreFinal() throws Exception {
        long id = run("Receipts after the end", 0, 0, 15, 16);
        // Completed as soon as both were sent: their delivered and read receipts come later.
        String html = page(id, Permission.CAMPAIGN_VIEW);
        assertThat(buckets(html).get("SENT")).isEqualTo(2);
        assertThat(html).contains("data-terminal=\"true\"").contains("hx-trigger=\"every 5s, lr-refresh\"")
                .contains("Receipts still coming in").doesNotContain("Final figures");

        // A day after the end, the page no longer waits for them.
        clock.set(TestApplication.NOON.plus(Duration.ofDays(1)).plusSeconds(1));
        html = page(id, Permission.CAMPAIGN_VIEW);
        assertThat(html).contains("hx-trigger=\"lr-refresh\"").doesNotContain("every 5s").contains("Final figures");

        // Nothing left to hear about: every recipient failed for good.
        clock.set(TestApplication.NOON);
        long failed = run("All refused", 2, 0, 17, 18);
        html = page(failed, Permission.CAMPAIGN_VIEW);
        assertThat(buckets(html).get("FAILED")).isEqualTo(2);
        assertThat(html).contains("hx-trigger=\"lr-refresh\"").doesNotContain("every 5s").contains("Final figures");
    }

    @Test
    void anActiveCampaignPollsAndNamesItsStream() throws Exception {
        long id = create("Still running", 8);
        // Far in the quiet hours: the campaign stays active without sending.
        clock.set(java.time.Instant.parse("2026-03-02T23:30:00Z"));
        mvc.perform(post(CAMPAIGNS + "/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        String html = page(id, Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE);
        assertThat(html).contains("hx-trigger=\"every 2s, lr-refresh\"")
                .contains("data-stream=\"/leads/whatsapp/campaigns/" + id + "/stream\"")
                .contains("data-action=\"pause\"").contains("data-action=\"cancel\"");
        assertThat(sumWithoutTotal(buckets(html))).isEqualTo(1);
        mvc.perform(post(CAMPAIGNS + "/{id}/cancel", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
    }

    @Test
    void theListsQuickActionOnAFinishedCampaignIsAProblemForTheFlashBarAndItsHistoryRestoreIsAWholePage()
            throws Exception {
        long done = run("Finished list row", 0, 0, 9);
        mvc.perform(post(CAMPAIGNS + "/{id}/pause", done).header("Accept", "text/html").header("HX-Request", "true")
                        .with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").exists());
        mvc.perform(get(CAMPAIGNS).header("Accept", "text/html").header("HX-Request", "true")
                        .header("HX-History-Restore-Request", "true").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(content().string(containsString("<!DOCTYPE html>")));
        mvc.perform(get(CAMPAIGNS).header("Accept", "text/html").header("HX-Request", "true")
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("<!DOCTYPE html>"))));
    }

    private String fragment(String path) throws Exception {
        return mvc.perform(get(path).header("Accept", "text/html").header("HX-Request", "true")
                        .with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
    }

    private static int rows(String html) {
        int end = html.indexOf("</table>", html.indexOf("id=\"lr-recipient-table\""));
        String table = html.substring(html.indexOf("id=\"lr-recipient-table\""), end);
        return table.split("data-recipient-id=", -1).length - 1;
    }
}
