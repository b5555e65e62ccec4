package io.leadreach.examples.crm;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.lead.ConsentStore;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * The demo CRM on a random port with the simulator posting its webhooks back over HTTP: a campaign
 * created and executed through the REST API is delivered and read; an inbound STOP opts its lead
 * out, and the next sends skip it. About a minute on a busy two-core machine, so in the long suites
 * ({@code -Pall}).
 */
@Tag("long")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "demo.password=full-stack-test", "demo.simulator.replies=false", "demo.simulator.read-share=1.0",
        "demo.leads=200", "leadreach.attachments.directory=target/test-attachments"})
class DemoCrmFullStackTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_LIST =
            new ParameterizedTypeReference<>() {
            };

    /** An in-memory database of this run's own. */
    private static final String DATABASE = "jdbc:h2:mem:demo_" + UUID.randomUUID().toString().replace("-", "")
            + ";DB_CLOSE_DELAY=-1";

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    @LocalServerPort
    int port;
    @Autowired
    WhatsAppCloudSimulator simulator;
    @Autowired
    ConsentStore consent;
    @Autowired
    LeadRepository leads;

    private RestClient as(String user) {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders(h -> h.setBasicAuth(user, "full-stack-test"))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    @Test
    void campaignOverHttpIsDeliveredAndReadAndAStopReplyOptsTheLeadOutOfTheNextSends() throws Exception {
        List<Map<String, Object>> qualified = as("maria").get().uri("/crm/leads?status=qualified")
                .retrieve().body(JSON_LIST);
        assertThat(qualified).hasSizeGreaterThan(5);

        // Create and execute a campaign over HTTP.
        long campaign = createAndExecute(Map.of("name", "Full stack", "body",
                "Hi {first_name}, your {product_interest} quote is ready.",
                "target", Map.of("statuses", List.of("qualified")), "messagesPerMinute", 6000));

        // Webhooks flow back: every sent message is delivered and read.
        Map<?, ?> stats = awaitStatistics(campaign, s -> number(s, "sent") > 0
                && number(s, "delivered") == number(s, "sent") && number(s, "read") == number(s, "sent"));
        assertThat(number(stats, "total")).isEqualTo(qualified.size());
        assertThat(number(stats, "sent")).isEqualTo(qualified.size());
        assertThat(number(stats, "failed")).isZero();
        assertThat(simulator.sentCount()).isEqualTo(qualified.size());
        // A POST may fail and be retried when the machine is loaded (as Meta retries); none may be lost.
        assertThat(simulator.webhookEventsAbandoned()).as("webhook events lost; last failure: %s",
                simulator.lastWebhookFailure()).isZero();
        if (simulator.webhookFailures() > 0) {
            System.out.printf("%d webhook POSTs were retried; the last failure: %s%n", simulator.webhookFailures(),
                    simulator.lastWebhookFailure());
        }

        // The lead answers STOP on WhatsApp: the simulator posts the inbound message to the webhook.
        Map<String, Object> stopper = qualified.get(0);
        // Another lead that got nothing yet, so WhatsApp's pair rate (one message per 6 s) does not hold it.
        Map<String, Object> other = as("maria").get().uri("/crm/leads?status=contacted").retrieve().body(JSON_LIST)
                .get(0);
        String mobile = (String) stopper.get("mobile");
        simulator.simulateInbound(mobile, "STOP");
        await(() -> consent.isOptedOut(mobile), "the STOP reply to opt " + mobile + " out");

        // A single send to it is refused, nothing sent ...
        long sentBefore = simulator.sentCount();
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("message", "Hello again");
        ResponseEntity<Map<String, Object>> refused = as("sam").post()
                .uri("/leads/{id}/whatsapp/send", id(stopper)).contentType(MediaType.MULTIPART_FORM_DATA)
                .body(form).retrieve().toEntity(JSON);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().get("errors").toString()).contains("opted_out");

        // ... and the next campaign skips it as SKIPPED (OPTED_OUT) while the other lead gets its message.
        long next = createAndExecute(Map.of("name", "After STOP", "body", "Hi {first_name}, one more thing.",
                "target", Map.of("leadIds", List.of(id(stopper), id(other))), "messagesPerMinute", 6000));
        Map<?, ?> nextStats = awaitStatistics(next, s -> number(s, "open") == 0 && number(s, "read") == 1);
        assertThat(number(nextStats, "skipped")).isEqualTo(1);
        assertThat(simulator.sentCount()).isEqualTo(sentBefore + 1);
        String report = as("maria").get().uri("/leads/whatsapp/campaigns/{id}/report.csv", next)
                .retrieve().body(String.class);
        assertThat(report).containsPattern(",\\s*" + id(stopper) + ",SKIPPED,.*,OPTED_OUT,")
                .containsPattern(",\\s*" + id(other) + ",READ,");
    }

    @Test
    void eachDemoUserHasItsOwnPermissions() {
        Map<String, Object> body = Map.of("name", "Not allowed", "body", "Hi", "target",
                Map.of("statuses", List.of("new")));
        assertThat(as("vic").post().uri("/leads/whatsapp/campaigns").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(403);
        assertThat(as("vic").get().uri("/leads/whatsapp/campaigns").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(200);
        assertThat(as("sam").get().uri("/leads/whatsapp/templates").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(403);
        int anonymous = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { }).build()
                .get().uri("/crm/leads").retrieve().toBodilessEntity().getStatusCode().value();
        assertThat(anonymous).isEqualTo(401);
    }

    @Test
    void convertingALeadLinksTheCustomerBothWays() {
        long leadId = leads.findByStatusOrderById("new", org.springframework.data.domain.PageRequest.of(0, 1))
                .get(0).id();
        Map<String, Object> customer = as("maria").post().uri("/crm/leads/{id}/convert", leadId)
                .retrieve().body(JSON);
        assertThat(((Number) customer.get("originalLeadId")).longValue()).isEqualTo(leadId);
        Map<String, Object> lead = as("maria").get().uri("/crm/leads/{id}", leadId).retrieve().body(JSON);
        assertThat(lead.get("status")).isEqualTo("converted");
        assertThat(((Number) lead.get("convertedCustomerId")).longValue())
                .isEqualTo(((Number) customer.get("id")).longValue());
        assertThat(as("maria").post().uri("/crm/leads/{id}/convert", leadId).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(409);
    }

    private long createAndExecute(Map<String, Object> spec) {
        ResponseEntity<Map<String, Object>> created = as("maria").post().uri("/leads/whatsapp/campaigns")
                .contentType(MediaType.APPLICATION_JSON).body(spec).retrieve().toEntity(JSON);
        assertThat(created.getStatusCode().value()).as("create: %s", created.getBody()).isEqualTo(201);
        assertThat(created.getHeaders().getFirst(HttpHeaders.LOCATION)).isNotNull();
        long id = ((Number) created.getBody().get("id")).longValue();
        ResponseEntity<Map<String, Object>> executed = as("maria").post()
                .uri("/leads/whatsapp/campaigns/{id}/execute", id).retrieve().toEntity(JSON);
        assertThat(executed.getStatusCode().value()).as("execute: %s", executed.getBody()).isEqualTo(200);
        return id;
    }

    private Map<?, ?> awaitStatistics(long campaign, java.util.function.Predicate<Map<?, ?>> done) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .alias("campaign " + campaign + " settles")
                .until(() -> (Map<?, ?>) as("vic").get().uri("/leads/whatsapp/campaigns/{id}", campaign)
                        .retrieve().body(JSON).get("statistics"), done::test);
    }

    private static void await(BooleanSupplier condition, String what) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).alias(what)
                .until(condition::getAsBoolean);
    }

    private static long number(Map<?, ?> stats, String key) {
        return ((Number) stats.get(key)).longValue();
    }

    private static long id(Map<String, Object> lead) {
        return ((Number) lead.get("id")).longValue();
    }
}
