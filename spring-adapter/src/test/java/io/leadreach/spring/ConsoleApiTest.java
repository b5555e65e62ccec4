package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.lead.ConsentStore;
import io.leadreach.security.Permission;
import io.leadreach.transport.MessageContent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;

/** The console's routes: campaign figures stream, lead-list upload, test send, bulk-send check. */
class ConsoleApiTest extends ApiTestSupport {

    private static final String MY_PHONE = "+12015550199";

    @Autowired
    ConsentStore consent;

    private long campaign(String name, String leadIds) throws Exception {
        String created = mvc.perform(post("/leads/whatsapp/campaigns").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"body\":\"Hi {name}\",\"target\":{\"leadIds\":[" + leadIds + "]}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return Long.parseLong(created.replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
    }

    @Test
    void theFiguresStreamEndsWithTheEventShowingTheCampaignTerminal() throws Exception {
        long id = campaign("Streamed", "21,22");
        mvc.perform(post("/leads/whatsapp/campaigns/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        MvcResult stream = mvc.perform(get("/leads/whatsapp/campaigns/{id}/stream", id).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(request().asyncStarted()).andReturn();
        String events = mvc.perform(asyncDispatch(stream)).andReturn().getResponse().getContentAsString();
        assertThat(events).startsWith("event:figures");
        assertThat(events).contains("\"campaignId\":" + id).contains("\"statistics\":{\"total\":2");
        String[] each = events.split("\n\n");
        assertThat(each[each.length - 1]).contains("\"status\":\"COMPLETED\"").contains("\"sent\":2");
        for (int i = 1; i < each.length; i++) {
            assertThat(each[i]).as("only changed figures are sent").isNotEqualTo(each[i - 1]);
        }
    }

    @Test
    void aCancelledCampaignsStreamSendsOneEventAndCloses() throws Exception {
        long id = campaign("Cancelled stream", "23");
        mvc.perform(post("/leads/whatsapp/campaigns/{id}/cancel", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        MvcResult stream = mvc.perform(get("/leads/whatsapp/campaigns/{id}/stream", id).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(request().asyncStarted()).andReturn();
        String events = mvc.perform(asyncDispatch(stream)).andReturn().getResponse().getContentAsString();
        assertThat(events.split("\n\n")).singleElement().asString().contains("\"status\":\"CANCELLED\"");
    }

    @Test
    void anUploadedLeadListIsReadInFileOrderWithBadLinesAndUnknownIds() throws Exception {
        MockMultipartFile csv = new MockMultipartFile("file", "leads.csv", "text/csv",
                "lead_id,name\n5,Ann\n\n3\n5\nfive\n999\n".getBytes(StandardCharsets.UTF_8));
        mvc.perform(multipart("/leads/whatsapp/campaigns/target-csv").file(csv).with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.leadIds", contains(5, 3, 999)))
                .andExpect(jsonPath("$.duplicates").value(1))
                .andExpect(jsonPath("$.invalid", hasSize(1)))
                .andExpect(jsonPath("$.invalid[0].line").value(6))
                .andExpect(jsonPath("$.invalid[0].value").value("five"))
                .andExpect(jsonPath("$.invalid[0].reason").value("not a whole number"))
                .andExpect(jsonPath("$.unknown", contains(999)));
    }

    @Test
    void aTestGoesToTheUsersOwnNumberThroughTheTransport() throws Exception {
        int before = transport.messagesTo(MY_PHONE).size();
        mvc.perform(post("/leads/whatsapp/campaigns/test-send").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"body\":\"Hello {first_name}, test\",\"sampleLeadId\":7}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.to").value(MY_PHONE))
                .andExpect(jsonPath("$.status").value("SENT"))
                .andExpect(jsonPath("$.renderedBody").value("Hello Lead, test"))
                .andExpect(jsonPath("$.wamid").isNotEmpty());
        assertThat(transport.messagesTo(MY_PHONE)).hasSize(before + 1);
        assertThat(((MessageContent.Text) transport.messagesTo(MY_PHONE).get(before).content()).body())
                .isEqualTo("Hello Lead, test");
    }

    @Test
    void aUserWithoutATestNumberIsToldHowToConfigureOne() throws Exception {
        int before = transport.count();
        mvc.perform(post("/leads/whatsapp/campaigns/test-send").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"body\":\"Hi\"}")
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors
                                .user("omar").authorities(new org.springframework.security.core.authority
                                        .SimpleGrantedAuthority(Permission.CAMPAIGN_CREATE.authority())))
                        .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("to"))
                .andExpect(jsonPath("$.errors[0].code").value("no_test_recipient"))
                .andExpect(jsonPath("$.detail").value(containsString("leadreach.ui.test-recipients.omar")));
        assertThat(transport.count()).isEqualTo(before);
    }

    @Test
    void theBulkCheckSaysWhoWouldBeSkippedAndWhyFromJsonOrAForm() throws Exception {
        consent.optOut(String.format("+1201555%04d", 124), "keyword", TestApplication.NOON);
        int before = transport.count();
        mvc.perform(post("/leads/whatsapp/bulk-send/check").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"leadIds\":[24,25,25,777]}").with(as(Permission.BULK_SEND)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.selected").value(3))
                .andExpect(jsonPath("$.willSend").value(1))
                .andExpect(jsonPath("$.totalSkipped").value(2))
                .andExpect(jsonPath("$.skipped.opted_out").value(1))
                .andExpect(jsonPath("$.skipped.unknown_lead").value(1))
                .andExpect(jsonPath("$.leadIdsByReason.opted_out", contains(24)))
                .andExpect(jsonPath("$.leadIdsByReason.unknown_lead", contains(777)));
        mvc.perform(post("/leads/whatsapp/bulk-send/check").contentType(MediaType.APPLICATION_FORM_URLENCODED)
                        .param("lead_ids", "24,25").with(as(Permission.BULK_SEND)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.selected").value(2))
                .andExpect(jsonPath("$.willSend").value(1));
        assertThat(transport.count()).isEqualTo(before);
        consent.optIn(String.format("+1201555%04d", 124), "test", TestApplication.NOON.plusSeconds(1));
    }
}
