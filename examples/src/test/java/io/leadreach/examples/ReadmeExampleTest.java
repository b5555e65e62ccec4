package io.leadreach.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendingConfig;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.WhatsAppCloudSimulator;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

/** The plain-Java snippet of README.md, as written there, against the simulator. */
class ReadmeExampleTest {

    @Test
    void theReadmeSnippetSendsASingleMessageAndACampaign() throws Exception {
        // Leads live where it is now early afternoon, so quiet hours never get in the way of the test.
        ZoneOffset afternoon = ZoneOffset.ofHours(14 - ZonedDateTime.now(ZoneOffset.UTC).getHour());
        InMemoryLeadDirectory myCrmLeads = new InMemoryLeadDirectory();
        myCrmLeads.put(Lead.builder(42).name("Alex Doe").mobile("+12015550142").status("new").timeZone(afternoon)
                .build());
        for (long id = 1; id <= 5; id++) {
            myCrmLeads.put(Lead.builder(id).name("Lead " + id).mobile("+1201555010" + id).status("qualified")
                    .productInterest("home loan").timeZone(afternoon).build());
        }
        WhatsAppCloudSimulator seen;

        // --- README.md: "Plain Java in ten lines" ---
        try (WhatsAppCloudSimulator simulator = WhatsAppCloudSimulator.builder().serviceWindowEnforced(false).start();
             CloudApiTransport transport = CloudApiTransport.create(simulator.clientConfig().build());
             // The demo's leads never wrote in, so WhatsApp's 24-hour rule is off (keep it on in production).
             LeadReach leadReach = LeadReach.builder().transport(transport).leadDirectory(myCrmLeads)
                     .sending(SendingConfig.custom().enforceServiceWindow(false).build()).build()) {
            Actor maria = Actor.of("maria", Permission.SEND, Permission.CAMPAIGN_CREATE, Permission.CAMPAIGN_EXECUTE);
            leadReach.service().sendSingleMessage(maria, 42L, "Hi {first_name}, your quote is ready.", null);
            Campaign spring = leadReach.service().createCampaign(maria, CampaignSpec.builder().name("Spring offer")
                    .body("Hello {name}, our {product_interest} offer ends Friday.")
                    .target(TargetCriteria.builder().statuses("qualified").build()).messagesPerMinute(600).build());
            leadReach.service().executeCampaign(maria, spring.id());
            // --- end of the snippet ---

            await().atMost(Duration.ofSeconds(20)).until(() -> simulator.sentCount() >= 6);
            seen = simulator;
            assertThat(simulator.sentMessages()).extracting(WhatsAppCloudSimulator.SentMessage::body)
                    .contains("Hi Alex, your quote is ready.", "Hello Lead 3, our home loan offer ends Friday.");
        }
        assertThat(seen.sentCount()).isEqualTo(6);
    }
}
