package io.leadreach.examples.crm;

import io.leadreach.CampaignSpec;
import io.leadreach.CampaignStatistics;
import io.leadreach.LeadWhatsAppService;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code --demo-campaign}: creates and executes one campaign to the qualified and proposal-stage
 * leads, prints its progress while it sends, waits for the simulator's delivered and read webhooks
 * to settle, and prints the final statistics. {@link DemoCrmApplication} then exits 0.
 */
@Component
@Order(2)
public class DemoCampaign implements ApplicationRunner {

    /** How long the figures must stay unchanged, once sending is over, to be final. */
    private static final Duration SETTLED = Duration.ofSeconds(3);
    private static final Duration LIMIT = Duration.ofMinutes(5);

    private final LeadWhatsAppService service;

    /** The runner over LeadReach's service. */
    public DemoCampaign(LeadWhatsAppService service) {
        this.service = service;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        if (!args.containsOption(DemoCrmApplication.DEMO_CAMPAIGN.substring(2))) {
            return;
        }
        Actor actor = new Actor("demo-campaign", EnumSet.allOf(Permission.class));
        Campaign campaign = service.createCampaign(actor, CampaignSpec.builder()
                .name("Demo: autumn offer")
                .body("Hi {first_name}, your {product_interest} quote is ready. Reply STOP to opt out.")
                .target(TargetCriteria.builder().statuses("qualified", "proposal").build())
                .messagesPerMinute(3_000)
                .build());
        System.out.printf(Locale.ROOT, "%nDemo campaign #%d '%s' to the qualified and proposal-stage leads%n",
                campaign.id(), campaign.name());
        service.executeCampaign(actor, campaign.id());

        long deadline = System.nanoTime() + LIMIT.toNanos();
        String last = "";
        long unchangedSince = System.nanoTime();
        CampaignStatistics stats;
        while (true) {
            Thread.sleep(250);
            stats = service.getCampaignStatistics(actor, campaign.id());
            String line = line(stats);
            if (!line.equals(last)) {
                System.out.println(line);
                last = line;
                unchangedSince = System.nanoTime();
            }
            boolean sending = stats.status() == CampaignStatus.ACTIVE;
            if (!sending && System.nanoTime() - unchangedSince > SETTLED.toNanos()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the demo campaign did not finish within " + LIMIT);
            }
        }
        CampaignCounters c = stats.counters();
        System.out.printf(Locale.ROOT, "%nFinal statistics of '%s' (%s):%n"
                        + "  recipients %d | sent %d | delivered %d (%.0f%%) | read %d (%.0f%%) | failed %d | "
                        + "skipped %d | in doubt %d | replied %d%n",
                stats.name(), stats.status(), stats.total(), c.sent(), c.delivered(), stats.deliveryRate() * 100,
                c.read(), stats.readRate() * 100, c.failed(), c.skipped(), c.inDoubt(), stats.replied());
    }

    private static String line(CampaignStatistics s) {
        CampaignCounters c = s.counters();
        return String.format(Locale.ROOT, "  %-9s %3.0f%%  sent %d of %d, delivered %d, read %d, failed %d, skipped %d",
                s.status(), s.progress() * 100, c.sent(), s.total(), c.delivered(), c.read(), c.failed(), c.skipped());
    }
}
