package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OpenAPI description (springdoc) lists every LeadReach route, so none is left undocumented. */
class OpenApiTest extends ApiTestSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyMappedLeadReachRouteIsInTheApiDocs() throws Exception {
        String json = mvc.perform(get("/v3/api-docs").with(user("reader")))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        JsonNode paths = JsonMapper.builder().build().readTree(json).path("paths");

        TreeSet<String> documented = new TreeSet<>();
        for (Map.Entry<String, JsonNode> path : paths.properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }
        TreeSet<String> mapped = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> e : mappings.getHandlerMethods().entrySet()) {
            if (!e.getValue().getBeanType().getPackageName().startsWith("io.leadreach.spring")) {
                continue;
            }
            for (RequestMethod method : e.getKey().getMethodsCondition().getMethods()) {
                for (String pattern : e.getKey().getPathPatternsCondition().getPatternValues()) {
                    mapped.add(method.name() + " " + pattern);
                }
            }
        }
        assertThat(mapped).hasSizeGreaterThanOrEqualTo(24);
        assertThat(documented).containsAll(mapped);
    }

    @Test
    void theDocsAreLeftToTheHostsSecurity() throws Exception {
        // leadreach.web.api-docs-public is off by default: Boot's own chain asks for a login.
        mvc.perform(get("/v3/api-docs")).andExpect(status().isUnauthorized());
    }
}
