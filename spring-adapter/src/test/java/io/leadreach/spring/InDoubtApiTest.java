package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Recipients held IN_DOUBT over HTTP: listed by status, resolved by hand with the user on record. */
class InDoubtApiTest extends ApiTestSupport {

    private static final String CAMPAIGNS = "/leads/whatsapp/campaigns";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A completed campaign to leads 14 and 15 whose send to lead 15 had no known outcome. */
    private long campaignWithADoubt(String name) throws Exception {
        transport.answerFor("+12015550115", new SendOutcome.Unknown("timeout after write"));
        String created = mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"body\":\"Hello {name}\",\"target\":{\"leadIds\":[14,15]}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = JSON.readTree(created).path("id").asLong();
        mvc.perform(post(CAMPAIGNS + "/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> campaignStatus(id).equals("COMPLETED"));
        return id;
    }

    private String campaignStatus(long id) throws Exception {
        return JSON.readTree(mvc.perform(get(CAMPAIGNS + "/{id}", id).with(as(Permission.CAMPAIGN_VIEW)))
                .andReturn().getResponse().getContentAsString()).path("campaign").path("status").asString();
    }

    private JsonNode inDoubt(long id) throws Exception {
        return JSON.readTree(mvc.perform(get(CAMPAIGNS + "/{id}/recipients", id).param("status", "IN_DOUBT")
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).path("recipients");
    }

    private MockHttpServletRequestBuilder resolve(long id, long recipientId, String json) {
        return post(CAMPAIGNS + "/{id}/recipients/{r}/resolve", id, recipientId)
                .contentType(MediaType.APPLICATION_JSON).content(json);
    }

    @Test
    void aDoubtIsListedAndTreatedAsSentByTheUserOnRecord() throws Exception {
        long id = campaignWithADoubt("Doubt treated as sent");
        JsonNode doubts = inDoubt(id);
        assertThat(doubts).hasSize(1);
        long recipientId = doubts.get(0).path("id").asLong();
        assertThat(doubts.get(0).path("leadId").asLong()).isEqualTo(15);
        int sends = transport.count();

        mvc.perform(resolve(id, recipientId, "{\"resolution\":\"treat-as-sent\"}").with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("SENT"))
                .andExpect(jsonPath("$.resolution.kind").value("TREAT_AS_SENT"))
                .andExpect(jsonPath("$.resolution.by").value("maria"));
        assertThat(inDoubt(id)).isEmpty();
        mvc.perform(get(CAMPAIGNS + "/{id}/recipients", id).param("status", "SENT").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(jsonPath("$.recipients[?(@.leadId == 15)].resolution.by").value("maria"));
        mvc.perform(resolve(id, recipientId, "{\"resolution\":\"SEND_AGAIN\"}").with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        assertThat(transport.count()).as("nothing sent").isEqualTo(sends);
    }

    @Test
    void aDoubtSentAgainIsSentOnceMore() throws Exception {
        long id = campaignWithADoubt("Doubt sent again");
        long recipientId = inDoubt(id).get(0).path("id").asLong();
        transport.answerFor("+12015550115", new SendOutcome.Accepted("wamid.again-" + id, null));
        int before = transport.messagesTo("+12015550115").size();
        mvc.perform(resolve(id, recipientId, "{\"resolution\":\"SEND_AGAIN\"}").with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("PENDING"))
                .andExpect(jsonPath("$.resolution.kind").value("SEND_AGAIN"));
        Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> campaignStatus(id).equals("COMPLETED")
                && transport.messagesTo("+12015550115").size() == before + 1);
    }

    @Test
    void theConsolesPerLeadTableOffersBothWaysOutToAnOperatorOnly() throws Exception {
        long id = campaignWithADoubt("Doubt in the console");
        long recipientId = inDoubt(id).get(0).path("id").asLong();
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        // The campaign's page, its per-lead table filtered to the doubts.
        String operator = mvc.perform(get(CAMPAIGNS + "/{id}", id).param("status", "IN_DOUBT")
                        .header("Accept", browser).with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(operator).contains("data-resolve=\"TREAT_AS_SENT\"").contains("data-resolve=\"SEND_AGAIN\"")
                .contains("/recipients/" + recipientId + "/resolve").contains("gets it twice");
        String viewer = mvc.perform(get(CAMPAIGNS + "/{id}", id).param("status", "IN_DOUBT")
                        .header("Accept", browser).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(viewer).contains("IN DOUBT").doesNotContain("data-resolve=");

        // What the button posts: a form, from htmx; the page refreshes on the trigger.
        mvc.perform(post(CAMPAIGNS + "/{id}/recipients/{r}/resolve", id, recipientId)
                        .contentType(MediaType.APPLICATION_FORM_URLENCODED).param("resolution", "TREAT_AS_SENT")
                        .header("HX-Request", "true").with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk())
                .andExpect(org.springframework.test.web.servlet.result.MockMvcResultMatchers.header()
                        .string("HX-Trigger", "lr-figures-changed"))
                .andExpect(jsonPath("$.resolution.by").value("maria"));
        String after = mvc.perform(get(CAMPAIGNS + "/{id}", id).param("status", "SENT")
                        .header("Accept", browser).with(as(Permission.CAMPAIGN_VIEW)))
                .andReturn().getResponse().getContentAsString();
        assertThat(after).contains("treated as sent by maria");
    }
}
