package io.leadreach.sending;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * With a scheduler shared by nodes, the sweep may run elsewhere; each node still finds ACTIVE
 * campaigns itself and sends its share.
 */
class SharedSchedulerTest {

    /** A cluster scheduler whose jobs and ticks all run on some other node: here, never. */
    private static final class Elsewhere implements EngineScheduler {
        final List<Long> ticks = new ArrayList<>();

        @Override
        public void start(Work work) {
        }

        @Override
        public void scheduleCampaign(long campaignId, Instant at) {
            ticks.add(campaignId);
        }

        @Override
        public boolean sharedByNodes() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    @Test
    @SuppressWarnings("try") // the second engine only has to be running
    void aNodeWhoseSchedulerRunsNothingHereStillSendsActiveCampaigns() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-02T12:00:00Z"));
        InMemoryCampaignStore campaigns = new InMemoryCampaignStore();
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        for (int i = 1; i <= 5; i++) {
            leads.put(Lead.builder(i).name("Lead " + i).mobile(String.format("+1201555%04d", i)).status("new")
                    .createdAt(clock.instant().minus(Duration.ofDays(3))).build());
        }
        SendingConfig config = SendingConfig.custom().enforceServiceWindow(false).leadPacing(Duration.ZERO).build();
        RecordingTransport first = new RecordingTransport();
        RecordingTransport second = new RecordingTransport();
        ManualWorkQueue q1 = new ManualWorkQueue(clock);
        ManualWorkQueue q2 = new ManualWorkQueue(clock);
        try (LeadReach a = LeadReach.builder().clock(clock).transport(first).leadDirectory(leads)
                     .campaignStore(campaigns).workQueue(q1).sending(config).nodeId("a").build();
             LeadReach b = LeadReach.builder().clock(clock).transport(second).leadDirectory(leads)
                     .campaignStore(campaigns).workQueue(q2).sending(config).nodeId("b")
                     .scheduler(new Elsewhere()).build()) {
            Campaign c = a.service().createCampaign(ADMIN, CampaignSpec.builder().name("c").body("Hi").build());
            campaigns.transition(c.id(), c.status(), io.leadreach.campaign.CampaignStatus.ACTIVE, clock.instant(), null);
            // Only node b runs: it was never woken and its scheduler runs no sweep, yet it finds the campaign.
            for (int i = 0; i < 50 && second.count() < 5; i++) {
                q2.runDue();
                clock.advance(config.pollInterval());
            }
            assertThat(second.count()).isEqualTo(5);
            assertThat(first.count()).isZero();
        }
    }
}
