package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.automation.AutomationEngine;
import io.leadreach.automation.AutomationRule;
import io.leadreach.automation.AutomationRuleSpec;
import io.leadreach.automation.AutomationTrigger;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The automation pages: the rule list for viewers (no actions) and writers, the editor with its dry
 * run (who would get what now, nothing recorded), form posts to the API's own paths with errors
 * beside their fields, CSRF on every change, JSON kept for API clients.
 */
class AutomationRulePagesTest extends ApiTestSupport {

    private static final String RULES = "/leads/whatsapp/automation-rules";
    private static final String BROWSER = AnalyticsPageTest.BROWSER;
    private static final Actor ADMIN = Actor.of("admin", Permission.values());

    @Autowired
    AutomationEngine automation;

    private long template(String name) throws Exception {
        String json = mvc.perform(post("/leads/whatsapp/templates").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"category\":\"FOLLOW_UP\",\"body\":\"Hi {first_name}, still interested?\"}")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonMapper.builder().build().readTree(json).path("id").asLong();
    }

    private AutomationRule rule(String name, boolean active) throws Exception {
        return automation.createRule(ADMIN, AutomationRuleSpec.builder().name(name).trigger(AutomationTrigger.COLD_LEAD)
                .days(30).templateId(template("Rule template " + System.nanoTime())).active(active).build());
    }

