package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.TemplateService;
import io.leadreach.TemplateSpec;
import io.leadreach.attachment.TestFiles;
import io.leadreach.lead.ConsentStore;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.WhatsAppTemplateBinding;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.DeliveryStatus;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.TemplateStatusChange;
import io.leadreach.tracking.Tracking;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MvcResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The read routes: recipients, message log, replies, tracking counters, a lead's timeline and attachments. */
class HistoryApiTest extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] QUOTE = TestFiles.pdf("quote for lead 29");

    @Autowired
    Tracking tracker;
    @Autowired
    TemplateService templates;
    @Autowired
    ConsentStore consent;

    private static String mobile(long lead) {
        return String.format("+1201555%04d", 100 + lead);
    }

    private JsonNode json(org.springframework.test.web.servlet.RequestBuilder request) throws Exception {
        return JSON.readTree(mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    /** A campaign to these leads, run until it completes; its id. */
    private long completedCampaign(String name, long... leads) throws Exception {
        StringBuilder ids = new StringBuilder();
        for (long l : leads) {
            ids.append(ids.length() == 0 ? "" : ",").append(l);
        }
        JsonNode created = JSON.readTree(mvc.perform(post("/leads/whatsapp/campaigns").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"body\":\"Hi {name}\",\"target\":{\"leadIds\":[" + ids + "]}}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
        long id = created.path("id").asLong();
        mvc.perform(post("/leads/whatsapp/campaigns/{id}/execute", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        awaitStatus(id, "COMPLETED");
        return id;
    }

    @Test
    void recipientsArePagedWithLeadNamesErrorsInWordsAndFilteredByStatus() throws Exception {
        transport.answerFor(mobile(27), new SendOutcome.Rejected(io.leadreach.transport.ErrorClass.PERMANENT, "131026",
                "Message undeliverable", null, null));
        long id = completedCampaign("Recipients page", 26, 27, 28);
        JsonNode first = json(get("/leads/whatsapp/campaigns/{id}/recipients", id).param("limit", "2")
                .with(as(Permission.CAMPAIGN_VIEW)));
        assertThat(first.path("recipients")).hasSize(2);
        assertThat(first.path("nextAfter").asLong()).isEqualTo(first.path("recipients").get(1).path("id").asLong());
        JsonNode second = json(get("/leads/whatsapp/campaigns/{id}/recipients", id).param("limit", "2")
                .param("after", first.path("nextAfter").asString()).with(as(Permission.CAMPAIGN_VIEW)));
        assertThat(second.path("recipients")).hasSize(1);
        assertThat(second.path("nextAfter").isNull()).isTrue();

        mvc.perform(get("/leads/whatsapp/campaigns/{id}/recipients", id).param("status", "FAILED")
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.recipients", hasSize(1)))
                .andExpect(jsonPath("$.recipients[0].leadId").value(27))
                .andExpect(jsonPath("$.recipients[0].leadName").value("Lead 27"))
                .andExpect(jsonPath("$.recipients[0].mobile").value(mobile(27)))
                .andExpect(jsonPath("$.recipients[0].errorCode").value("131026"))
                .andExpect(jsonPath("$.recipients[0].errorDescription").value(containsString("not on WhatsApp")));
        mvc.perform(get("/leads/whatsapp/campaigns/{id}/recipients", id).param("status", "SENT,DELIVERED")
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(jsonPath("$.recipients", hasSize(2)))
                .andExpect(jsonPath("$.recipients[0].wamid").isNotEmpty())
                .andExpect(jsonPath("$.recipients[0].sentAt").isNotEmpty());
    }

    @Test
    void theReportEndsWithAWamidColumn() throws Exception {
        long id = completedCampaign("Report wamid", 26);
        MvcResult report = mvc.perform(get("/leads/whatsapp/campaigns/{id}/report.csv", id)
                .with(as(Permission.CAMPAIGN_VIEW))).andExpect(status().isOk()).andReturn();
        String csv = mvc.perform(asyncDispatch(report)).andReturn().getResponse().getContentAsString();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("recipient_id,lead_id,status,attempts,sent_at,delivered_at,read_at,error_code,"
                + "error_message,skip_reason,updated_at,wamid");
        String wamid = json(get("/leads/whatsapp/campaigns/{id}/recipients", id).with(as(Permission.CAMPAIGN_VIEW)))
                .path("recipients").get(0).path("wamid").asString();
        assertThat(wamid).isNotBlank();
        assertThat(lines[1]).endsWith("," + wamid);
    }

    @Test
    void theMessageLogRepliesAndTrackingCountersAreVisible() throws Exception {
        long id = completedCampaign("Log and replies", 28);
        mvc.perform(get("/leads/whatsapp/messages").param("campaignId", String.valueOf(id)).param("status", "SENT")
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.messages", hasSize(1)))
                .andExpect(jsonPath("$.messages[0].leadId").value(28))
                .andExpect(jsonPath("$.messages[0].body").value("Hi Lead 28"))
                .andExpect(jsonPath("$.messages[0].wamid").isNotEmpty())
                .andExpect(jsonPath("$.nextAfter").value(nullValue()));
        String wamid = json(get("/leads/whatsapp/messages").param("campaignId", String.valueOf(id))
                .with(as(Permission.CAMPAIGN_VIEW))).path("messages").get(0).path("wamid").asString();

        long received = json(get("/leads/whatsapp/tracking").with(as(Permission.CAMPAIGN_VIEW))).path("received").asLong();
        long unknown = json(get("/leads/whatsapp/tracking").with(as(Permission.CAMPAIGN_VIEW))).path("unknown").asLong();
        tracker.apply(List.of(
                new InboundReply(mobile(28), "wamid.in-history-28", "Tell me more", null, wamid, "text", null,
                        clock.instant()),
                new DeliveryEvent("wamid.nobody-knows", null, DeliveryStatus.DELIVERED, clock.instant(), null, null,
                        null, null)));
        JsonNode replies = json(get("/leads/whatsapp/replies").param("limit", "500").with(as(Permission.CAMPAIGN_VIEW)));
        JsonNode mine = null;
        for (JsonNode r : replies.path("replies")) {
            if (r.path("wamid").asString().equals("wamid.in-history-28")) {
                mine = r;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("leadId").asLong()).isEqualTo(28);
        assertThat(mine.path("text").asString()).isEqualTo("Tell me more");
        assertThat(mine.path("campaignId").asLong()).isEqualTo(id);
        JsonNode counters = json(get("/leads/whatsapp/tracking").with(as(Permission.CAMPAIGN_VIEW)));
        assertThat(counters.path("received").asLong()).isEqualTo(received + 2);
        assertThat(counters.path("unknown").asLong()).isEqualTo(unknown + 1);
    }

    @Test
    void aLeadsTimelineMergesMessagesAndRepliesWithConsentAndPages() throws Exception {
        mvc.perform(multipart("/leads/{lead}/whatsapp/send", 29).param("message", "First, {name}").with(as(Permission.SEND)))
                .andExpect(status().isOk());
        clock.set(TestApplication.NOON.plusSeconds(30));
        tracker.apply(new InboundReply(mobile(29), "wamid.in-29-a", "Thanks", null, null, "text", null, clock.instant()));
        clock.set(TestApplication.NOON.plusSeconds(60));
        mvc.perform(multipart("/leads/{lead}/whatsapp/send", 29)
                        .file(new MockMultipartFile("attachment", "Angebot für Sie.pdf", "application/pdf", QUOTE))
                        .param("message", "Your quote").with(as(Permission.SEND)))
                .andExpect(status().isOk());
        clock.set(TestApplication.NOON.plusSeconds(90));
        tracker.apply(new InboundReply(mobile(29), "wamid.in-29-b", "STOP", null, null, "text", null, clock.instant()));

        JsonNode page = json(get("/leads/{lead}/whatsapp/messages", 29).param("limit", "3")
                .with(as(Permission.CAMPAIGN_VIEW)));
        assertThat(page.path("entries")).hasSize(3);
        assertThat(page.path("entries").get(0).path("type").asString()).isEqualTo("reply");
        assertThat(page.path("entries").get(0).path("text").isMissingNode()).isTrue();
        assertThat(page.path("entries").get(0).path("body").asString()).isEqualTo("STOP");
        assertThat(page.path("entries").get(0).path("consent").asString()).isEqualTo("OPTED_OUT");
        JsonNode quote = page.path("entries").get(1);
        assertThat(quote.path("type").asString()).isEqualTo("message");
        assertThat(quote.path("attachment").path("filename").asString()).isEqualTo("Angebot für Sie.pdf");
        assertThat(page.path("entries").get(2).path("answersMessageId").asLong())
                .as("the first reply answers the first message").isPositive();
        assertThat(page.path("consent").path("optedOut").asBoolean()).isTrue();
        assertThat(page.path("consent").path("source").asString()).isEqualTo("keyword");
        assertThat(page.path("consent").path("changedAt").asString()).isEqualTo(TestApplication.NOON.plusSeconds(90).toString());
        String cursor = page.path("nextCursor").asString();
        JsonNode rest = json(get("/leads/{lead}/whatsapp/messages", 29).param("limit", "3").param("before", cursor)
                .with(as(Permission.SEND)));
        assertThat(rest.path("entries")).hasSize(1);
        assertThat(rest.path("entries").get(0).path("body").asString()).isEqualTo("First, Lead 29");
        assertThat(rest.path("nextCursor").isNull()).isTrue();

        long messageId = quote.path("id").asLong();
        mvc.perform(get("/leads/{lead}/whatsapp/attachments", 29).with(as(Permission.SEND)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.attachments", hasSize(1)))
                .andExpect(jsonPath("$.attachments[0].messageId").value(messageId))
                .andExpect(jsonPath("$.attachments[0].contentType").value("application/pdf"))
                .andExpect(jsonPath("$.attachments[0].downloadUrl").value("/leads/whatsapp/attachments/" + messageId));
        MvcResult download = mvc.perform(get("/leads/whatsapp/attachments/{id}", messageId).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Content-Disposition", containsString("attachment; filename=\"Angebot f_r Sie.pdf\"")))
                .andExpect(header().string("Content-Disposition", containsString("filename*=UTF-8''Angebot%20f%C3%BCr%20Sie.pdf")))
                .andReturn();
        byte[] file = mvc.perform(asyncDispatch(download)).andReturn().getResponse().getContentAsByteArray();
        assertThat(file).isEqualTo(QUOTE);
        // back to the default for the other tests: lead 29's number opted out above
        consent.optIn(mobile(29), "test", TestApplication.NOON.plusSeconds(91));
    }

    @Test
    void aTemplatesBindingStatusReportedByMetaIsShown() throws Exception {
        Actor admin = Actor.of("maria", Permission.TEMPLATE_MANAGE);
        MessageTemplate t = templates.createTemplate(admin, TemplateSpec.builder().name("Paused promo").category(
                TemplateCategory.PROMOTIONAL).body("Hi {name}").binding(new WhatsAppTemplateBinding("promo_paused",
                "en_US", List.of("name"))).build());
        tracker.apply(new TemplateStatusChange("promo_paused", "en_US", "PAUSED", "low quality", clock.instant()));
        mvc.perform(get("/leads/whatsapp/templates/{id}", t.id()).with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.binding.status").value("PAUSED"))
                .andExpect(jsonPath("$.binding.statusAt").value(clock.instant().toString()))
                .andExpect(jsonPath("$.binding.usable").value(false));
        mvc.perform(get("/leads/whatsapp/templates").with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(jsonPath("$[?(@.id == " + t.id() + ")].binding.status", hasItem("PAUSED")));
    }
}
