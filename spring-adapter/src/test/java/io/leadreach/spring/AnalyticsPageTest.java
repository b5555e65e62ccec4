package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.memory.InMemoryTemplateStore;
import io.leadreach.security.Permission;
import io.leadreach.spring.internal.Actors;
import io.leadreach.spring.internal.AnalyticsController;
import io.leadreach.spring.ui.internal.AnalyticsPage;
import io.leadreach.spring.ui.internal.ConsoleRenderer;
import io.leadreach.spring.ui.internal.UiContexts;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.DeliveryStatus;
import io.leadreach.tracking.Tracking;
import io.leadreach.transport.SendOutcome;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The analytics dashboard page: the figures of the JSON answer as tiles, tables and ECharts options
 * (pure JSON in {@code data-chart}) holding the series, period and zone pickers that reload the
 * body through htmx, the same permission, and the JSON kept for API clients.
 */
class AnalyticsPageTest extends ApiTestSupport {

    static final String ANALYTICS = "/leads/whatsapp/analytics";
    static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final Pattern CHART = Pattern.compile("id=\"(lr-chart-[a-z]+)\" data-chart=\"([^\"]*)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Tracking tracker;

    @Autowired
    CampaignStore campaigns;

    @AfterEach
    void clearSecurity() {
        SecurityContextHolder.clearContext();
    }

    /** Runs a campaign to five leads to completion, then marks two of its messages read. */
    private void campaignWithReads() throws Exception {
        String body = mvc.perform(post("/leads/whatsapp/campaigns").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Dashboard spring offer\",\"body\":\"Hello {name}\","
                                + "\"target\":{\"leadIds\":[1,3,5,7,9]}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = JSON.readTree(body).path("id").asLong();
        int before = transport.count();
        mvc.perform(post("/leads/whatsapp/campaigns/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        // Completed: every send is settled in the message log, so the status events below find their messages.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(campaigns.find(id).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED));
        assertThat(transport.count()).isGreaterThanOrEqualTo(before + 5);
        List<String> wamids = new ArrayList<>();
        for (var sent : transport.sent().subList(before, before + 2)) {
            if (sent.outcome() instanceof SendOutcome.Accepted a) {
                wamids.add(a.providerMessageId());
            }
        }
        for (String wamid : wamids) {
            tracker.apply(List.of(DeliveryEvent.of(wamid, null, DeliveryStatus.DELIVERED, clock.instant()),
                    DeliveryEvent.of(wamid, null, DeliveryStatus.READ, clock.instant())));
        }
    }

    @Test
    void theDashboardShowsTotalsRatesTablesAndChartsWhoseOptionsAreJsonHoldingTheSeries() throws Exception {
        campaignWithReads();
        String page = mvc.perform(get(ANALYTICS).header("Accept", BROWSER).with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andExpect(content().string(containsString("<h1>Analytics</h1>")))
                .andExpect(content().string(containsString("echarts")))
                .andExpect(content().string(containsString("analytics.js")))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("data-total=\"today\"", "data-total=\"week\"", "data-total=\"month\"",
                "data-rate=\"delivery\"", "data-rate=\"read\"", "data-rate=\"reply\"", "id=\"lr-suggested-hour\"",
                "id=\"lr-campaign-comparison\"", "id=\"lr-top-templates\"", "id=\"lr-responses\"",
                "Dashboard spring offer", "name=\"from\"", "name=\"to\"", "name=\"zone\"", "<datalist id=\"lr-zones\"");

        Map<String, JsonNode> charts = charts(page);
        assertThat(charts).containsOnlyKeys("lr-chart-daily", "lr-chart-status", "lr-chart-campaigns",
                "lr-chart-reads", "lr-chart-sends");

        JsonNode daily = charts.get("lr-chart-daily");
        assertThat(daily.path("xAxis").path("data")).hasSize(30);
        assertThat(daily.path("xAxis").path("data").get(29).asString()).isEqualTo("2026-03-02");
        assertThat(daily.path("series")).hasSize(3);
        assertThat(daily.path("series").get(0).path("type").asString()).isEqualTo("line");
        assertThat(daily.path("series").get(0).path("data").get(29).asLong()).isGreaterThanOrEqualTo(5);
        assertThat(daily.path("series").get(2).path("data").get(29).asLong()).isGreaterThanOrEqualTo(2);

        JsonNode bars = charts.get("lr-chart-status").path("series").get(0);
        assertThat(bars.path("type").asString()).isEqualTo("bar");
        assertThat(bars.path("data")).hasSize(5);
        assertThat(bars.path("data").get(0).path("value").asLong()).isGreaterThanOrEqualTo(5);

        JsonNode pie = charts.get("lr-chart-campaigns").path("series").get(0);
        assertThat(pie.path("type").asString()).isEqualTo("pie");
        long slices = 0;
        List<String> names = new ArrayList<>();
        for (JsonNode slice : pie.path("data")) {
            slices += slice.path("value").asLong();
            names.add(slice.path("name").asString());
        }
        assertThat(names).contains("Read");
        assertThat(slices).as("the pie's slices add up to every compared campaign's recipients")
                .isEqualTo(campaignRecipients());

        JsonNode heat = charts.get("lr-chart-reads");
        assertThat(heat.path("series").get(0).path("type").asString()).isEqualTo("heatmap");
        assertThat(heat.path("series").get(0).path("data")).hasSize(7 * 24);
        assertThat(heat.path("yAxis").path("data")).hasSize(7);
        assertThat(heat.path("visualMap").path("max").asLong()).isGreaterThanOrEqualTo(2);
        // Reads at noon UTC on a Monday: the Monday row (the top one, index 6) at hour 12.
        long mondayNoon = 0;
        for (JsonNode cell : heat.path("series").get(0).path("data")) {
            if (cell.get(0).asInt() == 12 && cell.get(1).asInt() == 6) {
                mondayNoon = cell.get(2).asLong();
            }
        }
        assertThat(mondayNoon).isGreaterThanOrEqualTo(2);
        assertThat(page).contains("<strong id=\"lr-busiest-hour\">12:00</strong>");
    }

    @Test
    void thePeriodAndZonePickersReloadOnlyTheBodyThroughHtmx() throws Exception {
        String fragment = mvc.perform(get(ANALYTICS).param("from", "2026-02-24").param("to", "2026-03-02")
                        .param("zone", "America/New_York").header("Accept", "text/html").header("HX-Request", "true")
                        .with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(fragment).doesNotContain("<html").contains("id=\"lr-analytics-form\"")
                .contains("value=\"America/New_York\"").contains("value=\"2026-02-24\"")
                .contains("hx-get=\"/leads/whatsapp/analytics\"").contains("hx-target=\"#lr-analytics-body\"")
                .contains("hx-push-url=\"true\"");
        assertThat(charts(fragment).get("lr-chart-daily").path("xAxis").path("data")).hasSize(7);
    }

    @Test
    void aBadPeriodOrZoneIsShownBesideItsField() throws Exception {
        mvc.perform(get(ANALYTICS).param("zone", "Mars/Olympus").param("from", "2026-03-05").param("to", "2026-03-01")
                        .header("Accept", "text/html").header("HX-Request", "true").with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"lr-zone-error\"")))
                .andExpect(content().string(containsString("unknown time zone")))
                .andExpect(content().string(containsString("value=\"Mars/Olympus\"")))
                .andExpect(content().string(containsString("id=\"lr-analytics-invalid\"")))
                .andExpect(content().string(not(containsString("data-chart="))));
        mvc.perform(get(ANALYTICS).param("from", "2026-03-05").param("to", "2026-03-01")
                        .header("Accept", BROWSER).with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(content().string(containsString("id=\"lr-to-error\"")));
    }

    @Test
    void thePageNeedsTheAnalyticsPermissionAndApiClientsStillGetJson() throws Exception {
        mvc.perform(get(ANALYTICS).header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW, Permission.SEND)))
                .andExpect(status().isForbidden());
        mvc.perform(get(ANALYTICS).accept(MediaType.APPLICATION_JSON).with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.daily").isArray());
        mvc.perform(get(ANALYTICS).with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(get(ANALYTICS).header("Accept", "*/*").with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
    }

    @Test
    void withoutAnAnalyticsStoreThePageSaysSoInWords() throws Exception {
        Actors actors = new Actors(ActorResolver.byAuthorityNames());
        AnalyticsController api = new AnalyticsController(() -> {
            throw new IllegalStateException("analytics needs an AnalyticsStore beside a custom MessageStore");
        }, Clock.systemUTC(), actors);
        AnalyticsPage page = new AnalyticsPage(api, new InMemoryTemplateStore(), new UiContexts(actors, "/", "/login"),
                new ConsoleRenderer());
        MockMvc standalone = MockMvcBuilders.standaloneSetup(page).build();
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("ana", "x", Permission.ANALYTICS_VIEW.authority()));
        standalone.perform(get(ANALYTICS).header("Accept", BROWSER))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andExpect(content().string(containsString("Analytics are not available in this installation")))
                .andExpect(content().string(containsString("AnalyticsStore")))
                .andExpect(content().string(not(containsString("data-chart="))));
    }

    private long campaignRecipients() throws Exception {
        String json = mvc.perform(get(ANALYTICS).accept(MediaType.APPLICATION_JSON).with(as(Permission.ANALYTICS_VIEW)))
                .andReturn().getResponse().getContentAsString();
        long total = 0;
        for (JsonNode c : JSON.readTree(json).path("campaigns")) {
            total += c.path("total").asLong();
        }
        return total;
    }

    /** Every chart's option, parsed from its data-chart attribute, by element id. */
    static Map<String, JsonNode> charts(String html) {
        Map<String, JsonNode> out = new java.util.LinkedHashMap<>();
        Matcher m = CHART.matcher(html);
        while (m.find()) {
            out.put(m.group(1), JSON.readTree(unescape(m.group(2))));
        }
        return out;
    }

    private static String unescape(String attribute) {
        return attribute.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#34;", "\"").replace("&amp;", "&");
    }
}
