package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.attachment.TestFiles;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.message.MessageStore;
import io.leadreach.security.Permission;
import io.leadreach.template.TemplateStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The bad-input audit, route by route: each bad request gets the right RFC 9457 problem (with the
 * fields at fault) and changes nothing: no send, no message, campaign or template stored, no
 * attachment kept.
 */
class BadInputApiTest extends ApiTestSupport {

    private static final String SEND = "/leads/{lead}/whatsapp/send";
    private static final String BULK = "/leads/whatsapp/bulk-send";
    private static final String CAMPAIGNS = "/leads/whatsapp/campaigns";
    private static final String PREVIEW = "/leads/whatsapp/campaigns/preview";
    private static final String TEMPLATES = "/leads/whatsapp/templates";
    private static final String TOO_LONG = "x".repeat(4097);
    private static final Path ATTACHMENTS = Path.of("target/test-attachments");

    @Autowired
    MessageStore messages;
    @Autowired
    CampaignStore campaigns;
    @Autowired
    TemplateStore templates;

    // --- the send routes ---------------------------------------------------------------------

    @Test
    void singleSend() throws Exception {
        refused(multipart(SEND, 1).with(as(Permission.SEND)), 400, "message", "blank");
        refused(multipart(SEND, 1).param("message", TOO_LONG).with(as(Permission.SEND)), 400, "message", "too_long");
        refused(multipart(SEND, 1).file(sixMegabytes()).param("message", "hi").with(as(Permission.SEND)),
                413, "attachment", "too_large");
        refused(multipart(SEND, 1).file(executable()).param("message", "hi").with(as(Permission.SEND)),
                415, "attachment", "type_not_allowed");
        problem(post(SEND, 1).contentType(MediaType.APPLICATION_JSON).content("{\"message\":\"hi\"}")
                .with(as(Permission.SEND)), 415);
        problem(multipart(SEND, 999).param("message", "hi").with(as(Permission.SEND)), 404)
                .andExpect(jsonPath("$.kind").value("lead"));
        problem(multipart("/leads/x/whatsapp/send").param("message", "hi").with(as(Permission.SEND)), 400);
    }

    @Test
    void bulkSend() throws Exception {
        refused(multipart(BULK).param("lead_ids[]", "1", "2").with(as(Permission.BULK_SEND)), 400, "message", "blank");
        refused(multipart(BULK).param("lead_ids[]", "1", "2").param("message", TOO_LONG).with(as(Permission.BULK_SEND)),
                400, "message", "too_long");
        refused(multipart(BULK).file(sixMegabytes()).param("lead_ids[]", "1", "2").param("message", "hi")
                .with(as(Permission.BULK_SEND)), 413, "attachment", "too_large");
        refused(multipart(BULK).file(executable()).param("lead_ids[]", "1", "2").param("message", "hi")
                .with(as(Permission.BULK_SEND)), 415, "attachment", "type_not_allowed");
        refused(multipart(BULK).param("message", "hi").with(as(Permission.BULK_SEND)), 400, "leadIds", "empty");
        refused(multipart(BULK).param("lead_ids[]", "").param("message", "hi").with(as(Permission.BULK_SEND)),
                400, "leadIds", "empty");
        refused(multipart(BULK).param("lead_ids[]", "1", "998", "999").param("message", "hi")
                .with(as(Permission.BULK_SEND)), 400, null, "unknown_lead");
        // leadreach.sending.max-bulk-leads=20 in these tests
        String[] tooMany = IntStream.rangeClosed(1, 21).mapToObj(String::valueOf).toArray(String[]::new);
        refused(multipart(BULK).param("lead_ids[]", tooMany).param("message", "hi").with(as(Permission.BULK_SEND)),
                400, "leadIds", "too_many");
        refused(multipart(BULK).param("lead_ids", "1,two").param("message", "hi").with(as(Permission.BULK_SEND)),
                400, null, "not_a_number");
        problem(post(BULK).contentType(MediaType.APPLICATION_JSON).content("{\"lead_ids\":[1]}")
                .with(as(Permission.BULK_SEND)), 415);
        problem(post(BULK).contentType(MediaType.TEXT_PLAIN).content("1,2").with(as(Permission.BULK_SEND)), 415);
    }

