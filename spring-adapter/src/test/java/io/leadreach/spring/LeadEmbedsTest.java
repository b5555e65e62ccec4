package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.attachment.TestFiles;
import io.leadreach.lead.ConsentStore;
import io.leadreach.security.Permission;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The pieces a host embeds: the bulk-send modal, the pre-send check as HTML, a lead's WhatsApp
 * tab, and the one script, stylesheet and emoji set they need. Fragments are strict (no inline
 * script or style), permission-aware, under the host's context path; JSON clients keep their JSON.
 */
class LeadEmbedsTest extends ApiTestSupport {

    private static final String MODAL = "/leads/whatsapp/embed/bulk-send";
    private static final String CHECK = "/leads/whatsapp/bulk-send/check";
    private static final String BULK = "/leads/whatsapp/bulk-send";

    @Autowired
    ConsentStore consent;

    @Test
    void theBulkSendModalIsAStrictFragmentWithEveryControl() throws Exception {
        String html = mvc.perform(get(MODAL).accept(MediaType.TEXT_HTML).with(as(Permission.BULK_SEND)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"lre-bulk-modal\"", "id=\"lre-bulk-message\"", "id=\"lre-bulk-counter\"",
                        "id=\"lre-bulk-emoji\"", "id=\"lre-bulk-file\"", "id=\"lre-bulk-drop\"", "id=\"lre-bulk-when-later\"",
                        "id=\"lre-bulk-at\"", "id=\"lre-bulk-submit\"", "id=\"lre-bulk-check\"", "data-csrf-token=\"")
                .contains("data-max-bytes=\"5242880\"", "data-extensions=\".doc,.docx,.jpeg,.jpg,.pdf,.png\"")
                .contains("data-max-text=\"4096\"", "data-max-caption=\"1024\"")
                .doesNotContain("<html");
    }

    @Test
    void theModalAndTheCheckNeedTheBulkSendPermission() throws Exception {
        mvc.perform(get(MODAL).accept(MediaType.TEXT_HTML).with(as(Permission.SEND, Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isForbidden());
        mvc.perform(multipart(CHECK).param("lead_ids", "1,2").accept(MediaType.TEXT_HTML).with(as(Permission.SEND)))
                .andExpect(status().isForbidden());
        // Without a session a browser is sent to the login (the script sees the redirect and says so).
        mvc.perform(get(MODAL).accept(MediaType.TEXT_HTML)).andExpect(status().isFound());
        mvc.perform(get(MODAL).accept(MediaType.APPLICATION_JSON)).andExpect(status().isUnauthorized());
    }

    @Test
    void theCheckNeedsCsrf() throws Exception {
        mvc.perform(multipart(CHECK).param("lead_ids", "1,2").accept(MediaType.TEXT_HTML)
                        .with(user("maria").authorities(new SimpleGrantedAuthority(Permission.BULK_SEND.authority()))))
                .andExpect(status().isForbidden());
    }

    @Test
    void theCheckShowsTheCountAndTheSkipsByReasonAndApiClientsStillGetJson() throws Exception {
        consent.optOut("+12015550127", "keyword", clock.instant()); // lead 27
        try {
            String html = mvc.perform(multipart(CHECK).param("lead_ids", "25,26,27").accept(MediaType.TEXT_HTML)
                            .with(as(Permission.BULK_SEND)))
                    .andExpect(status().isOk())
                    .andExpect(ConsoleHtml.strictPage())
                    .andReturn().getResponse().getContentAsString();
            assertThat(html).contains("data-selected=\"3\"", "data-will-send=\"2\"", "data-skipped=\"1\"",
                    "data-lre-skip=\"OPTED_OUT\"", "opted out", "<li data-lead-id=\"25\">Lead 25</li>");

            mvc.perform(multipart(CHECK).param("lead_ids", "25,26,27").accept(MediaType.APPLICATION_JSON)
                            .with(as(Permission.BULK_SEND)))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.selected").value(3));
            mvc.perform(post(CHECK).contentType(MediaType.APPLICATION_JSON).content("{\"leadIds\":[25,26,27]}")
                            .with(as(Permission.BULK_SEND)))
                    .andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        } finally {
            consent.optIn("+12015550127", "test", clock.instant());
        }
    }

    @Test
    void theLeadTabShowsTheTimelineTheGalleryAndTheComposerToASender() throws Exception {
        mvc.perform(multipart("/leads/{lead}/whatsapp/send", 5).param("message", "Your quote, {name}")
                        .file(new MockMultipartFile("attachment", "quote.pdf", "application/pdf", TestFiles.pdf()))
                        .with(as(Permission.SEND)))
                .andExpect(status().isOk());
        mvc.perform(multipart("/leads/{lead}/whatsapp/send", 5).param("message", "A photo")
                        .file(new MockMultipartFile("attachment", "site.png", "image/png", TestFiles.png()))
                        .with(as(Permission.SEND)))
                .andExpect(status().isOk());
        String html = mvc.perform(get("/leads/{lead}/whatsapp/tab", 5).accept(MediaType.TEXT_HTML)
                        .with(as(Permission.SEND)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"lre-lead-tab\"", "data-lead-id=\"5\"", "id=\"lre-consent\"",
                        "data-opted-out=\"false\"", "id=\"lre-timeline\"", "Your quote, Lead 5", "data-lre-tick=\"SENT\"",
                        "maria", "<time datetime=\"2026-03-02T12:00:00Z\" data-lre-time>")
                .doesNotContain("lre-meta-from") // one sender number: the timeline does not name it
                .doesNotContain("lre-composer-from") // nor does the composer
                .contains("id=\"lre-gallery\"", "/leads/whatsapp/attachments/", "class=\"lre-thumb\"", "data-ext=\"pdf\"")
                .contains("id=\"lre-composer\"", "id=\"lre-composer-message\"", "id=\"lre-composer-send\"",
                        "id=\"lre-composer-file\"", "id=\"lre-composer-answer\"", "id=\"lre-composer-alternatives\"");
        // The gallery's links download, for a user who may see the lead.
        String link = html.replaceAll("(?s).*href=\"(/leads/whatsapp/attachments/\\d+)\" download=\"quote.pdf\".*", "$1");
        mvc.perform(get(link).with(as(Permission.SEND)))
                .andExpect(status().isOk())
                .andExpect(content().contentType("application/pdf"));
        mvc.perform(get(link).with(as(Permission.BULK_SEND))).andExpect(status().isForbidden());
    }

    @Test
    void aViewerSeesTheHistoryButNoSendControlsAndOthersAreRefused() throws Exception {
        mvc.perform(multipart("/leads/{lead}/whatsapp/send", 6).param("message", "Hello").with(as(Permission.SEND)))
                .andExpect(status().isOk());
        String html = mvc.perform(get("/leads/{lead}/whatsapp/tab", 6).accept(MediaType.TEXT_HTML)
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("id=\"lre-timeline\"", "Hello")
                .doesNotContain("id=\"lre-composer\"").doesNotContain("lre-composer-send").doesNotContain("data-lre-fill");
        mvc.perform(get("/leads/{lead}/whatsapp/tab", 6).accept(MediaType.TEXT_HTML).with(as(Permission.BULK_SEND)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/leads/{lead}/whatsapp/tab", 999).accept(MediaType.TEXT_HTML).with(as(Permission.SEND)))
                .andExpect(status().isNotFound());
    }

    @Test
    void anOptedOutLeadIsShownAsSuchWithWhoOptedItOut() throws Exception {
        consent.optOut("+12015550128", "keyword", clock.instant()); // lead 28
        try {
            String html = mvc.perform(get("/leads/{lead}/whatsapp/tab", 28).accept(MediaType.TEXT_HTML)
                            .with(as(Permission.SEND)))
                    .andExpect(status().isOk())
                    .andReturn().getResponse().getContentAsString();
            assertThat(html).contains("data-opted-out=\"true\"", "id=\"lre-consent-detail\"",
                    "by the lead, by replying a stop keyword");
        } finally {
            consent.optIn("+12015550128", "test", clock.instant());
        }
    }

    @Test
    void quickTemplatesFillTheComposerAndASenderMaySendALibraryTemplate() throws Exception {
        String created = mvc.perform(post("/leads/whatsapp/templates").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Embed greeting\",\"category\":\"GREETING\",\"body\":\"Hi {name}, welcome!\"}")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(created.replaceAll("(?s)^\\{\"id\":(\\d+),.*", "$1"));
        try {
            String html = mvc.perform(get("/leads/{lead}/whatsapp/tab", 7).accept(MediaType.TEXT_HTML)
                            .with(as(Permission.SEND)))
                    .andReturn().getResponse().getContentAsString();
            assertThat(html).contains("id=\"lre-quick-templates\"", "data-template-id=\"" + id + "\"",
                    "data-body=\"Hi {name}, welcome!\"", "id=\"lre-composer-template\"");
            mvc.perform(multipart("/leads/{lead}/whatsapp/send", 7).param("template_id", String.valueOf(id))
                            .with(as(Permission.SEND)))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("SENT"));
            mvc.perform(multipart("/leads/{lead}/whatsapp/send", 7).param("template_id", String.valueOf(id))
                            .param("message", "and this").with(as(Permission.SEND)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].code").value("not_with_message"));
        } finally {
            mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                    .delete("/leads/whatsapp/templates/{id}", id).with(as(Permission.TEMPLATE_MANAGE)));
        }
    }

    @Test
    void olderTimelineEntriesComeAsAFragmentOfTheirOwn() throws Exception {
        mvc.perform(multipart("/leads/{lead}/whatsapp/send", 8).param("message", "First").with(as(Permission.SEND)))
                .andExpect(status().isOk());
        String tab = mvc.perform(get("/leads/{lead}/whatsapp/tab", 8).accept(MediaType.TEXT_HTML)
                        .with(as(Permission.SEND))).andReturn().getResponse().getContentAsString();
        assertThat(tab).doesNotContain("id=\"lre-timeline-older\""); // one message: one page
        mvc.perform(get("/leads/{lead}/whatsapp/tab", 8).param("before", "not-a-cursor").accept(MediaType.TEXT_HTML)
                        .with(as(Permission.SEND)))
                .andExpect(status().isBadRequest());
    }

    @Test
    void linksInTheFragmentsFollowTheContextPath() throws Exception {
        mvc.perform(multipart("/leads/{lead}/whatsapp/send", 9).param("message", "Hi")
                        .file(new MockMultipartFile("attachment", "a.jpg", "image/jpeg", TestFiles.jpeg()))
                        .with(as(Permission.SEND)))
                .andExpect(status().isOk());
        String html = mvc.perform(get("/crm/leads/{lead}/whatsapp/tab", 9).contextPath("/crm").accept(MediaType.TEXT_HTML)
                        .with(as(Permission.SEND)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(html).contains("data-send-url=\"/crm/leads/9/whatsapp/send\"", "href=\"/crm/leads/whatsapp/attachments/",
                "data-lre-tab-url=\"/crm/leads/9/whatsapp/tab\"").doesNotContain("\"/leads/");
    }

    @Test
    void aScheduledBulkSendIsAJobThatWaitsForItsTimeAndCanBeCancelled() throws Exception {
        String at = clock.instant().plus(Duration.ofHours(3)).toString();
        int before = transport.count();
        mvc.perform(multipart(BULK).param("lead_ids", "11,12,13").param("message", "Later, {name}")
                        .param("scheduled_at", at).with(as(Permission.BULK_SEND)))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.status").value("SCHEDULED"));
        String job = mvc.perform(multipart(BULK).param("lead_ids", "14").param("message", "Later")
                        .param("scheduled_at", "2026-03-02T20:00:00+05:30").with(as(Permission.BULK_SEND)))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        long id = Long.parseLong(job.replaceAll("(?s).*\"jobId\":(\\d+).*", "$1"));
        mvc.perform(get("/leads/whatsapp/jobs/{id}", id).with(as(Permission.BULK_SEND)))
                .andExpect(jsonPath("$.state").value("SCHEDULED"))
                .andExpect(jsonPath("$.pending").value(1))
                .andExpect(jsonPath("$.finished").value(false));
        mvc.perform(post("/leads/whatsapp/jobs/{id}/cancel", id).with(as(Permission.BULK_SEND)))
                .andExpect(jsonPath("$.state").value("CANCELLED"))
                .andExpect(jsonPath("$.cancelled").value(1))
                .andExpect(jsonPath("$.finished").value(true));
        assertThat(transport.count()).isEqualTo(before);
    }

    @Test
    void aScheduledTimeMustBeAFutureTimeWithItsOffset() throws Exception {
        for (String[] bad : new String[][] {{"tomorrow", "not_a_time"}, {"2026-03-02T18:00", "not_a_time"},
                {"2026-03-01T12:00:00Z", "in_the_past"}}) {
            mvc.perform(multipart(BULK).param("lead_ids", "1").param("message", "Hi").param("scheduled_at", bad[0])
                            .with(as(Permission.BULK_SEND)))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors[0].field").value("scheduledAt"))
                    .andExpect(jsonPath("$.errors[0].code").value(bad[1]));
        }
    }

    @Test
    void theScriptTheStylesheetAndTheEmojiAreServedFromTheJarToAnyone() throws Exception {
        mvc.perform(get("/leads/whatsapp/assets/leadreach-embed.js"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("window.LeadReachEmbed")));
        mvc.perform(get("/leads/whatsapp/assets/leadreach-embed.css"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString(".lre-root")));
        mvc.perform(get("/leads/whatsapp/assets/leadreach-emoji.json"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].group").value("Smileys"))
                .andExpect(jsonPath("$[0].emoji[0][1]").value("grinning"));
    }
}
