package io.leadreach.spring;

import static io.leadreach.spring.ApiTestSupport.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The REST API with several sender numbers: the list of numbers, campaigns created from one number
 * or a pool and shown with them, the preview taking the same field, bad ids refused as field
 * errors, and each logged message naming the number it went from.
 */
class SenderNumbersApiTest extends SeveralNumbersTestSupport {

    private static final String CAMPAIGNS = "/leads/whatsapp/campaigns";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonNode createCampaign(String json) throws Exception {
        return JSON.readTree(mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON).content(json)
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
    }

    @Test
    void theRegisteredNumbersAreListedDefaultFirstWithTheirRates() throws Exception {
        mvc.perform(get("/leads/whatsapp/sender-numbers").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(3)))
                .andExpect(jsonPath("$[0].id").value(A))
                .andExpect(jsonPath("$[0].displayNumber").value(A_DISPLAY))
                .andExpect(jsonPath("$[0].wabaId").value("102290129340398"))
                .andExpect(jsonPath("$[0].messagesPerSecond").isEmpty())
                .andExpect(jsonPath("$[0].defaultNumber").value(true))
                .andExpect(jsonPath("$[1].id").value(B))
                .andExpect(jsonPath("$[1].messagesPerSecond").value(250.0))
                .andExpect(jsonPath("$[1].defaultNumber").value(false))
                .andExpect(jsonPath("$[2].id").value(C))
                .andExpect(jsonPath("$[2].displayNumber").isEmpty())
                .andExpect(jsonPath("$[2].messagesPerSecond").value(10.0));
        // A campaign creator who may not view campaigns needs the list too, to choose.
        mvc.perform(get("/leads/whatsapp/sender-numbers").with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk());
        mvc.perform(get("/leads/whatsapp/sender-numbers").with(as(Permission.SEND, Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isForbidden());
    }

    @Test
    void aCampaignFromOneNumberOrAPoolShowsItsNumbers() throws Exception {
        JsonNode one = createCampaign("{\"name\":\"From B\",\"body\":\"Hi {name}\",\"senderNumbers\":[\"" + B + "\"],"
                + "\"target\":{\"leadIds\":[1]}}");
        assertThat(one.path("senderNumbers").toString()).isEqualTo("[\"" + B + "\"]");
        JsonNode none = createCampaign("{\"name\":\"Default\",\"body\":\"Hi {name}\",\"target\":{\"leadIds\":[1]}}");
        assertThat(none.path("senderNumbers").isArray()).isTrue();
        assertThat(none.path("senderNumbers")).isEmpty();

        long pool = createCampaign("{\"name\":\"Pool\",\"body\":\"Hi {name}\",\"senderNumbers\":[\"" + C + "\",\"" + A
                + "\"],\"target\":{\"leadIds\":[1,2,3]}}").path("id").asLong();
        mvc.perform(get(CAMPAIGNS + "/{id}", pool).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.campaign.senderNumbers", contains(C, A)));
        mvc.perform(get(CAMPAIGNS).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(jsonPath("$[?(@.id == " + pool + ")].senderNumbers[1]").value(A));
    }

    @Test
    void badIdsAreFieldErrorsOnSenderNumbersAndNothingIsCreated() throws Exception {
        int before = JSON.readTree(mvc.perform(get(CAMPAIGNS).with(as(Permission.CAMPAIGN_VIEW)))
                .andReturn().getResponse().getContentAsString()).size();
        String[][] cases = {
                {"[\"999\"]", "unknown"},
                {"[\"" + A + "\",\"" + A + "\"]", "repeated"},
                {"[\"" + A + "\",null]", "null_id"}};
        for (String[] c : cases) {
            mvc.perform(post(CAMPAIGNS).contentType(MediaType.APPLICATION_JSON)
                            .content("{\"name\":\"Bad\",\"body\":\"Hi\",\"senderNumbers\":" + c[0] + "}")
                            .with(as(Permission.CAMPAIGN_CREATE)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[?(@.field == 'senderNumbers')].code").value(c[1]));
        }
        mvc.perform(post(CAMPAIGNS + "/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"body\":\"Hi\",\"senderNumbers\":[\"999\"]}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'senderNumbers')].message").value("sender number 999 is not registered"));
        int after = JSON.readTree(mvc.perform(get(CAMPAIGNS).with(as(Permission.CAMPAIGN_VIEW)))
                .andReturn().getResponse().getContentAsString()).size();
        assertThat(after).isEqualTo(before);
    }

    @Test
    void thePreviewTakesTheNumbers() throws Exception {
        mvc.perform(post(CAMPAIGNS + "/preview").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"body\":\"Hi {name}\",\"senderNumbers\":[\"" + A + "\",\"" + B + "\"],"
                                + "\"target\":{\"leadIds\":[4,5]}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.matchingLeads").value(2))
                .andExpect(jsonPath("$.willSend").value(2));
    }

    @Test
    void eachLoggedMessageNamesTheNumberItWentFrom() throws Exception {
        long id = createCampaign("{\"name\":\"Pool sent\",\"body\":\"Hi {name}\",\"messagesPerMinute\":6000,"
                + "\"senderNumbers\":[\"" + A + "\",\"" + B + "\"],\"target\":{\"leadIds\":[11,12,13,14,15,16,17,18]}}")
                .path("id").asLong();
        mvc.perform(post(CAMPAIGNS + "/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        await().atMost(Duration.ofSeconds(15)).until(() -> JSON.readTree(mvc.perform(get(CAMPAIGNS + "/{id}", id)
                        .with(as(Permission.CAMPAIGN_VIEW))).andReturn().getResponse().getContentAsString())
                .path("campaign").path("status").asString().equals("COMPLETED"));

        JsonNode log = JSON.readTree(mvc.perform(get("/leads/whatsapp/messages").param("campaignId", String.valueOf(id))
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString()).path("messages");
        assertThat(log).hasSize(8);
        Set<String> used = new HashSet<>();
        for (JsonNode m : log) {
            used.add(m.path("senderNumber").asString());
        }
        assertThat(used).isSubsetOf(A, B);
        assertThat(used).as("8 leads over a pool of 2 use both").containsExactlyInAnyOrder(A, B);

        // The lead's timeline says the same, per message.
        JsonNode first = log.get(0);
        mvc.perform(get("/leads/{lead}/whatsapp/messages", first.path("leadId").asLong())
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.entries[?(@.id == " + first.path("id").asLong() + ")].senderNumber")
                        .value(first.path("senderNumber").asString()));
    }
}
