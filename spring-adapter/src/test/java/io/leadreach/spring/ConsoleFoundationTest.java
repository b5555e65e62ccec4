package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The console's foundation: the same path answers a page to a browser and JSON to an API client,
 * under the strict CSP, honouring the context path and a proxy's prefix, with CSRF on, sending a
 * browser without a session to the login, and never showing an action the user may not take.
 */
class ConsoleFoundationTest extends ApiTestSupport {

    private static final String CAMPAIGNS = "/leads/whatsapp/campaigns";
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private long draft(String name) throws Exception {
        String body = mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"body\":\"Hello {name}\",\"target\":{\"leadIds\":[1,2]}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
    }

    @Test
    void aBrowserGetsTheCampaignListPageAndAnApiClientItsJsonAtTheSamePath() throws Exception {
        draft("Negotiated list");
        mvc.perform(get(CAMPAIGNS).header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andExpect(content().string(containsString("<h1>Campaigns</h1>")))
                .andExpect(content().string(containsString("Negotiated list")));
        mvc.perform(get(CAMPAIGNS).accept(MediaType.APPLICATION_JSON).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$[0].name").exists());
        // curl and most clients send */* or nothing: they keep getting JSON.
        mvc.perform(get(CAMPAIGNS).header("Accept", "*/*").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(get(CAMPAIGNS).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
    }

    @Test
    void thePageNeedsTheSamePermissionAsTheApi() throws Exception {
        mvc.perform(get(CAMPAIGNS).header("Accept", BROWSER).with(as(Permission.SEND)))
                .andExpect(status().isForbidden());
    }

    @Test
    void aBrowserRefusedAPageGetsAPageSayingWhichPermissionItNeedsNotTheProblemJson() throws Exception {
        mvc.perform(get(CAMPAIGNS + "/create").header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isForbidden())
                .andExpect(ConsoleHtml.strictPage())
                .andExpect(content().string(containsString("<h1>You cannot open this page</h1>")))
                .andExpect(content().string(containsString("<code>lead-whatsapp-campaign-create</code>")))
                // The user's own sections stay in the navigation.
                .andExpect(content().string(containsString("href=\"/leads/whatsapp/campaigns\"")));
        mvc.perform(get(CAMPAIGNS).header("Accept", BROWSER).with(as(Permission.SEND)))
                .andExpect(status().isForbidden())
                .andExpect(content().string(containsString("<code>lead-whatsapp-campaign-view</code>")))
                .andExpect(content().string(containsString("no LeadReach console section")));
        // API clients and htmx requests (whose refusal goes to the flash bar) keep the problem.
        mvc.perform(get(CAMPAIGNS + "/create").accept(MediaType.APPLICATION_JSON).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get(CAMPAIGNS).header("Accept", "text/html").header("HX-Request", "true").with(as(Permission.SEND)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(post(CAMPAIGNS + "/1/execute").header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void actionsAreShownOnlyToUsersWhoMayTakeThemAndOnlyWhereLegal() throws Exception {
        long id = draft("Permissions draft");
        String viewer = mvc.perform(get(CAMPAIGNS).header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW)))
                .andReturn().getResponse().getContentAsString();
        String row = rowOf(viewer, id);
        assertThat(row).contains("Permissions draft").doesNotContain("data-action=");
        assertThat(viewer).doesNotContain("id=\"lr-create-campaign\"");

        String operator = mvc.perform(get(CAMPAIGNS).header("Accept", BROWSER)
                        .with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE, Permission.CAMPAIGN_CREATE)))
                .andReturn().getResponse().getContentAsString();
        row = rowOf(operator, id);
        assertThat(row).contains("data-action=\"execute\"").contains("data-action=\"cancel\"")
                .doesNotContain("data-action=\"pause\"").doesNotContain("data-action=\"resume\"");
        assertThat(operator).contains("id=\"lr-create-campaign\"");
    }

    @Test
    void aQuickActionFromThePageAnswersTheRefreshedRowAndNeedsCsrf() throws Exception {
        long id = draft("Cancel me");
        mvc.perform(post(CAMPAIGNS + "/{id}/cancel", id).header("Accept", "text/html").header("HX-Request", "true")
                        .with(user("maria").authorities(new org.springframework.security.core.authority
                                .SimpleGrantedAuthority(Permission.CAMPAIGN_EXECUTE.authority()))))
                .andExpect(status().isForbidden());
        mvc.perform(post(CAMPAIGNS + "/{id}/cancel", id).header("Accept", "text/html").header("HX-Request", "true")
                        .with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"lr-campaign-" + id + "\"")))
                .andExpect(content().string(containsString("s-CANCELLED")))
                .andExpect(content().string(not(containsString("data-action=\"cancel\""))));
    }

    @Test
    void linksFollowTheContextPathAndAProxyPrefix() throws Exception {
        String page = mvc.perform(get("/crm" + CAMPAIGNS).contextPath("/crm").header("Accept", BROWSER)
                        .with(as(Permission.CAMPAIGN_VIEW, Permission.ANALYTICS_VIEW)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("href=\"/crm/leads/whatsapp/assets/console.css")
                .contains("href=\"/crm/leads/whatsapp/analytics\"").contains("data-base=\"/crm\"")
                .doesNotContain("href=\"/leads/whatsapp/");

        page = mvc.perform(get("/crm" + CAMPAIGNS).contextPath("/crm").header("Accept", BROWSER)
                        .header("X-Forwarded-Prefix", "/sales/").with(as(Permission.CAMPAIGN_VIEW)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("src=\"/sales/crm/leads/whatsapp/assets/lib/htmx.org/")
                .contains("data-base=\"/sales/crm\"");

        // A prefix that is not a plain path is ignored rather than written into links.
        page = mvc.perform(get(CAMPAIGNS).header("Accept", BROWSER).header("X-Forwarded-Prefix", "//evil.example")
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("evil.example");
    }

    @Test
    void aBrowserWithoutASessionGoesToTheLoginAndAnExpiredHtmxRequestIsToldWhere() throws Exception {
        mvc.perform(get(CAMPAIGNS).header("Accept", BROWSER))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/login"));
        mvc.perform(get("/crm" + CAMPAIGNS).contextPath("/crm").header("Accept", BROWSER))
                .andExpect(redirectedUrl("/crm/login"));
        mvc.perform(get(CAMPAIGNS).header("Accept", "text/html").header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/login"));
        mvc.perform(get(CAMPAIGNS).accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("WWW-Authenticate", startsWith("Basic")));
    }

    @Test
    void assetsAndWebJarsAreServedFromTheJarToAnyone() throws Exception {
        mvc.perform(get("/leads/whatsapp/assets/console.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("htmx:configRequest")));
        mvc.perform(get("/leads/whatsapp/assets/console.css"))
                .andExpect(status().isOk());
        String page = mvc.perform(get(CAMPAIGNS).header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW)))
                .andReturn().getResponse().getContentAsString();
        for (String lib : new String[] {"htmx.org/", "htmx-ext-sse/"}) {
            String src = page.replaceAll("(?s).*src=\"(/leads/whatsapp/assets/lib/" + lib.replace(".", "\\.")
                    + "[^\"]+)\".*", "$1");
            assertThat(src).as(lib).startsWith("/leads/whatsapp/assets/lib/" + lib);
            mvc.perform(get(src)).andExpect(status().isOk())
                    .andExpect(header().string("Cache-Control", containsString("max-age")));
        }
        mvc.perform(get("/leads/whatsapp/assets/lib/echarts/" + io.leadreach.spring.ui.internal.ConsoleLibs.ECHARTS
                        .substring("echarts/".length())))
                .andExpect(status().isOk());
    }

    @Test
    void theConsoleEntryOpensTheFirstSectionTheUserMaySee() throws Exception {
        mvc.perform(get("/leads/whatsapp").header("Accept", BROWSER).with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/leads/whatsapp/analytics"));
        mvc.perform(get("/leads/whatsapp").header("Accept", BROWSER).with(as(Permission.SEND)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andExpect(content().string(containsString("no LeadReach console permission")));
    }

    @Test
    void aRefusalInsideAPageHandlerIsAProblemEvenWhenOnlyHtmlIsAccepted() throws Exception {
        // The security chain lets a campaign-execute holder through; the campaign does not exist, so the
        // core refuses inside the page handler: a 404 problem htmx can show, not a 500.
        mvc.perform(post(CAMPAIGNS + "/{id}/pause", 987654).header("Accept", "text/html").header("HX-Request", "true")
                        .with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    private static String rowOf(String page, long id) {
        int start = page.indexOf("id=\"lr-campaign-" + id + "\"");
        assertThat(start).as("row of campaign " + id).isPositive();
        return page.substring(start, page.indexOf("</tr>", start));
    }
}
