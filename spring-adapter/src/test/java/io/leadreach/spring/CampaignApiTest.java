package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;

class CampaignApiTest extends ApiTestSupport {

    private static final String CAMPAIGNS = "/leads/whatsapp/campaigns";

    private long create(String json) throws Exception {
        String body = mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).content(json)
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith(CAMPAIGNS + "/")))
                .andReturn().getResponse().getContentAsString();
        return Long.parseLong(body.replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
    }

    private long createForLeads(String name, long... ids) throws Exception {
        StringBuilder list = new StringBuilder();
        for (long id : ids) {
            list.append(list.length() == 0 ? "" : ",").append(id);
        }
        return create("{\"name\":\"" + name + "\",\"body\":\"Hello {name}\",\"target\":{\"leadIds\":[" + list + "]}}");
    }

    @Test
    void campaignIsCreatedAsDraftFromJson() throws Exception {
        long id = create("{\"name\":\"Spring offer\",\"body\":\"Hello {name}\","
                + "\"target\":{\"statuses\":[\"qualified\"]},\"messagesPerMinute\":120}");
        mvc.perform(get(CAMPAIGNS + "/{id}", id).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.campaign.name").value("Spring offer"))
                .andExpect(jsonPath("$.campaign.status").value("DRAFT"))
                .andExpect(jsonPath("$.campaign.messagesPerMinute").value(120))
                .andExpect(jsonPath("$.statistics.total").isNumber());
    }

    @Test
    void missingNameAndBodyAreNamed() throws Exception {
        mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).content("{\"description\":\"x\"}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'name')]").exists());
    }

    @Test
    void malformedJsonIs400() throws Exception {
        mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).content("{\"name\": \"x\",")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400));
    }

    @Test
    void campaignAsFormIsTheWrongContentType() throws Exception {
        mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_FORM_URLENCODED).param("name", "x")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void invertedDateRangeIsRefused() throws Exception {
        mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"x\",\"body\":\"hi\",\"target\":{\"createdFrom\":\"2026-03-02T00:00:00Z\","
                                + "\"createdTo\":\"2026-03-01T00:00:00Z\"}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("target"));
    }

    @Test
    void unknownCampaignIs404() throws Exception {
        mvc.perform(get(CAMPAIGNS + "/{id}", 424242).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.kind").value("campaign"));
        mvc.perform(post(CAMPAIGNS + "/{id}/execute", 424242).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isNotFound());
    }

    @Test
    void listFiltersByStatus() throws Exception {
        long id = createForLeads("Listed draft", 2);
        mvc.perform(get(CAMPAIGNS).param("status", "draft").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].status", everyItem(is("DRAFT"))))
                .andExpect(jsonPath("$[?(@.id == " + id + ")]").exists());
        mvc.perform(get(CAMPAIGNS).param("status", "COMPLETED").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(jsonPath("$[?(@.id == " + id + ")]").doesNotExist());
    }

    @Test
    void unknownStatusFilterIs400() throws Exception {
        mvc.perform(get(CAMPAIGNS).param("status", "RUNNING").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].code").value("unknown_status"));
    }

    @Test
    void pausingADraftIsAConflict() throws Exception {
        long id = createForLeads("Draft to pause", 2);
        mvc.perform(post(CAMPAIGNS + "/{id}/pause", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void executingACompletedCampaignIsAConflictAndSendsNothing() throws Exception {
        long id = createForLeads("Run once", 8, 9);
        int before = transport.count();
        mvc.perform(post(CAMPAIGNS + "/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        awaitStatus(id, "COMPLETED");
        assertThat(transport.count()).isEqualTo(before + 2);

        mvc.perform(post(CAMPAIGNS + "/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isConflict());
        mvc.perform(post(CAMPAIGNS + "/{id}/resume", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isConflict());
        mvc.perform(post(CAMPAIGNS + "/{id}/retry-failed", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.requeued").value(0));
        assertThat(transport.count()).isEqualTo(before + 2);

        mvc.perform(get(CAMPAIGNS + "/{id}/report.csv", id).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/csv"))
                .andExpect(header().string("Content-Disposition", containsString("campaign-" + id + ".csv")))
                .andExpect(request().asyncStarted());
        MvcResult report = mvc.perform(get(CAMPAIGNS + "/{id}/report.csv", id).with(as(Permission.CAMPAIGN_VIEW)))
                .andReturn();
        String csv = mvc.perform(asyncDispatch(report)).andReturn().getResponse().getContentAsString();
        assertThat(csv.split("\r\n")).hasSize(3);
        assertThat(csv).startsWith("recipient_id,lead_id,status").contains(",8,SENT,1,").contains(",9,SENT,1,");
    }

    @Test
    void pauseAndResumeAnActiveCampaign() throws Exception {
        long id = createForLeads("Pause me", 10);
        // Far in the quiet hours: the campaign stays active without sending.
        clock.set(Instant.parse("2026-03-02T23:30:00Z"));
        mvc.perform(post(CAMPAIGNS + "/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        mvc.perform(post(CAMPAIGNS + "/{id}/pause", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PAUSED"));
        mvc.perform(post(CAMPAIGNS + "/{id}/resume", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("ACTIVE"));
        mvc.perform(post(CAMPAIGNS + "/{id}/cancel", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("CANCELLED"));
    }

    @Test
    void reportOfAnUnknownCampaignIs404() throws Exception {
        mvc.perform(get(CAMPAIGNS + "/{id}/report.csv", 515151).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isNotFound());
    }

    @Test
    void withOneNumberTheListHasTheDefaultOneAndACampaignMayNameIt() throws Exception {
        // TestApplication's engine has one number: its transport's sender id, at the engine's rate.
        mvc.perform(get("/leads/whatsapp/sender-numbers").with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(transport.senderId()))
                .andExpect(jsonPath("$[0].messagesPerSecond").isEmpty())
                .andExpect(jsonPath("$[0].defaultNumber").value(true));
        long id = create("{\"name\":\"Named number\",\"body\":\"Hi\",\"senderNumbers\":[\"" + transport.senderId()
                + "\"],\"target\":{\"leadIds\":[1]}}");
        mvc.perform(get(CAMPAIGNS + "/{id}", id).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(jsonPath("$.campaign.senderNumbers[0]").value(transport.senderId()));
        mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Other number\",\"body\":\"Hi\",\"senderNumbers\":[\"100000000000099\"]}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'senderNumbers')].code").value("unknown"));
    }
}
