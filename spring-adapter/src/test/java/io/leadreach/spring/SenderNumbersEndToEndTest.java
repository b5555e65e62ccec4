package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.tracking.ConversationStore;
import io.leadreach.whatsapp.simulator.SentMessage;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Two sender numbers end to end in a running application: a pool campaign goes out over HTTP to a
 * simulator serving both numbers; the simulator's status webhooks, each signed with its number's
 * app secret, come back to the starter's endpoint, are verified per number and move every message
 * to READ; a lead who writes to one number opens that number's window only.
 */
@Timeout(120)
class SenderNumbersEndToEndTest {

    private static final String A = "100000000000021";
    private static final String B = "100000000000022";
    private static final String SECRET_B = "secret-of-number-b";
    private static final int LEADS = 24;
    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));

    private static ConfigurableApplicationContext context;

    /** The host: its leads, and a simulator of both numbers that posts its webhooks to this application. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        InMemoryLeadDirectory crmLeads() {
            InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
            for (long i = 1; i <= LEADS; i++) {
                leads.put(Lead.builder(i).name("Lead " + i).mobile(mobile(i)).status("new").source("web")
                        .timeZone(ZoneOffset.UTC).createdAt(Instant.parse("2026-01-05T09:00:00Z")).build());
            }
            return leads;
        }

        @Bean
        WhatsAppCloudSimulator simulator(@Value("${server.port}") int port) {
            return WhatsAppCloudSimulator.builder().phoneNumberId(A).number(B, "15550101022", SECRET_B)
                    .serviceWindowEnforced(false).pairRateEnforced(false)
                    .webhookUrl("http://127.0.0.1:" + port + "/leads/whatsapp/webhook")
                    .statusDelays(Duration.ofMillis(10), Duration.ofMillis(30), Duration.ofMillis(60)).readShare(1.0)
                    .start();
        }
    }

    static String mobile(long i) {
        return String.format("+1201555%04d", 200 + i);
    }

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        context = new SpringApplicationBuilder(App.class).properties(Map.of(
                "server.port", port,
                "server.address", "127.0.0.1",
                "leadreach.attachments.directory", "target/e2e-numbers-attachments",
                "leadreach.sending.quiet-hours.enabled", false,
                "leadreach.sending.enforce-service-window", false, // the leads never wrote: free-form sends
                "leadreach.whatsapp.numbers[0].phone-number-id", A,
                "leadreach.whatsapp.numbers[1].phone-number-id", B,
                "leadreach.whatsapp.numbers[1].app-secret", SECRET_B)).run();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, () -> "");
    }

    private static void await(String what, BooleanSupplier condition, java.util.function.Supplier<String> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(() -> "waiting for " + what + " " + state.get()).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void aPoolCampaignGoesOutFromBothNumbersAndEachNumbersWebhooksAreAppliedWithItsSecret() throws Exception {
        LeadWhatsAppService service = context.getBean(LeadWhatsAppService.class);
        CampaignStore campaigns = context.getBean(CampaignStore.class);
        MessageStore messages = context.getBean(MessageStore.class);
        WhatsAppCloudSimulator simulator = context.getBean(WhatsAppCloudSimulator.class);

        Campaign c = service.createCampaign(ADMIN, CampaignSpec.builder().name("two numbers").body("Hi {name}")
                .senderNumbers(List.of(A, B)).build());
        service.executeCampaign(ADMIN, c.id());
        await("the campaign to complete", () -> campaigns.find(c.id()).orElseThrow().status() == CampaignStatus.COMPLETED);
        await("every recipient read", () -> campaigns.counts(c.id()).get(RecipientStatus.READ) == LEADS,
                () -> campaigns.counts(c.id()) + " " + simulator.sentMessages().size() + " sent by the simulator");

        Map<String, Long> byNumber = simulator.sentMessages().stream()
                .collect(Collectors.groupingBy(SentMessage::phoneNumberId, Collectors.counting()));
        assertThat(byNumber.keySet()).containsExactlyInAnyOrder(A, B);
        assertThat(byNumber.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(LEADS);
        for (long i = 1; i <= LEADS; i++) {
            assertThat(messages.findByLead(i, 5)).singleElement()
                    .satisfies(m -> assertThat(m.status()).isEqualTo(MessageStatus.READ));
        }
    }

    @Test
    void aLeadWhoWritesToOneNumberOpensThatNumbersWindowOnly() throws Exception {
        WhatsAppCloudSimulator simulator = context.getBean(WhatsAppCloudSimulator.class);
        ConversationStore conversations = io.leadreach.internal.Access.wiring(context.getBean(io.leadreach.LeadReach.class))
                .conversations();
        simulator.simulateInboundTo(B, mobile(3), "Hello, number B");
        await("the inbound message to B", () -> conversations.lastInboundAt(B, mobile(3)).isPresent());
        assertThat(conversations.lastInboundAt(A, mobile(3))).isEmpty();
    }
}