    @Test
    void jobs() throws Exception {
        problem(get("/leads/whatsapp/jobs/{id}", 123456).with(as(Permission.BULK_SEND)), 404);
        problem(post("/leads/whatsapp/jobs/{id}/cancel", 123456).with(as(Permission.BULK_SEND)), 404);
        problem(get("/leads/whatsapp/jobs/{id}/stream", 123456).with(as(Permission.BULK_SEND)), 404);
        problem(get("/leads/whatsapp/jobs/{id}", "abc").with(as(Permission.BULK_SEND)), 400);
    }

    @Test
    void scheduledBulkSend() throws Exception {
        refused(multipart(BULK).param("lead_ids", "1,2").param("message", "hi").param("scheduled_at", "soon")
                .with(as(Permission.BULK_SEND)), 400, "scheduledAt", "not_a_time");
        refused(multipart(BULK).param("lead_ids", "1,2").param("message", "hi").param("scheduled_at", "2020-01-01T00:00:00Z")
                .with(as(Permission.BULK_SEND)), 400, "scheduledAt", "in_the_past");
        refused(multipart(BULK).param("lead_ids", "1,404").param("message", "hi")
                .param("scheduled_at", "2030-01-01T00:00:00Z").with(as(Permission.BULK_SEND)), 400, null, "unknown_lead");
    }

    @Test
    void embeddedFragments() throws Exception {
        problem(get("/leads/{lead}/whatsapp/tab", "x").accept(MediaType.TEXT_HTML).with(as(Permission.SEND)), 400);
        problem(get("/leads/{lead}/whatsapp/tab", 999).accept(MediaType.TEXT_HTML).with(as(Permission.SEND)), 404);
        refused(get("/leads/{lead}/whatsapp/tab", 1).param("before", "garbage").accept(MediaType.TEXT_HTML)
                .with(as(Permission.SEND)), 400, "before", null);
        refused(multipart("/leads/whatsapp/bulk-send/check").param("lead_ids", "1,two").accept(MediaType.TEXT_HTML)
                .with(as(Permission.BULK_SEND)), 400, null, "not_a_number");
        refused(multipart("/leads/whatsapp/bulk-send/check").accept(MediaType.TEXT_HTML)
                .with(as(Permission.BULK_SEND)), 400, "leadIds", "empty");
        refused(multipart(SEND, 1).param("template_id", "404").with(as(Permission.SEND)), 404, null, null);
        problem(multipart(SEND, 1).param("template_id", "x").with(as(Permission.SEND)), 400);
    }

    // --- campaigns ------------------------------------------------------------------------------

