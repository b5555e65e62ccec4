package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.metrics.EngineObserver;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The queue-depth gauge is read at every metrics scrape: one query, whatever the number of ACTIVE campaigns. */
class QueueDepthQueryTest {

    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));
    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theQueueDepthIsOneQueryOverEveryActiveCampaign(TestDatabase db) {
        db.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns");
        EntityManagerFactory emf = LeadReachJpa.createEntityManagerFactory(db.dataSource(),
                Map.of("hibernate.generate_statistics", "true"));
        AtomicReference<LongSupplier> depth = new AtomicReference<>();
        MutableClock clock = new MutableClock(NOON);
        JpaCampaignStore campaigns = new JpaCampaignStore(emf);
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        leads.put(io.leadreach.lead.Lead.builder(1).name("Lead 1").mobile("+12015550101").status("new")
                .createdAt(NOON).build());
        try (emf; LeadReach leadReach = LeadReach.builder().clock(clock).transport(new RecordingTransport())
                .leadDirectory(leads).campaignStore(campaigns)
                .workQueue(new ManualWorkQueue(clock)).autoStart(false)
                .observer(new EngineObserver() {
                    @Override
                    public void bindQueueDepth(LongSupplier d) {
                        depth.set(d);
                    }
                }).build()) {
            long expected = 0;
            for (int i = 0; i < 5; i++) {
                Campaign c = leadReach.service().createCampaign(ADMIN, CampaignSpec.builder().name("c" + i)
                        .body("Hi").build());
                int recipients = 3 + i;
                campaigns.addRecipients(c.id(), LongStream.rangeClosed(1, recipients).boxed().toList(), NOON);
                if (i < 4) {
                    assertThat(campaigns.transition(c.id(), c.status(), CampaignStatus.ACTIVE, NOON, null)).isPresent();
                    expected += recipients;
                }
            }
            // one ACTIVE campaign's recipient is no longer waiting
            long first = campaigns.list(EnumSet.of(CampaignStatus.ACTIVE)).get(0).id();
            String owner = "node";
            var claimed = campaigns.claim(first, owner, NOON, NOON.plusSeconds(60), 1);
            assertThat(campaigns.skip(claimed.get(0).id(), owner, io.leadreach.campaign.SkipReason.OPTED_OUT, NOON))
                    .isTrue();
            expected -= 1;

            Statistics stats = emf.unwrap(SessionFactory.class).getStatistics();
            stats.clear();
            assertThat(depth.get().getAsLong()).isEqualTo(expected);
            assertThat(stats.getPrepareStatementCount()).as("statements for one reading").isEqualTo(1);
        }
    }
}
