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

class AutomationRuleApiTest extends ApiTestSupport {

    private static final String RULES = "/leads/whatsapp/automation-rules";

    private long template(String name) throws Exception {
        String json = mvc.perform(post("/leads/whatsapp/templates").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"" + name + "\",\"category\":\"FOLLOW_UP\",\"body\":\"Hi {first_name}\"}")
                        .with(as(Permission.TEMPLATE_MANAGE)))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        return JsonMapper.builder().build().readTree(json).path("id").asLong();
    }

    private ResultActions create(String json) throws Exception {
        return mvc.perform(post(RULES).contentType(MediaType.APPLICATION_JSON).content(json)
                .with(as(Permission.CAMPAIGN_CREATE)));
    }

    @Test
    void aRuleCanBeCreatedReadListedUpdatedAndDeleted() throws Exception {
        long templateId = template("Automation follow-up " + System.nanoTime());
        String json = create("{\"name\":\"Cold leads\",\"trigger\":\"cold_lead\",\"days\":30,\"templateId\":"
                + templateId + ",\"criteria\":{\"sources\":[\"web\"]}}")
                .andExpect(status().isCreated())
                .andExpect(header().string("Location", startsWith(RULES + "/")))
                .andExpect(jsonPath("$.trigger").value("COLD_LEAD"))
                .andExpect(jsonPath("$.days").value(30))
                .andExpect(jsonPath("$.active").value(true))
                .andExpect(jsonPath("$.criteria.sources[0]").value("web"))
                .andReturn().getResponse().getContentAsString();
        long id = JsonMapper.builder().build().readTree(json).path("id").asLong();

        mvc.perform(get(RULES + "/{id}", id).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$.name").value("Cold leads"));
        mvc.perform(get(RULES).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[*].id", hasItem((int) id)));

        mvc.perform(put(RULES + "/{id}", id).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\"Colder leads\",\"trigger\":\"COLD_LEAD\",\"days\":60,\"templateId\":"
                                + templateId + ",\"active\":false}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.days").value(60))
                .andExpect(jsonPath("$.active").value(false));
        mvc.perform(get(RULES).param("activeOnly", "true").with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isOk()).andExpect(jsonPath("$[?(@.id == " + id + ")]").isEmpty());

        mvc.perform(delete(RULES + "/{id}", id).with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isNoContent());
        mvc.perform(get(RULES + "/{id}", id).with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isNotFound());
    }

    @Test
    void aDryRunOfARuleBeingEditedSaysWhoWouldGetWhatAndRecordsNothing() throws Exception {
        long templateId = template("Dry run follow-up " + System.nanoTime());
        clock.set(TestApplication.NOON.plus(java.time.Duration.ofDays(400)));
        int sends = transport.count();
        String rules = mvc.perform(get(RULES).with(as(Permission.CAMPAIGN_VIEW))).andReturn().getResponse()
                .getContentAsString();
        String json = mvc.perform(post(RULES + "/dry-run").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"trigger\":\"COLD_LEAD\",\"days\":30,\"templateId\":" + templateId
                                + ",\"criteria\":{\"statuses\":[\"qualified\"]},\"limit\":3}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.sample.length()").value(3))
                .andExpect(jsonPath("$.sample[0].text").value(startsWith("Hi Lead")))
                .andExpect(jsonPath("$.complete").value(false))
                .andExpect(jsonPath("$.eventDriven").value(false))
                .andReturn().getResponse().getContentAsString();
        var tree = JsonMapper.builder().build().readTree(json);
        // The 15 qualified leads (even ids) are due, or opted out by another test.
        org.assertj.core.api.Assertions.assertThat(tree.path("leads").asLong() + tree.path("optedOut").asLong())
                .isEqualTo(TestApplication.LEADS / 2);
        org.assertj.core.api.Assertions.assertThat(tree.path("sample").get(0).path("leadId").asLong() % 2).isZero();
        mvc.perform(get(RULES).with(as(Permission.CAMPAIGN_VIEW))).andExpect(content().json(rules));
        org.assertj.core.api.Assertions.assertThat(transport.count()).isEqualTo(sends);

        mvc.perform(post(RULES + "/dry-run").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"trigger\":\"STATUS_CHANGED\",\"toStatus\":\"won\",\"templateId\":" + templateId + "}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.eventDriven").value(true))
                .andExpect(jsonPath("$.leads").value(0));
        mvc.perform(post(RULES + "/dry-run").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"ruleId\":987654,\"trigger\":\"BIRTHDAY\",\"templateId\":" + templateId + "}")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isNotFound());
        mvc.perform(post(RULES + "/dry-run").contentType(MediaType.APPLICATION_JSON).content("{}")
                        .with(as(Permission.CAMPAIGN_VIEW)))
                .andExpect(status().isForbidden());
    }

    @Test
    void badRulesAre400sNamingEveryFieldAtFault() throws Exception {
        create("{\"name\":\"x\",\"trigger\":\"RENEWAL_DUE\",\"days\":0,\"templateId\":999999}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[?(@.field == 'days')].code").value(hasItem("not_positive")))
                .andExpect(jsonPath("$.errors[?(@.field == 'templateId')].code").value(hasItem("unknown_template")));
        create("{\"name\":\"x\",\"trigger\":\"SOMETIMES\",\"templateId\":1}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[?(@.field == 'trigger')].code").value(hasItem("unknown_trigger")));
        create("{\"name\":\"\",\"trigger\":\"STATUS_CHANGED\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[*].field", hasItem("toStatus")))
                .andExpect(jsonPath("$.errors[*].field", hasItem("name")));
        mvc.perform(post(RULES).contentType(MediaType.APPLICATION_JSON).content("{not json")
                        .with(as(Permission.CAMPAIGN_CREATE)))
                .andExpect(status().isBadRequest());
    }
}
