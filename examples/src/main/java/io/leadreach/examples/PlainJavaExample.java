package io.leadreach.examples;

import io.leadreach.CampaignSpec;
import io.leadreach.CampaignStatistics;
import io.leadreach.LeadReach;
import io.leadreach.SendResult;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.memory.InMemoryAttachmentStore;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.tracking.InboundReply;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * A small CRM in plain Java: 200 demo leads, one single send and one campaign, sent through the
 * real Cloud API client to the local WhatsApp simulator (no credentials, nothing leaves the
 * machine). Prints the campaign's progress and its final figures.
 *
 * <p>Run: {@code mvn -q -pl examples -am install -DskipTests && mvn -q -pl examples exec:java}
 */
public final class PlainJavaExample {

    private static final List<String> SOURCES = List.of("web", "referral", "trade-show", "ads");
    private static final List<String> PRODUCTS = List.of("home loan", "car insurance", "savings plan");

    private PlainJavaExample() {
    }

    public static void main(String[] args) throws Exception {
        int leadCount = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        Actor marketer = new Actor("maria", EnumSet.allOf(Permission.class));

        InMemoryLeadDirectory crm = new InMemoryLeadDirectory();
        for (long id = 1; id <= leadCount; id++) {
            crm.put(Lead.builder(id)
                    .name("Demo Lead " + id)
                    .mobile(String.format(Locale.ROOT, "+1201555%04d", id)) // fictional US 555 numbers
                    .source(SOURCES.get((int) (id % SOURCES.size())))
                    .status(id % 3 == 0 ? "qualified" : "new")
                    .productInterest(PRODUCTS.get((int) (id % PRODUCTS.size())))
                    .createdAt(Instant.now().minus(Duration.ofDays(id % 90)))
                    .build());
        }

        // The simulator stands in for Meta's Cloud API. WhatsApp's 24-hour-window rule is off here,
        // in the simulator and in the engine, because the demo leads never wrote to us. In production
        // leave it on: campaigns then send their template's approved WhatsApp binding to leads outside
        // the window, or skip them as OUTSIDE_SERVICE_WINDOW.
        try (WhatsAppCloudSimulator simulator = WhatsAppCloudSimulator.builder()
                     .serviceWindowEnforced(false)
                     .start();
             CloudApiTransport transport = CloudApiTransport.create(simulator.clientConfig().build());
             LeadReach leadReach = LeadReach.builder()
                     .transport(transport)
                     .leadDirectory(crm)
                     .attachmentStore(new InMemoryAttachmentStore())
                     // A demo should not wait for the morning: no quiet hours.
                     .sending(SendingConfig.custom().sendWindow(SendWindow.always())
                             .enforceServiceWindow(false).build())
                     .build()) {

            System.out.println("LeadReach demo: " + leadCount + " leads, WhatsApp simulator at " + simulator.baseUrl());

            SendResult single = leadReach.service().sendSingleMessage(marketer, 2,
                    "Hi {first_name}, thanks for your interest in our {product_interest}!", null);
            System.out.println("single send to lead 2: " + single.status() + " (" + single.providerMessageId() + ")");

            // A webhook endpoint hands parsed events to the tracker; here lead 5 answers STOP, which
            // opts the number out, so the campaign below skips it without calling the API.
            leadReach.tracker().apply(List.of(new InboundReply("+12015550005", "wamid.demo-inbound-1", "STOP", null,
                    null, "text", "Demo Lead 5", Instant.now())));
            System.out.println("lead 5 replied STOP: opted out = "
                    + leadReach.consent().isOptedOut("+12015550005"));

            Campaign campaign = leadReach.service().createCampaign(marketer, CampaignSpec.builder()
                    .name("Spring follow-up")
                    .body("Hello {first_name}, our {product_interest} offer ends Friday. Reply STOP to opt out.")
                    .target(TargetCriteria.builder().sources("web", "referral").build())
                    .messagesPerMinute(6_000)
                    .build());
            leadReach.service().executeCampaign(marketer, campaign.id());

            CampaignStatistics stats;
            String last = "";
            do {
                Thread.sleep(250);
                stats = leadReach.service().getCampaignStatistics(marketer, campaign.id());
                String line = String.format(Locale.ROOT, "  %-9s %3.0f%%  sent %d of %d, failed %d, skipped %d",
                        stats.status(), stats.progress() * 100, stats.counters().sent(), stats.total(),
                        stats.counters().failed(), stats.counters().skipped());
                if (!line.equals(last)) {
                    System.out.println(line);
                    last = line;
                }
            } while (stats.status() == CampaignStatus.ACTIVE);

            System.out.printf(Locale.ROOT, "campaign '%s' %s: %d recipients, %d sent, %d failed, %d skipped, "
                            + "%d in doubt; the simulator accepted %d messages in all%n",
                    campaign.name(), stats.status(), stats.total(), stats.counters().sent(),
                    stats.counters().failed(), stats.counters().skipped(), stats.counters().inDoubt(),
                    simulator.sentCount());
        }
    }
}
