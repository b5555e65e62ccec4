package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.campaign.CampaignStore;
import io.leadreach.security.Permission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class PreviewApiTest extends ApiTestSupport {

    private static final String PREVIEW = "/leads/whatsapp/campaigns/preview";

    @Autowired
    CampaignStore campaigns;

    @Test
    void previewCountsRendersASampleAndEstimatesWithoutSavingOrSending() throws Exception {
        int sends = transport.count();
        int saved = campaigns.list(Set.of()).size();
        mvc.perform(post(PREVIEW).param("sampleLeadId", "4").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"body\":\"Hello {name}\",\"target\":{\"statuses\":[\"qualified\"]},"
                                + "\"messagesPerMinute\":60}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.matchingLeads").value(TestApplication.LEADS / 2))
                .andExpect(jsonPath("$.sampleLeadId").value(4))
                .andExpect(jsonPath("$.renderedSample").value("Hello Lead 4"))
                .andExpect(jsonPath("$.willSend").value(TestApplication.LEADS / 2))
                .andExpect(jsonPath("$.skipped.opted_out").value(0))
                .andExpect(jsonPath("$.skipped.outside_service_window").value(0))
                .andExpect(jsonPath("$.estimatedDurationSeconds").isNumber())
                .andExpect(jsonPath("$.estimatedEnd").isNotEmpty())
                .andExpect(jsonPath("$.assumptions").isArray());
        assertThat(transport.count()).isEqualTo(sends);
        assertThat(campaigns.list(Set.of())).hasSize(saved);
    }

    @Test
    void aSavedDraftCanBePreviewed() throws Exception {
        String body = mvc.perform(post("/leads/whatsapp/campaigns").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Draft preview\",\"body\":\"Hi {name}\",\"target\":{\"leadIds\":[1,2,3]}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
        mvc.perform(post("/leads/whatsapp/campaigns/{id}/preview", id).with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.matchingLeads").value(3))
                .andExpect(jsonPath("$.renderedSample").value("Hi Lead 1"));
    }

    @Test
    void aPreviewWithoutBodyOrTemplateNamesTheField() throws Exception {
        mvc.perform(post(PREVIEW).contentType(MediaType.APPLICATION_JSON).content("{\"name\":\"x\"}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("body"));
    }

    @Test
    void anUnknownSampleLeadOrDraftIs404() throws Exception {
        mvc.perform(post(PREVIEW).param("sampleLeadId", "9999").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"body\":\"Hi\"}").with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.kind").value("lead"));
        mvc.perform(post("/leads/whatsapp/campaigns/{id}/preview", 777777).with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.kind").value("campaign"));
    }

    @Test
    void viewersCannotPreview() throws Exception {
        mvc.perform(post(PREVIEW).contentType(MediaType.APPLICATION_JSON).content("{\"body\":\"Hi\"}")
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isForbidden());
    }
}