    @Test
    void campaignCreatedFromJson() throws Exception {
        refused(json(post(CAMPAIGNS), "{\"name\":\"No body\"}", Permission.CAMPAIGN_CREATE), 400, "body", "blank");
        refused(json(post(CAMPAIGNS), "{\"name\":\"Long\",\"body\":\"" + TOO_LONG + "\"}", Permission.CAMPAIGN_CREATE),
                400, "body", "too_long");
        refused(json(post(CAMPAIGNS), "{\"body\":\"hi\"}", Permission.CAMPAIGN_CREATE), 400, "name", null);
        problem(json(post(CAMPAIGNS), "{\"name\": \"x\",", Permission.CAMPAIGN_CREATE), 400);
        problem(json(post(CAMPAIGNS), "[1, 2]", Permission.CAMPAIGN_CREATE), 400);
        problem(json(post(CAMPAIGNS), "{\"name\":\"x\",\"body\":\"hi\",\"messagesPerMinute\":\"fast\"}",
                Permission.CAMPAIGN_CREATE), 400);
        problem(post(CAMPAIGNS).contentType(MediaType.TEXT_PLAIN).content("name=x").with(as(Permission.CAMPAIGN_CREATE)),
                415);
        refused(json(post(CAMPAIGNS), "{\"name\":\"Ghost template\",\"templateId\":987654}", Permission.CAMPAIGN_CREATE),
                400, "templateId", null);
        refused(json(post(CAMPAIGNS), "{\"name\":\"Nobody\",\"body\":\"hi\",\"target\":{\"leadIds\":[998,999]}}",
                Permission.CAMPAIGN_CREATE), 400, "target", null);
        refused(json(post(CAMPAIGNS), "{\"name\":\"Everyone?\",\"body\":\"hi\",\"target\":{\"leadIds\":[]}}",
                Permission.CAMPAIGN_CREATE), 400, "target.leadIds", "empty");
        refused(json(post(PREVIEW), "{\"body\":\"hi\",\"target\":{\"leadIds\":[]}}", Permission.CAMPAIGN_CREATE),
                400, "target.leadIds", "empty");
        refused(json(post(CAMPAIGNS), "{\"name\":\"Slow\",\"body\":\"hi\",\"messagesPerMinute\":0}",
                Permission.CAMPAIGN_CREATE), 400, "messagesPerMinute", null);
    }

    @Test
    void campaignCreatedWithAnAttachment() throws Exception {
        MockMultipartFile campaign = new MockMultipartFile("campaign", "", MediaType.APPLICATION_JSON_VALUE,
                "{\"name\":\"With a file\",\"body\":\"Hi {name}\",\"target\":{\"leadIds\":[1]}}".getBytes());
        refused(multipart(CAMPAIGNS).file(campaign).file(sixMegabytes()).with(as(Permission.CAMPAIGN_CREATE)),
                413, "attachment", "too_large");
        refused(multipart(CAMPAIGNS).file(campaign).file(executable()).with(as(Permission.CAMPAIGN_CREATE)),
                415, "attachment", "type_not_allowed");
        refused(multipart(CAMPAIGNS).file(pdf()).with(as(Permission.CAMPAIGN_CREATE)), 400, "campaign", "missing");
        MockMultipartFile broken = new MockMultipartFile("campaign", "", MediaType.APPLICATION_JSON_VALUE,
                "{\"name\":".getBytes());
        problem(multipart(CAMPAIGNS).file(broken).file(pdf()).with(as(Permission.CAMPAIGN_CREATE)), 400);
    }

