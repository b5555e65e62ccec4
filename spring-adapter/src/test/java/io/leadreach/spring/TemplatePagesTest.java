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

import io.leadreach.security.Permission;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateStore;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;

/**
 * The template manager: the library by category with usage and binding status, the editor with
 * variable buttons, counter and bubble preview, form posts to the API's own paths with errors shown
 * beside their fields, delete with a confirmation, CSRF on every change, JSON kept for API clients.
 */
class TemplatePagesTest extends ApiTestSupport {

    private static final String TEMPLATES = "/leads/whatsapp/templates";
    private static final String BROWSER = AnalyticsPageTest.BROWSER;

    @Autowired
    TemplateStore store;

    private long createJson(String name, String category, String body) throws Exception {
        String json = mvc.perform(post(TEMPLATES).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"category\":\"" + category + "\",\"body\":\"" + body + "\"}")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonMapper.builder().build().readTree(json).path("id").asLong();
    }

    private static MockHttpServletRequestBuilder form(MockHttpServletRequestBuilder r) {
        return r.contentType(MediaType.APPLICATION_FORM_URLENCODED).header("Accept", BROWSER);
    }

    @Test
    void theListGroupsTemplatesByCategoryWithUsageCountsAndBindingStatus() throws Exception {
        long id = createJson("Renewal reminder pages", "REMINDER", "Hi {name}, your renewal is due");
        MessageTemplate t = store.findById(id).orElseThrow();
        store.save(t.withBinding(new WhatsAppTemplateBinding("renewal_due", "en_US", List.of("name"))
                .withStatus("REJECTED", clock.instant())));
        String page = mvc.perform(get(TEMPLATES).header("Accept", BROWSER).with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("<h1>Message templates</h1>", "id=\"lr-group-GREETING\"", "id=\"lr-group-FOLLOW_UP\"",
                "id=\"lr-group-REMINDER\"", "id=\"lr-group-PROMOTIONAL\"", "id=\"lr-new-template\"");
        // Categories in words: "Follow-up", hyphenated as English writes the noun.
        assertThat(page).contains("<h2>Follow-up <span", "Follow-up</option>").doesNotContain("Follow up");
        String group = page.substring(page.indexOf("id=\"lr-group-REMINDER\""), page.indexOf("id=\"lr-group-PROMOTIONAL\""));
        String row = group.substring(group.indexOf("id=\"lr-template-" + id + "\""));
        row = row.substring(0, row.indexOf("</tr>"));
        assertThat(row).contains("Renewal reminder pages", "data-usage=\"0\"", "renewal_due", "en_US", "Rejected",
                "hx-delete=\"/leads/whatsapp/templates/" + id + "\"", "hx-confirm=\"Delete template",
                "href=\"/leads/whatsapp/templates/" + id + "/edit\"");

        mvc.perform(get(TEMPLATES).param("category", "REMINDER").header("Accept", BROWSER)
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(content().string(containsString("id=\"lr-group-REMINDER\"")));
    }

    @Test
    void everyTemplatePageNeedsTheTemplatePermission() throws Exception {
        long id = createJson("Permission check " + System.nanoTime(), "GREETING", "Hello");
        for (String path : new String[] {TEMPLATES, TEMPLATES + "/new", TEMPLATES + "/" + id + "/edit"}) {
            mvc.perform(get(path).header("Accept", BROWSER).with(as(Permission.CAMPAIGN_VIEW, Permission.CAMPAIGN_CREATE)))
                    .andExpect(status().isForbidden());
            mvc.perform(get(path).header("Accept", BROWSER).with(as(Permission.TEMPLATE_MANAGE)))
                    .andExpect(status().isOk()).andExpect(ConsoleHtml.strictPage());
        }
        mvc.perform(get(TEMPLATES + "/515151/edit").header("Accept", BROWSER).with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isNotFound())
                .andExpect(content().string(containsString("Template not found")));
    }

    @Test
    void theEditorHasVariableButtonsACounterAndTheBubblePreview() throws Exception {
        String page = mvc.perform(get(TEMPLATES + "/new").header("Accept", BROWSER).with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk()).andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        for (String v : new String[] {"name", "mobile", "assigned_to", "source", "product_interest"}) {
            assertThat(page).contains("data-insert=\"{" + v + "}\"");
        }
        assertThat(page).contains("aria-live=\"polite\">0 / 4,096</div>", "Follow-up</option>");
        assertThat(page).contains("id=\"lr-t-counter\"", "data-max=\"4096\"", "class=\"lr-phone\"",
                "class=\"lr-bubble\" id=\"lr-t-preview\"", "template-editor.js", "name=\"bindingName\"",
                "name=\"bindingLanguage\"", "name=\"bindingParameters\"", "name=\"active\"",
                "hx-post=\"/leads/whatsapp/templates\"", "name=\"_csrf\"");
        // The preview's sample lead: its variables as JSON in the attribute.
        assertThat(page).contains("data-sample=\"{&#34;assigned_to&#34;:");
        assertThat(page).contains("&#34;name&#34;:&#34;Lead 1&#34;");
    }

    @Test
    void aTemplateIsCreatedAndEditedFromTheFormWithItsBinding() throws Exception {
        String name = "Form made " + System.nanoTime();
        mvc.perform(form(post(TEMPLATES)).param("name", name).param("category", "PROMOTIONAL")
                        .param("body", "Hi {name}, see our {product_interest} offer").param("active", "true")
                        .param("bindingName", "spring_offer").param("bindingLanguage", "en_US")
                        .param("bindingParameters", "name, {product_interest}")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", startsWith("/leads/whatsapp/templates?saved=")));
        MessageTemplate saved = store.findByName(name).orElseThrow();
        assertThat(saved.binding()).isEqualTo(new WhatsAppTemplateBinding("spring_offer", "en_US",
                List.of("name", "product_interest")));
        assertThat(saved.active()).isTrue();

        String edit = mvc.perform(get(TEMPLATES + "/{id}/edit", saved.id()).header("Accept", BROWSER)
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(edit).contains("hx-put=\"/leads/whatsapp/templates/" + saved.id() + "\"",
                "value=\"spring_offer\"", "value=\"name, product_interest\"", "id=\"lr-binding-status\"", "Not reported");

        // htmx sends the edit as a form-encoded PUT; unticking "active" switches the template off.
        mvc.perform(form(put(TEMPLATES + "/{id}", saved.id())).header("HX-Request", "true").param("name", name)
                        .param("category", "PROMOTIONAL").param("body", "Hi {first_name}!")
                        .param("bindingName", "").param("bindingLanguage", "").param("bindingParameters", "")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk())
                .andExpect(header().string("HX-Redirect", startsWith("/leads/whatsapp/templates?saved=")));
        MessageTemplate edited = store.findById(saved.id()).orElseThrow();
        assertThat(edited.body()).isEqualTo("Hi {first_name}!");
        assertThat(edited.active()).isFalse();
        assertThat(edited.binding()).isNull();
    }

    @Test
    void formErrorsAreShownBesideTheirFieldsAndNothingIsSaved() throws Exception {
        int before = store.findAll(false).size();
        String page = mvc.perform(form(post(TEMPLATES)).param("name", "").param("category", "GREETING")
                        .param("body", "Hi {nickname}").with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isBadRequest())
                .andExpect(ConsoleHtml.strictPage())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"lr-form-errors\"", "id=\"lr-t-name-error\"", "a template needs a name",
                "id=\"lr-t-body-error\"", "unknown variable {nickname}", ">Hi {nickname}</textarea>");
        assertThat(page.indexOf("id=\"lr-t-name-error\"")).isGreaterThan(page.indexOf("id=\"lr-t-name\""))
                .isLessThan(page.indexOf("id=\"lr-t-category\""));

        // Through htmx the form comes back as the fragment to swap, with a 200 so that htmx swaps it.
        String fragment = mvc.perform(form(post(TEMPLATES)).header("HX-Request", "true").param("name", "Half bound")
                        .param("category", "GREETING").param("body", "Hi").param("bindingName", "half_bound")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(fragment).doesNotContain("<html").contains("id=\"lr-template-form\"", "id=\"lr-t-blang-error\"",
                "a binding needs a language");
        mvc.perform(form(post(TEMPLATES)).header("HX-Request", "true").param("name", "Bad binding")
                        .param("category", "GREETING").param("body", "Hi").param("bindingName", "Bad Name")
                        .param("bindingLanguage", "english").param("bindingParameters", "name, shoe_size")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(content().string(containsString("id=\"lr-t-bname-error\"")))
                .andExpect(content().string(containsString("id=\"lr-t-blang-error\"")))
                .andExpect(content().string(containsString("id=\"lr-t-bparams-error\"")));
        assertThat(store.findAll(false)).hasSize(before);
    }

    @Test
    void deleteFromTheListAnswersAnEmptyRowAndEveryChangeNeedsCsrf() throws Exception {
        long id = createJson("Delete me " + System.nanoTime(), "FOLLOW_UP", "Bye {name}");
        var noCsrf = user("maria").authorities(new SimpleGrantedAuthority(Permission.TEMPLATE_MANAGE.authority()));
        mvc.perform(form(post(TEMPLATES)).param("name", "No token").param("category", "GREETING").param("body", "Hi")
                .with(noCsrf)).andExpect(status().isForbidden());
        mvc.perform(form(put(TEMPLATES + "/{id}", id)).param("name", "No token").param("category", "GREETING")
                .param("body", "Hi").with(noCsrf)).andExpect(status().isForbidden());
        mvc.perform(delete(TEMPLATES + "/{id}", id).header("Accept", "text/html").header("HX-Request", "true")
                .with(noCsrf)).andExpect(status().isForbidden());
        assertThat(store.findById(id)).isPresent();
        assertThat(store.findByName("No token")).isEmpty();

        mvc.perform(delete(TEMPLATES + "/{id}", id).header("Accept", "text/html").header("HX-Request", "true")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk())
                .andExpect(content().string(""));
        assertThat(store.findById(id)).isEmpty();
    }

    @Test
    void apiClientsStillGetJsonAtTheSamePaths() throws Exception {
        long id = createJson("Json still " + System.nanoTime(), "GREETING", "Hello {name}");
        mvc.perform(get(TEMPLATES).accept(MediaType.APPLICATION_JSON).with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$[?(@.id == " + id + ")].name").exists());
        mvc.perform(get(TEMPLATES).with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
        mvc.perform(delete(TEMPLATES + "/{id}", id).with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isNoContent());
    }
}
