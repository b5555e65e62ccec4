package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The campaign builder page: one page of four steps for campaign creators, with Launch only for
 * those who may execute, the attachment policy and the active templates rendered for the script,
 * and a target prefilled from another campaign's recipients.
 */
class CampaignBuilderPageTest extends ApiTestSupport {

    private static final String BUILDER = "/leads/whatsapp/campaigns/create";
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";

    private String page(String url, Permission... permissions) throws Exception {
        return mvc.perform(get(url).header("Accept", BROWSER).with(as(permissions)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
    }

    @Test
    void aCampaignCreatorGetsTheFourStepsWithTheirControls() throws Exception {
        String html = page(BUILDER, Permission.CAMPAIGN_CREATE, Permission.CAMPAIGN_EXECUTE);
        assertThat(html).contains("<h1>New campaign</h1>")
                .contains("class=\"lr-steps\"")
                .contains("campaign-builder.js");
        for (String step : new String[] {"target", "message", "schedule", "review"}) {
            assertThat(html).contains("id=\"lr-step-" + step + "\"").contains("id=\"lr-step-btn-" + step + "\"");
        }
        for (String id : new String[] {"lr-name", "lr-filter-status-input", "lr-filter-source-input",
                "lr-filter-priority-input", "lr-created-from", "lr-created-to", "lr-attr-add", "lr-match-count",
                "lr-csv-file", "lr-body", "lr-body-counter", "lr-attachment", "lr-sample-lead", "lr-bubble",
                "lr-when-now", "lr-when-later", "lr-scheduled-at", "lr-mpm", "lr-attempts", "lr-quiet-hours",
                "lr-review-matching", "lr-test-send", "lr-launch", "lr-save-draft", "lr-next", "lr-back"}) {
            assertThat(html).as(id).contains("id=\"" + id + "\"");
        }
        for (String variable : new String[] {"name", "mobile", "assigned_to", "source", "product_interest"}) {
            assertThat(html).contains("data-var=\"" + variable + "\"");
        }
        // Values seen on the host's leads are offered as ticks (TestApplication: statuses new and qualified).
        assertThat(html).contains("value=\"new\" data-filter-value=\"status\"")
                .contains("value=\"qualified\" data-filter-value=\"status\"")
                .contains("value=\"web\" data-filter-value=\"source\"");
        assertThat(html).contains("data-preview-url=\"/leads/whatsapp/campaigns/preview\"")
                .contains("data-csv-url=\"/leads/whatsapp/campaigns/target-csv\"")
                .contains("data-can-execute=\"true\"");
        // One sender number: nothing to choose.
        assertThat(html).doesNotContain("id=\"lr-senders\"").doesNotContain("Send from");
    }

    @Test
    void theBuilderScriptIsServedAndLinksFollowAProxyPrefix() throws Exception {
        mvc.perform(get("/leads/whatsapp/assets/campaign-builder.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("lr-builder")));
        String html = mvc.perform(get(BUILDER).header("Accept", BROWSER).header("X-Forwarded-Prefix", "/sales")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("data-preview-url=\"/sales/leads/whatsapp/campaigns/preview\"")
                .contains("data-create-url=\"/sales/leads/whatsapp/campaigns\"")
                .contains("src=\"/sales/leads/whatsapp/assets/campaign-builder.js");
    }

    @Test
    void thePageNeedsCampaignCreate() throws Exception {
        Permission[] allButCreate = EnumSet.complementOf(EnumSet.of(Permission.CAMPAIGN_CREATE))
                .toArray(Permission[]::new);
        mvc.perform(get(BUILDER).header("Accept", BROWSER).with(as(allButCreate)))
                .andExpect(status().isForbidden());
    }

    @Test
    void launchIsHiddenWithoutCampaignExecuteAndTheDraftCanBeSaved() throws Exception {
        String html = page(BUILDER, Permission.CAMPAIGN_CREATE);
        assertThat(html).doesNotContain("id=\"lr-launch\"")
                .contains("id=\"lr-save-draft\"")
                .contains("data-can-execute=\"false\"");
        // Scheduling starts a campaign by itself, so it is offered only with campaign-execute too.
        assertThat(html).containsPattern("id=\"lr-when-later\" value=\"later\" disabled");
    }

    @Test
    void thePageCarriesTheAttachmentPolicyAndTheQuietHours() throws Exception {
        String html = page(BUILDER, Permission.CAMPAIGN_CREATE);
        assertThat(html).contains("data-max-attachment-bytes=\"5242880\"")
                .contains("data-max-text=\"4096\" data-max-caption=\"1024\"")
                .containsPattern("data-allowed-types=\"[^\"]*application/pdf[^\"]*\"")
                .containsPattern("data-allowed-types=\"[^\"]*image/png[^\"]*\"")
                .contains("up to 5 MB")
                .contains("22:00 to 09:00");
    }

    @Test
    void aCreatorWithoutTemplateManageCanPickTheActiveTemplates() throws Exception {
        mvc.perform(post("/leads/whatsapp/templates").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Builder greeting\",\"category\":\"GREETING\","
                                + "\"body\":\"Hello {name}, <b>welcome</b>\"}")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isCreated());
        mvc.perform(post("/leads/whatsapp/templates").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Builder retired\",\"category\":\"REMINDER\",\"body\":\"Old\","
                                + "\"active\":false}")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isCreated());
        String html = page(BUILDER, Permission.CAMPAIGN_CREATE);
        assertThat(html).contains("id=\"lr-template\"")
                .containsPattern("data-body=\"Hello \\{name}, &lt;b>welcome&lt;/b>\"")
                .contains("Builder greeting · greeting")
                .doesNotContain("Builder retired");
    }

    @Test
    void theTargetIsPrefilledFromAnotherCampaignsRecipients() throws Exception {
        String created = mvc.perform(post("/leads/whatsapp/campaigns").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Prefill source\",\"body\":\"Hi {name}\",\"target\":{\"leadIds\":[3,4,5]}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
        mvc.perform(post("/leads/whatsapp/campaigns/" + id + "/execute").with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        // The lead ids are the campaign's recipients, there once the engine has materialised them.
        String html = await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> page(BUILDER + "?fromCampaign=" + id, Permission.CAMPAIGN_CREATE, Permission.CAMPAIGN_VIEW),
                        h -> h.contains("data-prefill-ids=\"3,4,5\""));
        assertThat(html).contains("data-prefill-ids=\"3,4,5\"").contains("id=\"lr-prefill-note\"")
                .contains("Targeting 3 leads from campaign “Prefill source”");

        String none = page(BUILDER + "?fromCampaign=" + id + "&status=FAILED",
                Permission.CAMPAIGN_CREATE, Permission.CAMPAIGN_VIEW);
        assertThat(none).doesNotContain("data-prefill-ids=").contains("No recipient of that campaign is failed.");

        String unknown = page(BUILDER + "?fromCampaign=" + id + "&status=LOST",
                Permission.CAMPAIGN_CREATE, Permission.CAMPAIGN_VIEW);
        assertThat(unknown).contains("Unknown recipient status").doesNotContain("data-prefill-ids=");

        String missing = page(BUILDER + "?fromCampaign=999999", Permission.CAMPAIGN_CREATE, Permission.CAMPAIGN_VIEW);
        assertThat(missing).contains("Campaign 999999 does not exist.");

        // Reading another campaign's recipients needs campaign-view as well.
        String refused = page(BUILDER + "?fromCampaign=" + id, Permission.CAMPAIGN_CREATE);
        assertThat(refused).doesNotContain("data-prefill-ids=").doesNotContain("Prefill source")
                .contains("needs the campaign-view permission");
    }

    @Test
    void aBadFromCampaignIsABadRequest() throws Exception {
        mvc.perform(get(BUILDER + "?fromCampaign=abc").header("Accept", BROWSER).with(as(Permission.CAMPAIGN_CREATE,
                        Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isBadRequest());
    }
}
