package io.leadreach.spring;

import static io.leadreach.spring.ApiTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The console with several sender numbers: the builder's "Send from" (the default number, one
 * number, or a pool), each number by its display number (or id) and rate; the details page saying
 * which numbers a campaign sends from; the lead's timeline naming the number of each message.
 */
class SenderNumbersPagesTest extends SeveralNumbersTestSupport {

    private static final String CAMPAIGNS = "/leads/whatsapp/campaigns";
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String page(String url, Permission... permissions) throws Exception {
        return mvc.perform(get(url).header("Accept", BROWSER).with(as(permissions)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
    }

    private long create(String name, String numbers, String leads) throws Exception {
        String body = mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"body\":\"Hello {name}\",\"messagesPerMinute\":6000,"
                                + (numbers == null ? "" : "\"senderNumbers\":" + numbers + ",")
                                + "\"target\":{\"leadIds\":[" + leads + "]}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JSON.readTree(body).path("id").asLong();
    }

    @Test
    void theBuilderOffersTheDefaultNumberOneNumberOrAPool() throws Exception {
        String html = page(CAMPAIGNS + "/create", Permission.CAMPAIGN_CREATE, Permission.CAMPAIGN_EXECUTE);
        assertThat(html).contains("<h2 id=\"lr-senders-heading\">Send from</h2>")
                .contains("id=\"lr-senders\"")
                .contains("data-error-for=\"senderNumbers\"");
        // Three choices, each a labelled radio of one group; the default one is chosen.
        assertThat(html).containsPattern("name=\"lr-sender-mode\" id=\"lr-sender-mode-default\" value=\"default\" checked")
                .contains("id=\"lr-sender-mode-one\"").contains("id=\"lr-sender-mode-pool\"");
        assertThat(html).contains("The default number, <strong data-sender-label>" + A_DISPLAY + "</strong>")
                .contains("80 messages a second (the engine's rate)");
        // "One number": a labelled select of every number, by display number (or id) and rate.
        assertThat(html).contains("<label for=\"lr-sender-one\">Number</label>");
        Matcher options = Pattern.compile("<option value=\"(\\d+)\" title=\"[^\"]*\" data-label=\"([^\"]*)\">([^<]*)</option>")
                .matcher(html);
        StringBuilder seen = new StringBuilder();
        while (options.find()) {
            seen.append(options.group(1)).append('=').append(options.group(3)).append('\n');
        }
        assertThat(seen.toString()).isEqualTo(
                A + "=" + A_DISPLAY + " · 80 messages a second (the engine's rate) · default\n"
                        + B + "=" + B_DISPLAY + " · 250 messages a second\n"
                        + C + "=" + C + " · 10 messages a second\n");
        // "Several numbers": a named group of checkboxes, one per number.
        assertThat(html).contains("role=\"group\" aria-label=\"Numbers to spread the leads over\"");
        for (String id : new String[] {A, B, C}) {
            assertThat(html).containsPattern("<input type=\"checkbox\" value=\"" + id + "\" data-sender-pool");
        }
        assertThat(html).contains("title=\"" + B_DISPLAY + " (id " + B + ")\"");
    }

    @Test
    void theDetailsPageSaysWhichNumbersTheCampaignSendsFrom() throws Exception {
        long pool = create("Pool page", "[\"" + A + "\",\"" + C + "\"]", "1,2");
        assertThat(page(CAMPAIGNS + "/" + pool, Permission.CAMPAIGN_VIEW))
                .contains("id=\"lr-campaign-senders\" data-sender-numbers=\"" + A + "," + C + "\"")
                .contains("Sends from 2 numbers, spread by lead: " + A_DISPLAY + ", " + C);
        long one = create("One page", "[\"" + B + "\"]", "1");
        assertThat(page(CAMPAIGNS + "/" + one, Permission.CAMPAIGN_VIEW)).contains("Sends from " + B_DISPLAY + "</div>");
        long none = create("Default page", null, "1");
        assertThat(page(CAMPAIGNS + "/" + none, Permission.CAMPAIGN_VIEW))
                .contains("Sends from the default number, " + A_DISPLAY + "</div>");
    }

    @Test
    void theLeadTimelineNamesTheNumberEachMessageWentFrom() throws Exception {
        long id = create("Timeline numbers", "[\"" + B + "\"]", "21");
        mvc.perform(post(CAMPAIGNS + "/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonNode c = JSON.readTree(mvc.perform(get(CAMPAIGNS + "/{id}", id).with(as(Permission.CAMPAIGN_VIEW)))
                    .andReturn().getResponse().getContentAsString());
            return c.path("campaign").path("status").asString().equals("COMPLETED");
        });
        // A single send goes from the default number.
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .multipart("/leads/{lead}/whatsapp/send", 21).param("message", "A single one")
                        .with(as(Permission.SEND)))
                .andExpect(status().isOk());
        String tab = mvc.perform(get("/leads/{lead}/whatsapp/tab", 21).accept(MediaType.TEXT_HTML)
                        .with(as(Permission.SEND)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(tab).contains("<span class=\"lre-meta-from\" title=\"Sent from this business number\">From "
                + B_DISPLAY + "</span>");
        assertThat(tab).contains("<span class=\"lre-meta-from\" title=\"Sent from this business number\">From "
                + A_DISPLAY + "</span>");
        // The campaign's message with B, the single send with A.
        assertThat(tab.indexOf("A single one")).isLessThan(tab.indexOf("From " + A_DISPLAY));
        assertThat(tab.indexOf("Hello Lead 21")).isLessThan(tab.indexOf("From " + B_DISPLAY));
        assertThat(tab.indexOf("Hello Lead 21")).isGreaterThan(tab.indexOf("From " + A_DISPLAY));
    }
}