    private static MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder r) {
        return r.contentType(MediaType.APPLICATION_FORM_URLENCODED).header("Accept", BROWSER);
    }

    @Test
    void aViewerSeesTheRulesWithoutAnyActionAndAWriterWithThem() throws Exception {
        AutomationRule off = rule("Wake cold leads " + System.nanoTime(), false);
        String viewer = mvc.perform(get(RULES).header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk()).andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(viewer).contains("<h1>Automation rules</h1>", off.name(), "No activity at all for 30 days", "Rule template")
                .doesNotContain("id=\"lr-new-rule\"").doesNotContain("data-action=").doesNotContain("hx-delete");

        String writer = mvc.perform(get(RULES).header("Accept", BROWSER)
                        .with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        String row = writer.substring(writer.indexOf("id=\"lr-rule-" + off.id() + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(writer).contains("id=\"lr-new-rule\"");
        assertThat(row).contains("data-action=\"edit\"", "data-action=\"activate\"", "data-action=\"delete\"",
                "hx-confirm=\"Delete rule", "/automation-rules/" + off.id() + "/edit?activate");

        mvc.perform(get(RULES).header("Accept", BROWSER).with(as(Permission.ANALYTICS_VIEW)))
                .andExpect(status().isForbidden());
    }

    @Test
    void theEditorNeedsTheCreatePermissionAndRunsTheDryRunBesideTheForm() throws Exception {
        AutomationRule r = rule("Edit me " + System.nanoTime(), false);
        mvc.perform(get(RULES + "/new").header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isForbidden());
        // A viewer sees the rule's page read-only: no save, no dry run.
        String readOnly = mvc.perform(get(RULES + "/{id}/edit", r.id()).header("Accept", BROWSER)
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk()).andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(readOnly).contains("id=\"lr-read-only\"", "class=\"lr-plain\" disabled", r.name())
                .doesNotContain("id=\"lr-r-save\"").doesNotContain("dry-run");
        mvc.perform(get(RULES + "/{id}/edit", r.id()).header("Accept", BROWSER).with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isForbidden());
        mvc.perform(get(RULES + "/515151/edit").header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isNotFound()).andExpect(content().string(containsString("Rule not found")));
        mvc.perform(get(RULES + "/new").header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk()).andExpect(ConsoleHtml.strictPage())
                .andExpect(content().string(containsString("hx-post=\"/leads/whatsapp/automation-rules\"")))
                .andExpect(content().string(containsString("hx-post=\"/leads/whatsapp/automation-rules/dry-run\"")))
                .andExpect(content().string(containsString("hx-trigger=\"click, load, change from:#lr-rule-fields delay:400ms\"")))
                .andExpect(content().string(containsString("automation-editor.js")));
        String edit = mvc.perform(get(RULES + "/{id}/edit", r.id()).param("activate", "").header("Accept", BROWSER)
                        .with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk()).andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(edit).doesNotContain("lr-read-only").contains("id=\"lr-r-save\"", "hx-put=\"/leads/whatsapp/automation-rules/" + r.id() + "\"",
                "name=\"ruleId\" value=\"" + r.id() + "\"", "value=\"30\"");
        assertThat(edit.replaceAll("\\s+", " ")).contains("id=\"lr-r-active\" checked");
    }

    @Test
    void theDryRunSaysWhoWouldGetWhatAndRecordsNothing() throws Exception {
        long templateId = template("Dry run page " + System.nanoTime());
        clock.set(TestApplication.NOON.plus(Duration.ofDays(400)));
        int rules = automation.listRules(ADMIN, false).size();
        int sends = transport.count();
        String panel = mvc.perform(form(post(RULES + "/dry-run")).header("HX-Request", "true")
                        .param("trigger", "COLD_LEAD").param("days", "30").param("templateId", String.valueOf(templateId))
                        .param("statuses", "qualified").param("active", "true")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk()).andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(panel).doesNotContain("<html").contains("id=\"lr-dry-run-result\"", "would message", "Hi Lead",
                "Showing the first 10");
        assertThat(automation.listRules(ADMIN, false)).hasSize(rules);
        assertThat(transport.count()).isEqualTo(sends);

        mvc.perform(form(post(RULES + "/dry-run")).header("HX-Request", "true").param("trigger", "STATUS_CHANGED")
                        .param("toStatus", "won").param("templateId", String.valueOf(templateId))
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(content().string(containsString("no lead is due now")));
        mvc.perform(form(post(RULES + "/dry-run")).header("HX-Request", "true").param("trigger", "COLD_LEAD")
                        .param("days", "0").with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"lr-dry-run-errors\"")))
                .andExpect(content().string(containsString("data-field=\"days\"")))
                .andExpect(content().string(containsString("data-field=\"templateId\"")));
        mvc.perform(form(post(RULES + "/dry-run")).param("trigger", "BIRTHDAY").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isForbidden());
    }

    @Test
    void aRuleIsCreatedAndEditedFromTheFormAndErrorsAreShownBesideTheirFields() throws Exception {
        long templateId = template("Form rule template " + System.nanoTime());
        String name = "Form rule " + System.nanoTime();
        int before = automation.listRules(ADMIN, false).size();
        String page = mvc.perform(form(post(RULES)).param("name", name).param("trigger", "RENEWAL_DUE").param("days", "0")
                        .param("templateId", "").with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isBadRequest()).andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"lr-form-errors\"", "id=\"lr-r-days-error\"", "days must be at least 1",
                "id=\"lr-r-template-error\"", "value=\"" + name + "\"");
        mvc.perform(form(post(RULES)).header("HX-Request", "true").param("name", name).param("trigger", "STATUS_CHANGED")
                        .param("templateId", String.valueOf(templateId)).with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"lr-r-to-error\"")));
        assertThat(automation.listRules(ADMIN, false)).hasSize(before);

        mvc.perform(form(post(RULES)).param("name", name).param("trigger", "NO_REPLY_AFTER_DAYS").param("days", "3")
                        .param("templateId", String.valueOf(templateId)).param("sources", "web, fair")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", startsWith(RULES + "?saved=")));
        AutomationRule created = automation.listRules(ADMIN, false).stream().filter(r -> r.name().equals(name))
                .findFirst().orElseThrow();
        assertThat(created.active()).isFalse();
        assertThat(created.days()).isEqualTo(3);
        assertThat(created.criteria().sources()).containsExactlyInAnyOrder("web", "fair");

        mvc.perform(form(put(RULES + "/{id}", created.id())).header("HX-Request", "true").param("name", name)
                        .param("trigger", "NO_REPLY_AFTER_DAYS").param("days", "5")
                        .param("templateId", String.valueOf(templateId)).param("active", "true")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Redirect", startsWith(RULES + "?saved=")));
        AutomationRule edited = automation.getRule(ADMIN, created.id());
        assertThat(edited.active()).isTrue();
        assertThat(edited.days()).isEqualTo(5);
        assertThat(edited.criteria().sources()).isEmpty();
    }

    @Test
    void everyChangeNeedsCsrfAndDeleteFromTheListRemovesTheRow() throws Exception {
        AutomationRule r = rule("Delete rule " + System.nanoTime(), false);
        var noCsrf = user("maria").authorities(new SimpleGrantedAuthority(Permission.CAMPAIGN_CREATE.authority()));
        mvc.perform(form(post(RULES)).param("name", "No token").with(noCsrf)).andExpect(status().isForbidden());
        mvc.perform(form(put(RULES + "/{id}", r.id())).param("name", "No token").with(noCsrf))
                .andExpect(status().isForbidden());
        mvc.perform(form(post(RULES + "/dry-run")).param("trigger", "BIRTHDAY").with(noCsrf))
                .andExpect(status().isForbidden());
        mvc.perform(delete(RULES + "/{id}", r.id()).header("Accept", "text/html").with(noCsrf))
                .andExpect(status().isForbidden());
        assertThat(automation.getRule(ADMIN, r.id()).name()).isEqualTo(r.name());

        mvc.perform(delete(RULES + "/{id}", r.id()).header("Accept", "text/html").header("HX-Request", "true")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk()).andExpect(content().string(""));
        assertThat(automation.listRules(ADMIN, false)).noneMatch(x -> x.id() == r.id());
    }

    @Test
    void apiClientsStillGetJsonAtTheSamePaths() throws Exception {
        AutomationRule r = rule("Json rule " + System.nanoTime(), true);
        mvc.perform(get(RULES).accept(MediaType.APPLICATION_JSON).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$[?(@.id == " + r.id() + ")].name").exists());
        mvc.perform(get(RULES).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(delete(RULES + "/{id}", r.id()).with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isNoContent());
    }
}
