package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryRateLimiter;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendingConfig;
import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.DeliveryStatus;
import io.leadreach.tracking.TrackingEvent;
import io.leadreach.tracking.TrackingStatistics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tracker's batch path on the JPA stores ({@code advanceAll} as one JDBC batch): one list
 * holding, for the messages of two campaigns interleaved, each message's sent, delivered and read
 * out of order and repeated, then a second list with the rest, then the first again. Nothing is
 * lost (every message and recipient ends READ, with the times of the reports that moved it),
 * nothing is counted twice or moved backwards (a DELIVERED after READ in the same list changes
 * nothing, so the batch keeps list order per message), and the counters add up.
 */
class StatusBatchOnJpaTest {

    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void outOfOrderAndRepeatedStatusesOfTwoCampaignsInOneBatchEndReadWithNothingLostOrCountedTwice(TestDatabase db) {
        db.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns", "lead_whatsapp_messages",
                "lead_whatsapp_opt_outs");
        MutableClock clock = new MutableClock(NOON);
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        for (int i = 1; i <= 8; i++) {
            leads.put(Lead.builder(i).name("Lead " + i).mobile(String.format("+1201555%04d", i)).status("new")
                    .source("web").createdAt(NOON.minus(Duration.ofDays(30))).build());
        }
        ManualWorkQueue queue = new ManualWorkQueue(clock);
        JpaCampaignStore campaigns = new JpaCampaignStore(db.emf());
        JpaMessageStore messages = new JpaMessageStore(db.emf());
        LeadReach lr = LeadReach.builder()
                .clock(clock).transport(new RecordingTransport()).leadDirectory(leads)
                .campaignStore(campaigns).messageStore(messages)
                .consentStore(new JpaConsentStore(db.emf())).templateStore(new JpaTemplateStore(db.emf()))
                .rateLimiter(new InMemoryRateLimiter(clock)).workQueue(queue)
                .sending(SendingConfig.custom().enforceServiceWindow(false).build())
                .autoStart(false).build();
        try {
            Campaign a = send(lr, campaigns, queue, clock, List.of(1L, 2L, 3L, 4L));
            Campaign b = send(lr, campaigns, queue, clock, List.of(5L, 6L, 7L, 8L));
            List<CampaignRecipient> ra = campaigns.recipients(a.id(), 0, 10);
            List<CampaignRecipient> rb = campaigns.recipients(b.id(), 0, 10);
            assertThat(ra).hasSize(4);
            assertThat(rb).hasSize(4);
            Instant sent = clock.instant().plusSeconds(1);
            Instant delivered = sent.plusSeconds(1);
            Instant read = delivered.plusSeconds(1);

            // First list, the campaigns interleaved: recipient 0 of each gets delivered, read, a late
            // sent and read again; recipient 1 read, then a late delivered and sent;
            // recipients 2 and 3 get sent, delivered, and read, delivered, read in the second list.
            List<TrackingEvent> first = new ArrayList<>();
            List<TrackingEvent> second = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                for (CampaignRecipient r : List.of(ra.get(i), rb.get(i))) {
                    if (i == 0) {
                        first.add(status(r, DeliveryStatus.DELIVERED, delivered));
                        first.add(status(r, DeliveryStatus.READ, read));
                        first.add(status(r, DeliveryStatus.SENT, sent));
                        first.add(status(r, DeliveryStatus.READ, read));
                    } else if (i == 1) { // read reported before delivered: delivered comes too late
                        first.add(status(r, DeliveryStatus.READ, read));
                        first.add(status(r, DeliveryStatus.DELIVERED, delivered));
                        first.add(status(r, DeliveryStatus.SENT, sent));
                    } else {
                        first.add(status(r, DeliveryStatus.SENT, sent));
                        first.add(status(r, DeliveryStatus.DELIVERED, delivered));
                        second.add(status(r, DeliveryStatus.READ, read));
                        second.add(status(r, DeliveryStatus.DELIVERED, delivered));
                        second.add(status(r, DeliveryStatus.READ, read));
                    }
                }
            }
            TrackingStatistics before = lr.tracker().statistics();
            lr.tracker().apply(first);
            lr.tracker().apply(second);
            lr.tracker().apply(first); // Meta delivering the first list again changes nothing
            TrackingStatistics after = lr.tracker().statistics();

            assertThat(after.received() - before.received()).isEqualTo(2L * first.size() + second.size());
            // each message: delivered and read applied once (only read for recipient 1); the rest are duplicates
            assertThat(after.applied() - before.applied()).isEqualTo(14);
            assertThat(after.duplicates() - before.duplicates()).isEqualTo(2L * first.size() + second.size() - 14);
            for (Campaign c : List.of(a, b)) {
                CampaignCounters counts = campaigns.counts(c.id());
                assertThat(counts.read()).as("campaign %d", c.id()).isEqualTo(4);
                assertThat(counts.get(RecipientStatus.DELIVERED)).isZero();
                assertThat(counts.get(RecipientStatus.SENT)).isZero();
                assertThat(counts.total()).isEqualTo(4);
                List<CampaignRecipient> now = campaigns.recipients(c.id(), 0, 10);
                for (CampaignRecipient r : now) {
                    Instant deliveredAt = r.id() == now.get(1).id() ? null : delivered;
                    assertThat(r.status()).isEqualTo(RecipientStatus.READ);
                    assertThat(r.deliveredAt()).as("%s delivered", r.correlationId()).isEqualTo(deliveredAt);
                    assertThat(r.readAt()).isEqualTo(read);
                    LeadMessage m = messages.findByCorrelationId(r.correlationId()).orElseThrow();
                    assertThat(m.status()).isEqualTo(MessageStatus.READ);
                    assertThat(m.deliveredAt()).as("%s delivered", m.providerMessageId()).isEqualTo(deliveredAt);
                    assertThat(m.readAt()).isEqualTo(read);
                }
            }
        } finally {
            lr.close();
        }
    }

    private static DeliveryEvent status(CampaignRecipient r, DeliveryStatus status, Instant at) {
        return DeliveryEvent.of(r.providerMessageId(), r.correlationId(), status, at);
    }

    private static Campaign send(LeadReach lr, JpaCampaignStore campaigns, ManualWorkQueue queue, MutableClock clock,
                                 List<Long> leadIds) {
        Campaign c = lr.service().createCampaign(ADMIN, CampaignSpec.builder().name("c" + leadIds)
                .body("Hi {name}").target(TargetCriteria.ofLeadIds(leadIds)).messagesPerMinute(100_000).build());
        lr.service().executeCampaign(ADMIN, c.id());
        Instant end = clock.instant().plus(Duration.ofMinutes(5));
        while (campaigns.find(c.id()).orElseThrow().status() != CampaignStatus.COMPLETED
                && clock.instant().isBefore(end)) {
            queue.runDue();
            clock.set(queue.nextDue().filter(t -> t.isAfter(clock.instant())).orElse(clock.instant().plusSeconds(1)));
        }
        assertThat(campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
        return c;
    }
}
