package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.SendResult;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
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
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A restart on the same database with a transport that hands out its ids again (as the simulator
 * did, and as {@link RecordingTransport} does: wamid.TEST1, 2, ...): sends are answered as sent,
 * every message is logged, and status reports move the new messages, never the old ones.
 */
class ReissuedProviderIdOnJpaTest {

    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aRestartWhoseTransportReissuesIdsLogsEverySendAndTracksTheNewMessages(TestDatabase db) {
        db.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns", "lead_whatsapp_messages",
                "lead_whatsapp_opt_outs");
        MutableClock clock = new MutableClock(NOON);
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        for (int i = 1; i <= 8; i++) {
            leads.put(Lead.builder(i).name("Lead " + i).mobile(String.format("+1201555%04d", i)).status("new")
                    .source("web").createdAt(NOON.minus(Duration.ofDays(30))).build());
        }
        JpaMessageStore messages = new JpaMessageStore(db.emf());

        // First run: a single send to lead 1 (wamid.TEST1), a campaign to leads 2-4 (wamid.TEST2-4).
        Run first = new Run(db, clock, leads);
        SendResult oldSingle = first.service().sendSingleMessage(ADMIN, 1, "Hi", null);
        Campaign oldCampaign = first.campaign(List.of(2L, 3L, 4L));
        first.close();
        assertThat(oldSingle.providerMessageId()).isEqualTo("wamid.TEST1");

        // Second run, same database, a transport counting from 1 again.
        clock.advance(Duration.ofMinutes(10));
        Run second = new Run(db, clock, leads);
        SendResult single = second.service().sendSingleMessage(ADMIN, 5, "Hi again", null);
        assertThat(single.status()).isEqualTo(MessageStatus.SENT);
        assertThat(single.providerMessageId()).isEqualTo("wamid.TEST1");
        assertThat(messages.findById(single.messageId()).orElseThrow().providerMessageId()).isEqualTo("wamid.TEST1");

        Campaign campaign = second.campaign(List.of(6L, 7L, 8L));
        List<CampaignRecipient> recipients = second.campaigns.recipients(campaign.id(), 0, 10);
        assertThat(recipients).extracting(CampaignRecipient::providerMessageId)
                .containsExactlyInAnyOrder("wamid.TEST2", "wamid.TEST3", "wamid.TEST4");
        Map<String, LeadMessage> logged = recipients.stream().collect(Collectors.toMap(
                CampaignRecipient::correlationId, r -> messages.findByCorrelationId(r.correlationId()).orElseThrow(),
                (a, b) -> a));
        assertThat(logged.values()).extracting(LeadMessage::campaignId).containsOnly(campaign.id());
        assertThat(logged.values()).extracting(LeadMessage::providerMessageId)
                .containsExactlyInAnyOrder("wamid.TEST2", "wamid.TEST3", "wamid.TEST4");

        // Status reports of the second run, echoing its correlation ids, move its messages only.
        Instant at = clock.instant();
        LeadMessage newSingle = messages.findById(single.messageId()).orElseThrow();
        second.leadReach.tracker().apply(DeliveryEvent.of("wamid.TEST1", newSingle.correlationId(),
                DeliveryStatus.READ, at));
        for (CampaignRecipient r : recipients) {
            second.leadReach.tracker().apply(DeliveryEvent.of(r.providerMessageId(), r.correlationId(),
                    DeliveryStatus.DELIVERED, at));
        }
        assertThat(messages.findById(single.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.READ);
        assertThat(messages.findById(oldSingle.messageId()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
        for (CampaignRecipient r : recipients) {
            assertThat(messages.findByCorrelationId(r.correlationId()).orElseThrow().status())
                    .isEqualTo(MessageStatus.DELIVERED);
        }
        for (CampaignRecipient r : second.campaigns.recipients(oldCampaign.id(), 0, 10)) {
            assertThat(messages.findByCorrelationId(r.correlationId()).orElseThrow().status())
                    .isEqualTo(MessageStatus.SENT);
        }
        assertThat(second.campaigns.counts(oldCampaign.id()).delivered()).isZero();
        assertThat(second.campaigns.counts(campaign.id()).delivered()).isEqualTo(3);
        second.close();
    }

    /** One process's engine on the shared database. */
    private static final class Run {
        final ManualWorkQueue queue;
        final MutableClock clock;
        final JpaCampaignStore campaigns;
        final LeadReach leadReach;

        Run(TestDatabase db, MutableClock clock, InMemoryLeadDirectory leads) {
            this.clock = clock;
            this.queue = new ManualWorkQueue(clock);
            this.campaigns = new JpaCampaignStore(db.emf());
            this.leadReach = LeadReach.builder()
                    .clock(clock).transport(new RecordingTransport()).leadDirectory(leads)
                    .campaignStore(campaigns).messageStore(new JpaMessageStore(db.emf()))
                    .consentStore(new JpaConsentStore(db.emf())).templateStore(new JpaTemplateStore(db.emf()))
                    .rateLimiter(new InMemoryRateLimiter(clock)).workQueue(queue)
                    .sending(SendingConfig.custom().enforceServiceWindow(false).build())
                    .autoStart(false).build();
        }

        io.leadreach.LeadWhatsAppService service() {
            return leadReach.service();
        }

        Campaign campaign(List<Long> leadIds) {
            Campaign c = service().createCampaign(ADMIN, CampaignSpec.builder().name("c" + leadIds)
                    .body("Hi {name}").target(TargetCriteria.ofLeadIds(leadIds)).messagesPerMinute(100_000).build());
            service().executeCampaign(ADMIN, c.id());
            Instant end = clock.instant().plus(Duration.ofMinutes(5));
            Function<Long, CampaignStatus> status = id -> campaigns.find(id).orElseThrow().status();
            while (status.apply(c.id()) != CampaignStatus.COMPLETED && clock.instant().isBefore(end)) {
                queue.runDue();
                clock.set(queue.nextDue().filter(t -> t.isAfter(clock.instant())).orElse(clock.instant().plusSeconds(1)));
            }
            assertThat(status.apply(c.id())).isEqualTo(CampaignStatus.COMPLETED);
            return c;
        }

        void close() {
            leadReach.close();
        }
    }
}
