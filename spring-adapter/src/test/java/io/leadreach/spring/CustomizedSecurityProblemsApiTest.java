package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A host that customizes the LeadReach chain as the demo CRM does (HTTP Basic with Spring's
 * defaults, no session): refusals are still RFC 9457 problems.
 */
@SpringBootTest(classes = {TestApplication.class, CustomizedSecurityProblemsApiTest.HostSecurity.class},
        properties = "logging.level.io.leadreach=WARN")
@AutoConfigureMockMvc
class CustomizedSecurityProblemsApiTest {

    @Configuration(proxyBeanMethods = false)
    static class HostSecurity {
        @Bean
        LeadReachHttpSecurityCustomizer basicWithDefaults() {
            return http -> http.httpBasic(Customizer.withDefaults())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .csrf(csrf -> csrf.ignoringRequestMatchers(r -> r.getHeader("Authorization") != null));
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(User.withUsername("maria").password("{noop}right-password")
                    .authorities("lead-whatsapp-campaign-view").build());
        }
    }

    @Autowired
    MockMvc mvc;

    private static void assertProblem(MockHttpServletResponse response, int status) throws Exception {
        assertThat(response.getStatus()).isEqualTo(status);
        assertThat(response.getContentType()).startsWith(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        assertThat(response.getContentAsString()).contains("\"status\":" + status).contains("\"type\":");
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWrongPasswordIsAProblem() throws Exception {
        assertProblem(mvc.perform(request(HttpMethod.GET, "/leads/whatsapp/campaigns")
                .header(HttpHeaders.AUTHORIZATION, basic("maria", "wrong-password"))
                .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse(), 401);
    }

    @Test
    void theRightPasswordGetsThrough() throws Exception {
        assertThat(mvc.perform(request(HttpMethod.GET, "/leads/whatsapp/campaigns")
                .header(HttpHeaders.AUTHORIZATION, basic("maria", "right-password"))
                .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse().getStatus()).isEqualTo(200);
    }

    @Test
    void anAnonymousPostIsAProblem() throws Exception {
        MockHttpServletResponse response = mvc.perform(request(HttpMethod.POST, "/leads/whatsapp/bulk-send")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).content("lead_ids[]=1&message=Hi")
                .accept(MediaType.APPLICATION_JSON)).andReturn().getResponse();
        assertProblem(response, response.getStatus());
    }
}
