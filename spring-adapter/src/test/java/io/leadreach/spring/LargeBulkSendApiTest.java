package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The repeated {@code lead_ids[]} form of docs/routes.md on a real Tomcat, past its 1,000-parameter limit:
 * accepted up to LeadReach's cap, and beyond it the usual problem.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {TestApplication.class, LargeBulkSendApiTest.Host.class},
        properties = {"leadreach.sending.lead-pacing=0s", "leadreach.sending.enforce-service-window=false",
                "leadreach.attachments.directory=target/test-attachments", "logging.level.io.leadreach=WARN"})
class LargeBulkSendApiTest {

    @Configuration(proxyBeanMethods = false)
    static class Host {
        @Bean
        LeadReachHttpSecurityCustomizer basicWithoutSession() {
            return http -> http.httpBasic(Customizer.withDefaults())
                    .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                    .csrf(csrf -> csrf.ignoringRequestMatchers(r -> r.getHeader("Authorization") != null));
        }

        @Bean
        InMemoryUserDetailsManager users() {
            return new InMemoryUserDetailsManager(User.withUsername("bulk").password("{noop}bulk-password")
                    .authorities("lead-whatsapp-bulk-send").build());
        }
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> post(String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/leads/whatsapp/bulk-send"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "bulk:bulk-password".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String repeated(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "lead_ids%5B%5D=" + (i % 30 + 1) + "0000")
                .collect(Collectors.joining("&"));
    }

    @Test
    void moreIdsThanTomcatsParameterLimitReachTheServiceAndUnknownOnesAreReportedAsUsual() throws Exception {
        // 5,000 ids (none of them a lead of the test directory): the service reads them all and says so.
        HttpResponse<String> response = post(repeated(1, 5_000) + "&message=Hi");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("unknown_lead");
    }

    @Test
    void fiveThousandRepeatedIdsOfRealLeadsBecomeAJob() throws Exception {
        String ids = IntStream.rangeClosed(1, 5_000).mapToObj(i -> "lead_ids%5B%5D=" + (i % 30 + 1))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = post(ids + "&message=Hi");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void beyondTheCapIsTheUsualProblem() throws Exception {
        String ids = IntStream.rangeClosed(1, 10_001).mapToObj(i -> "lead_ids%5B%5D=" + i)
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = post(ids + "&message=Hi");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("too_many");
    }

    @Test
    void aBadIdIsReportedOnce() throws Exception {
        HttpResponse<String> response = post("lead_ids%5B%5D=1&lead_ids%5B%5D=two&message=Hi");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body().split("not_a_number", -1)).as(response.body()).hasSize(2);
    }
}