    @Test
    void campaignCreatedWithAnAttachmentKeepsIt() throws Exception {
        MockMultipartFile campaign = new MockMultipartFile("campaign", "", MediaType.APPLICATION_JSON_VALUE,
                "{\"name\":\"Quote campaign\",\"body\":\"Hi {name}\",\"target\":{\"leadIds\":[1,2]}}".getBytes());
        mvc.perform(multipart(CAMPAIGNS).file(campaign).file(pdf()).with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.status").value("DRAFT"))
                .andExpect(jsonPath("$.attachment.filename").value("quote.pdf"))
                .andExpect(jsonPath("$.attachment.mimeType").value("application/pdf"));
    }

    @Test
    void campaignPreview() throws Exception {
        refused(json(post(PREVIEW), "{}", Permission.CAMPAIGN_CREATE), 400, "body", "blank");
        refused(json(post(PREVIEW), "{\"body\":\"" + TOO_LONG + "\"}", Permission.CAMPAIGN_CREATE), 400, "body", "too_long");
        refused(json(post(PREVIEW), "{\"templateId\":987654}", Permission.CAMPAIGN_CREATE), 400, "templateId", null);
        problem(json(post(PREVIEW), "{\"body\":", Permission.CAMPAIGN_CREATE), 400);
        problem(post(PREVIEW).contentType(MediaType.MULTIPART_FORM_DATA).with(as(Permission.CAMPAIGN_CREATE)), 415);
        problem(json(post(PREVIEW).param("sampleLeadId", "abc"), "{\"body\":\"hi\"}", Permission.CAMPAIGN_CREATE), 400);
    }

    @Test
    void campaignActions() throws Exception {
        for (String action : new String[] {"execute", "pause", "resume", "cancel", "retry-failed", "preview"}) {
            Permission needed = action.equals("preview") ? Permission.CAMPAIGN_CREATE : Permission.CAMPAIGN_EXECUTE;
            problem(post(CAMPAIGNS + "/{id}/" + action, 424242).with(as(needed)), 404)
                    .andExpect(jsonPath("$.kind").value("campaign"));
        }
        problem(get(CAMPAIGNS + "/{id}", 424242).with(as(Permission.CAMPAIGN_VIEW)), 404);
        problem(get(CAMPAIGNS + "/{id}/report.csv", 424242).with(as(Permission.CAMPAIGN_VIEW)), 404);
        problem(get(CAMPAIGNS + "/{id}", "abc").with(as(Permission.CAMPAIGN_VIEW)), 400);

        String created = mvc.perform(json(post(CAMPAIGNS),
                        "{\"name\":\"Cancelled early\",\"body\":\"Hi\",\"target\":{\"leadIds\":[3]}}", Permission.CAMPAIGN_CREATE))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll("^\\{\"id\":(\\d+),.*", "$1"));
        mvc.perform(post(CAMPAIGNS + "/{id}/cancel", id).with(as(Permission.CAMPAIGN_EXECUTE)))
                .andExpect(status().isOk());
        for (String action : new String[] {"execute", "pause", "resume"}) {
            problem(post(CAMPAIGNS + "/{id}/" + action, id).with(as(Permission.CAMPAIGN_EXECUTE)), 409);
        }

        // Resolving a recipient held in doubt: the campaign's own, IN_DOUBT, and a known resolution.
        String resolve = CAMPAIGNS + "/{id}/recipients/{r}/resolve";
        problem(json(post(resolve, 424242, 1), "{\"resolution\":\"TREAT_AS_SENT\"}", Permission.CAMPAIGN_EXECUTE), 404)
                .andExpect(jsonPath("$.kind").value("campaign"));
        problem(json(post(resolve, id, 424242), "{\"resolution\":\"TREAT_AS_SENT\"}", Permission.CAMPAIGN_EXECUTE), 404)
                .andExpect(jsonPath("$.kind").value("recipient"));
        refused(json(post(resolve, id, 1), "{}", Permission.CAMPAIGN_EXECUTE), 400, "resolution", "required");
        refused(json(post(resolve, id, 1), "{\"resolution\":\"maybe\"}", Permission.CAMPAIGN_EXECUTE), 400,
                "resolution", "invalid_resolution");
        refused(json(post(resolve, id, 1), "{\"resolution\":\"SENT_UNCONFIRMED\"}", Permission.CAMPAIGN_EXECUTE),
                400, "resolution", "invalid_resolution");
        problem(json(post(resolve, id, 1), "{\"resolution\":", Permission.CAMPAIGN_EXECUTE), 400);
        problem(post(resolve, id, 1).contentType(MediaType.TEXT_PLAIN).content("x")
                .with(as(Permission.CAMPAIGN_EXECUTE)), 415);
        problem(post(resolve, id, "abc").contentType(MediaType.APPLICATION_JSON).content("{}")
                .with(as(Permission.CAMPAIGN_EXECUTE)), 400);

        // The console's lead ids of a status filter.
        refused(get(CAMPAIGNS + "/{id}/lead-ids", id).param("status", "RUNNING").with(as(Permission.CAMPAIGN_VIEW)),
                400, "status", "unknown_status");
        refused(get(CAMPAIGNS + "/{id}/lead-ids", id).param("replied", "maybe").with(as(Permission.CAMPAIGN_VIEW)),
                400, "replied", "invalid");
        problem(get(CAMPAIGNS + "/{id}/lead-ids", 424242).with(as(Permission.CAMPAIGN_VIEW)), 404)
                .andExpect(jsonPath("$.kind").value("campaign"));
        problem(get(CAMPAIGNS + "/{id}/lead-ids", "abc").with(as(Permission.CAMPAIGN_VIEW)), 400);
        // The page's own actions on an unknown campaign: a problem the page shows in its flash bar.
        problem(post(CAMPAIGNS + "/{id}/pause", 424242).param("view", "details").header("Accept", "text/html")
                .with(as(Permission.CAMPAIGN_EXECUTE)), 404);
    }

