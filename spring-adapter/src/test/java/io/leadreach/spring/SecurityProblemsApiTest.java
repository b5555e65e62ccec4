package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.leadreach.security.Permission;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;

/** Refusals by the security chain and unknown paths are RFC 9457 problems like every other error. */
class SecurityProblemsApiTest extends ApiTestSupport {

    private static void assertProblem(MockHttpServletResponse response, int status) throws Exception {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getContentAsString()).contains("\"status\":" + status).contains("\"type\":")
                .contains("\"title\":");
    }

    @Test
    void aWrongPasswordIsAProblem() throws Exception {
        String basic = Base64.getEncoder().encodeToString("nobody:wrong-password".getBytes(StandardCharsets.UTF_8));
        MockHttpServletResponse response = mvc.perform(request(HttpMethod.GET, "/leads/whatsapp/campaigns")
                .header(HttpHeaders.AUTHORIZATION, "Basic " + basic)
                .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
        assertProblem(response, 401);
    }

    @Test
    void anAnonymousPostIsA401ProblemWithTheMembersOfTheOtherProblems() throws Exception {
        MockHttpServletResponse response = mvc.perform(request(HttpMethod.POST, "/leads/whatsapp/bulk-send")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("lead_ids[]=1&message=Hi")
                .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
        assertProblem(response, 401);
        assertThat(response.getHeader(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        MockHttpServletResponse controllers = mvc.perform(request(HttpMethod.GET, "/leads/whatsapp/campaigns/999999")
                .with(as(Permission.values())).accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
        assertThat(members(response)).isEqualTo(members(controllers).stream()
                .filter(m -> !m.equals("kind") && !m.equals("id")).toList());
    }

    /** The top-level member names of a JSON object, in order. */
    private static java.util.List<String> members(MockHttpServletResponse response) throws Exception {
        java.util.List<String> names = new java.util.ArrayList<>();
        new tools.jackson.databind.json.JsonMapper().readTree(response.getContentAsString()).propertyNames()
                .forEach(names::add);
        java.util.Collections.sort(names);
        return names;
    }

    @Test
    void anUnknownPathUnderLeadReachIsA404ProblemForAnAdmin() throws Exception {
        MockHttpServletResponse response = mvc.perform(request(HttpMethod.GET, "/leads/whatsapp/secret")
                .with(as(Permission.values())).accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
        assertProblem(response, 404);
        MockHttpServletResponse underALead = mvc.perform(request(HttpMethod.GET, "/leads/7/whatsapp/nothing-here")
                .with(as(Permission.values())).accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
        assertProblem(underALead, 404);
    }

    @Test
    void anUnknownPathIsStillRefusedWithoutALogin() throws Exception {
        MockHttpServletResponse response = mvc.perform(request(HttpMethod.GET, "/leads/whatsapp/secret")
                .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
        assertProblem(response, 401);
    }
}
