package io.leadreach.spring;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.leadreach.security.Permission;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.ResultActions;
import tools.jackson.databind.json.JsonMapper;

class TemplateApiTest extends ApiTestSupport {

    private static final String TEMPLATES = "/leads/whatsapp/templates";

    private ResultActions create(String json) throws Exception {
        return mvc.perform(post(TEMPLATES).contentType(MediaType.APPLICATION_JSON).content(json)
                .with(as(Permission.TEMPLATE_MANAGE)));
    }

    private long createdId(String name) throws Exception {
        String json = create("{\"name\":\"" + name + "\",\"category\":\"greeting\",\"body\":\"Hello {first_name}\"}")
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonMapper.builder().build().readTree(json).path("id").asLong();
    }

    @Test
    void createdTemplateCanBeReadListedUpdatedAndDeleted() throws Exception {
        create("{\"name\":\"Welcome\",\"category\":\"GREETING\",\"body\":\"Hello {first_name}\","
                + "\"binding\":{\"name\":\"welcome_v1\",\"language\":\"en_US\",\"parameters\":[\"first_name\"]}}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith(TEMPLATES + "/")))
                .andExpect(jsonPath("$.name").value("Welcome"))
                .andExpect(jsonPath("$.category").value("GREETING"))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.usageCount").value(0))
                .andExpect(jsonPath("$.createdBy").value("maria"))
                .andExpect(jsonPath("$.binding.name").value("welcome_v1"));
        long id = createdId("Follow-up one");

        mvc.perform(get(TEMPLATES + "/{id}", id).with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.body").value("Hello {first_name}"));
        mvc.perform(get(TEMPLATES).param("category", "GREETING").with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name", hasItem("Follow-up one")));

        mvc.perform(put(TEMPLATES + "/{id}", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Follow-up one\",\"category\":\"FOLLOW_UP\",\"body\":\"Still keen on {product_interest}?\","
                                + "\"active\":false}")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.category").value("FOLLOW_UP"))
                .andExpect(jsonPath("$.active").value(false));
        mvc.perform(get(TEMPLATES).param("activeOnly", "true").with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[?(@.name == 'Follow-up one')]").isEmpty());

        mvc.perform(delete(TEMPLATES + "/{id}", id).with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isNoContent());
        mvc.perform(get(TEMPLATES + "/{id}", id).with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isNotFound());
    }

    @Test
    void unknownVariableIsA400NamingEveryFieldAtFault() throws Exception {
        create("{\"name\":\"\",\"category\":\"GREETING\",\"body\":\"Hi {nme}\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'body')].code").value(hasItem("unknown_variable")))
                .andExpect(jsonPath("$.errors[?(@.field == 'name')].code").value(hasItem("blank")));
    }

    @Test
    void unknownCategoryAndBadBindingAreRefusedBeforeTheService() throws Exception {
        create("{\"name\":\"Odd\",\"category\":\"spam\",\"body\":\"Hi\",\"binding\":{\"name\":\" \"}}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'category')].code").value(hasItem("unknown_category")))
                .andExpect(jsonPath("$.errors[?(@.field == 'binding.name')].code").value(hasItem("blank")))
                .andExpect(jsonPath("$.errors[?(@.field == 'binding.language')].code").value(hasItem("blank")));
    }

    @Test
    void duplicateNameIsAConflict() throws Exception {
        createdId("Reminder A");
        create("{\"name\":\"Reminder A\",\"category\":\"REMINDER\",\"body\":\"See you soon\"}")
                .andExpect(status().isConflict())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].code").value("duplicate_name"));
        long other = createdId("Reminder B");
        mvc.perform(put(TEMPLATES + "/{id}", other).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Reminder A\",\"category\":\"REMINDER\",\"body\":\"See you soon\"}")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isConflict());
    }

    @Test
    void updatingAnUnknownTemplateIs404() throws Exception {
        mvc.perform(put(TEMPLATES + "/{id}", 987654).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Ghost\",\"category\":\"REMINDER\",\"body\":\"Boo\"}")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isNotFound());
    }
}