    // --- console and history routes ----------------------------------------------------------------

    @Test
    void historyRoutes() throws Exception {
        problem(get(CAMPAIGNS + "/{id}/recipients", 424242).with(as(Permission.CAMPAIGN_VIEW)), 404)
                .andExpect(jsonPath("$.kind").value("campaign"));
        refused(get(CAMPAIGNS + "/{id}/recipients", 424242).param("limit", "501").with(as(Permission.CAMPAIGN_VIEW)),
                400, "limit", "out_of_range");
        refused(get(CAMPAIGNS + "/{id}/recipients", 424242).param("status", "SENT,LOST").with(as(Permission.CAMPAIGN_VIEW)),
                400, "status", "unknown_status");
        refused(get(CAMPAIGNS + "/{id}/recipients", 424242).param("limit", "0").with(as(Permission.CAMPAIGN_VIEW)),
                400, "limit", "out_of_range");
        problem(get(CAMPAIGNS + "/{id}/recipients", 424242).param("after", "x").with(as(Permission.CAMPAIGN_VIEW)), 400);
        problem(get(CAMPAIGNS + "/{id}/stream", 424242).with(as(Permission.CAMPAIGN_VIEW)), 404);
        refused(get("/leads/whatsapp/messages").param("status", "GONE").with(as(Permission.CAMPAIGN_VIEW)),
                400, "status", "unknown_status");
        problem(get("/leads/whatsapp/messages").param("leadId", "abc").with(as(Permission.CAMPAIGN_VIEW)), 400);
        refused(get("/leads/whatsapp/messages").param("limit", "1000").with(as(Permission.CAMPAIGN_VIEW)),
                400, "limit", "out_of_range");
        refused(get("/leads/whatsapp/replies").param("limit", "-1").with(as(Permission.CAMPAIGN_VIEW)),
                400, "limit", "out_of_range");
        problem(get("/leads/{lead}/whatsapp/messages", 999).with(as(Permission.SEND)), 404)
                .andExpect(jsonPath("$.kind").value("lead"));
        refused(get("/leads/{lead}/whatsapp/messages", 1).param("before", "yesterday").with(as(Permission.SEND)),
                400, "before", "invalid_cursor");
        problem(get("/leads/{lead}/whatsapp/attachments", 999).with(as(Permission.SEND)), 404);
        problem(get("/leads/whatsapp/attachments/{id}", 989898).with(as(Permission.SEND)), 404)
                .andExpect(jsonPath("$.kind").value("attachment"));
        problem(get("/leads/whatsapp/attachments/{id}", "x").with(as(Permission.SEND)), 400);
    }

    @Test
    void consoleRoutes() throws Exception {
        String csv = "/leads/whatsapp/campaigns/target-csv";
        refused(multipart(csv).with(as(Permission.CAMPAIGN_CREATE)), 400, "file", "missing");
        refused(multipart(csv).file(new MockMultipartFile("file", "x.csv", "text/csv", new byte[0]))
                .with(as(Permission.CAMPAIGN_CREATE)), 400, "file", "empty");
        refused(multipart(csv).file(new MockMultipartFile("file", "leads.pdf", "application/pdf", TestFiles.pdf()))
                .with(as(Permission.CAMPAIGN_CREATE)), 400, "file", "type_not_allowed");
        refused(multipart(csv).file(new MockMultipartFile("file", "x.csv", "text/csv", new byte[] {(byte) 0xC3, 0x28}))
                .with(as(Permission.CAMPAIGN_CREATE)), 400, "file", "not_text");
        // leadreach.sending.max-bulk-leads=20 in these tests
        String tooMany = String.join("\n", IntStream.rangeClosed(1, 21).mapToObj(String::valueOf).toList());
        refused(multipart(csv).file(new MockMultipartFile("file", "x.csv", "text/csv", tooMany.getBytes()))
                .with(as(Permission.CAMPAIGN_CREATE)), 400, "file", "too_many");
        refused(multipart(csv).file(new MockMultipartFile("file", "x.csv", "text/csv", new byte[1024 * 1024 + 1]))
                .with(as(Permission.CAMPAIGN_CREATE)), 400, "file", "too_large");
        problem(post(csv).contentType(MediaType.APPLICATION_JSON).content("[1]").with(as(Permission.CAMPAIGN_CREATE)), 415);

        String test = "/leads/whatsapp/campaigns/test-send";
        refused(json(post(test), "{}", Permission.CAMPAIGN_CREATE), 400, "body", "blank");
        refused(json(post(test), "{\"body\":\"" + TOO_LONG + "\"}", Permission.CAMPAIGN_CREATE), 400, "body", "too_long");
        refused(json(post(test), "{\"templateId\":987654}", Permission.CAMPAIGN_CREATE), 400, "templateId", null);
        refused(json(post(test), "{\"body\":\"hi\",\"templateId\":987654}", Permission.CAMPAIGN_CREATE), 400, "body",
                "both_template_and_body");
        problem(json(post(test), "{\"body\":\"hi\",\"sampleLeadId\":999}", Permission.CAMPAIGN_CREATE), 404);
        problem(json(post(test), "{\"body\":", Permission.CAMPAIGN_CREATE), 400);
        problem(post(test).contentType(MediaType.TEXT_PLAIN).content("hi").with(as(Permission.CAMPAIGN_CREATE)), 415);

        String check = "/leads/whatsapp/bulk-send/check";
        refused(json(post(check), "{}", Permission.BULK_SEND), 400, "leadIds", "empty");
        refused(json(post(check), "{\"leadIds\":[]}", Permission.BULK_SEND), 400, "leadIds", "empty");
        String ids = IntStream.rangeClosed(1, 21).mapToObj(String::valueOf).reduce((a, b) -> a + "," + b).orElseThrow();
        refused(json(post(check), "{\"leadIds\":[" + ids + "]}", Permission.BULK_SEND), 400, "leadIds", "too_many");
        problem(json(post(check), "{\"leadIds\":[\"x\"]}", Permission.BULK_SEND), 400);
        refused(post(check).contentType(MediaType.APPLICATION_FORM_URLENCODED).param("lead_ids", "1,two")
                .with(as(Permission.BULK_SEND)), 400, null, "not_a_number");
        problem(post(check).contentType(MediaType.TEXT_PLAIN).content("1,2").with(as(Permission.BULK_SEND)), 415);
    }

    // --- templates --------------------------------------------------------------------------------

    @Test
    void templates() throws Exception {
        refused(json(post(TEMPLATES), "{\"name\":\"t\",\"category\":\"GREETING\"}", Permission.TEMPLATE_MANAGE),
                400, "body", null);
        refused(json(post(TEMPLATES), "{\"name\":\"long\",\"category\":\"GREETING\",\"body\":\"" + TOO_LONG + "\"}",
                Permission.TEMPLATE_MANAGE), 400, "body", "too_long");
        problem(json(post(TEMPLATES), "{\"name\":", Permission.TEMPLATE_MANAGE), 400);
        problem(post(TEMPLATES).contentType(MediaType.TEXT_PLAIN).content("x").with(as(Permission.TEMPLATE_MANAGE)), 415);
        problem(json(put(TEMPLATES + "/{id}", 515151), "{\"name\":\"t\",\"category\":\"GREETING\",\"body\":\"Hi\"}",
                Permission.TEMPLATE_MANAGE), 404);
        problem(get(TEMPLATES + "/{id}", 515151).with(as(Permission.TEMPLATE_MANAGE)), 404);
    }

    // --- automation dry run ------------------------------------------------------------------------

    @Test
    void automationDryRun() throws Exception {
        String dry = "/leads/whatsapp/automation-rules/dry-run";
        refused(post(dry).contentType(MediaType.APPLICATION_JSON).with(as(Permission.CAMPAIGN_CREATE)), 400, "body", "missing");
        refused(json(post(dry), "{\"trigger\":\"COLD_LEAD\",\"days\":0,\"templateId\":987654}",
                Permission.CAMPAIGN_CREATE), 400, "days", "not_positive");
        refused(json(post(dry), "{\"trigger\":\"COLD_LEAD\",\"days\":0,\"templateId\":987654}",
                Permission.CAMPAIGN_CREATE), 400, "templateId", "unknown_template");
        refused(json(post(dry), "{\"trigger\":\"NOW_AND_THEN\",\"templateId\":987654}", Permission.CAMPAIGN_CREATE),
                400, "trigger", "unknown_trigger");
        refused(json(post(dry), "{\"trigger\":\"BIRTHDAY\",\"templateId\":987654,\"limit\":0}",
                Permission.CAMPAIGN_CREATE), 400, "limit", "out_of_range");
        problem(json(post(dry), "{\"trigger\":", Permission.CAMPAIGN_CREATE), 400);
        problem(post(dry).contentType(MediaType.TEXT_PLAIN).content("x").with(as(Permission.CAMPAIGN_CREATE)), 415);
    }

    // --- helpers ----------------------------------------------------------------------------------

    private MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body, Permission p) {
        return request.contentType(MediaType.APPLICATION_JSON).content(body).with(as(p));
    }

    /** The request is refused with this status and (when given) this field and code among the errors; nothing changes. */
    private void refused(RequestBuilder request, int status, String field, String code) throws Exception {
        ResultActions result = problem(request, status);
        if (field != null) {
            result.andExpect(jsonPath("$.errors[?(@.field == '" + field + "')]").exists());
        }
        if (code != null) {
            result.andExpect(jsonPath("$.errors[?(@.code == '" + code + "')]").exists());
        }
    }

    /** The request is answered with an RFC 9457 problem of this status, and nothing was sent or stored. */
    private ResultActions problem(RequestBuilder request, int status) throws Exception {
        Snapshot before = snapshot();
        ResultActions result = mvc.perform(request)
                .andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.type").isNotEmpty());
        assertThat(snapshot()).as("sends and stored records after a refused request").isEqualTo(before);
        return result;
    }

    private record Snapshot(int sends, long messages, int campaigns, int templates, long attachments) {
    }

    private Snapshot snapshot() throws IOException {
        long files = 0;
        if (Files.isDirectory(ATTACHMENTS)) {
            try (Stream<Path> walk = Files.walk(ATTACHMENTS)) {
                files = walk.filter(Files::isRegularFile).count();
            }
        }
        return new Snapshot(transport.count(), messages.countCreatedBetween(Instant.EPOCH, Instant.parse("3000-01-01T00:00:00Z")),
                campaigns.list(Set.of()).size(), templates.findAll(false).size(), files);
    }

    private static MockMultipartFile sixMegabytes() {
        return new MockMultipartFile("attachment", "big.pdf", "application/pdf", TestFiles.pdfOfSize(6 * 1024 * 1024));
    }

    private static MockMultipartFile executable() {
        return new MockMultipartFile("attachment", "invoice.pdf", "application/pdf", TestFiles.windowsExecutable());
    }

    private static MockMultipartFile pdf() {
        return new MockMultipartFile("attachment", "quote.pdf", "application/pdf", TestFiles.pdf());
    }
}
