package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.SendResult;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryRateLimiter;
import io.leadreach.message.MessageStatus;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendingConfig;
import io.leadreach.testing.ManualWorkQueue;
import io.leadreach.testing.MutableClock;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.OutboundMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real engine, end to end, on the JPA stores: every targeted lead gets exactly one message. */
class EngineOnJpaStoresTest {

    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aCampaignAndASingleSendRunToTheEndOnTheDatabase(TestDatabase db) {
        db.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns", "lead_whatsapp_messages",
                "lead_whatsapp_opt_outs");
        MutableClock clock = new MutableClock(NOON);
        ManualWorkQueue queue = new ManualWorkQueue(clock);
        RecordingTransport transport = new RecordingTransport();
        InMemoryLeadDirectory leads = leads(120);
        JpaCampaignStore campaigns = new JpaCampaignStore(db.emf());
        JpaMessageStore messages = new JpaMessageStore(db.emf());
        JpaConsentStore consent = new JpaConsentStore(db.emf());
        consent.optOut("+12015550007", "keyword", NOON.minusSeconds(60));
        try (LeadReach leadReach = LeadReach.builder()
                .clock(clock).transport(transport).leadDirectory(leads)
                .campaignStore(campaigns).messageStore(messages).consentStore(consent)
                .templateStore(new JpaTemplateStore(db.emf()))
                .rateLimiter(new InMemoryRateLimiter(clock)).workQueue(queue)
                // The leads never wrote in; the 24-hour window rule has its own tests in core.
                .sending(SendingConfig.custom().batchSize(25).enforceServiceWindow(false).build())
                .autoStart(false).build()) {

            Campaign c = leadReach.service().createCampaign(ADMIN, CampaignSpec.builder().name("spring")
                    .body("Hi {name}").messagesPerMinute(100_000).build());
            leadReach.service().executeCampaign(ADMIN, c.id());
            runUntil(queue, clock, Duration.ofMinutes(5),
                    () -> campaigns.find(c.id()).orElseThrow().status() == CampaignStatus.COMPLETED);

            Map<String, Long> perNumber = transport.messages().stream()
                    .collect(Collectors.groupingBy(OutboundMessage::to, Collectors.counting()));
            assertThat(perNumber).hasSize(119).doesNotContainKey("+12015550007");
            assertThat(perNumber.values()).containsOnly(1L);
            CampaignCounters counts = campaigns.counts(c.id());
            assertThat(counts.sent()).isEqualTo(119);
            assertThat(counts.skipped()).isEqualTo(1);
            assertThat(counts.total()).isEqualTo(120);
            assertThat(campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);

            clock.advance(Duration.ofMinutes(1));
            SendResult single = leadReach.service().sendSingleMessage(ADMIN, 42, "Your quote is ready", null);
            assertThat(single.status()).isEqualTo(MessageStatus.SENT);
            assertThat(messages.findById(single.messageId())).hasValueSatisfying(m -> {
                assertThat(m.providerMessageId()).isEqualTo(single.providerMessageId());
                assertThat(m.correlationId()).isNotNull();
            });
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void recipientsHeldInDoubtAreResolvedByHandOnTheDatabase(TestDatabase db) {
        db.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns", "lead_whatsapp_messages",
                "lead_whatsapp_opt_outs");
        MutableClock clock = new MutableClock(NOON);
        ManualWorkQueue queue = new ManualWorkQueue(clock);
        RecordingTransport transport = new RecordingTransport();
        InMemoryLeadDirectory leads = leads(4);
        transport.answerFor("+12015550002", new io.leadreach.transport.SendOutcome.Unknown("timeout"));
        transport.answerFor("+12015550003", new io.leadreach.transport.SendOutcome.Unknown("timeout"));
        JpaCampaignStore campaigns = new JpaCampaignStore(db.emf());
        JpaMessageStore messages = new JpaMessageStore(db.emf());
        try (LeadReach leadReach = LeadReach.builder()
                .clock(clock).transport(transport).leadDirectory(leads)
                .campaignStore(campaigns).messageStore(messages).consentStore(new JpaConsentStore(db.emf()))
                .templateStore(new JpaTemplateStore(db.emf()))
                .rateLimiter(new InMemoryRateLimiter(clock)).workQueue(queue)
                .sending(SendingConfig.custom().enforceServiceWindow(false).leadPacing(Duration.ZERO).build())
                .autoStart(false).build()) {
            Campaign c = leadReach.service().createCampaign(ADMIN, CampaignSpec.builder().name("doubts")
                    .body("Hi {name}").messagesPerMinute(100_000).build());
            leadReach.service().executeCampaign(ADMIN, c.id());
            runUntil(queue, clock, Duration.ofMinutes(5),
                    () -> campaigns.find(c.id()).orElseThrow().status() == CampaignStatus.COMPLETED);
            var doubts = leadReach.service().listInDoubt(ADMIN, c.id(), 0, 10);
            assertThat(doubts).extracting(r -> r.leadId()).containsExactly(2L, 3L);

            var sent = leadReach.service().resolveInDoubt(ADMIN, c.id(), doubts.get(0).id(),
                    io.leadreach.campaign.InDoubtResolution.Kind.TREAT_AS_SENT);
            assertThat(campaigns.findRecipient(sent.id()).orElseThrow().resolution().actor()).isEqualTo("admin");
            assertThat(messages.findByLead(2, 5)).singleElement().satisfies(m -> {
                assertThat(m.status()).isEqualTo(MessageStatus.SENT);
                assertThat(m.providerMessageId()).isNull();
            });

            transport.answerFor("+12015550003", new io.leadreach.transport.SendOutcome.Accepted("wamid.again", null));
            leadReach.service().resolveInDoubt(ADMIN, c.id(), doubts.get(1).id(),
                    io.leadreach.campaign.InDoubtResolution.Kind.SEND_AGAIN);
            runUntil(queue, clock, Duration.ofMinutes(5),
                    () -> campaigns.find(c.id()).orElseThrow().status() == CampaignStatus.COMPLETED
                            && campaigns.counts(c.id()).sent() == 4);
            assertThat(transport.messagesTo("+12015550003")).hasSize(2);
            CampaignCounters counts = campaigns.counts(c.id());
            assertThat(counts.sent()).isEqualTo(4);
            assertThat(counts.inDoubt()).isZero();
            assertThat(campaigns.findRecipient(doubts.get(1).id()).orElseThrow().resolution().kind())
                    .isEqualTo(io.leadreach.campaign.InDoubtResolution.Kind.SEND_AGAIN);
        }
    }

    /** Runs the background work, moving the clock to each next due task, until {@code done} or the horizon. */
    private static void runUntil(ManualWorkQueue queue, MutableClock clock, Duration horizon, BooleanSupplier done) {
        Instant end = clock.instant().plus(horizon);
        while (true) {
            queue.runDue();
            if (done.getAsBoolean()) {
                return;
            }
            Optional<Instant> next = queue.nextDue();
            if (next.isEmpty() || next.get().isAfter(end)) {
                clock.set(end);
                queue.runDue();
                return;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.set(next.get());
            }
        }
    }

    /** Leads 1..count, new, from the web, lead i at +1 201 555 and i in four digits. */
    private static InMemoryLeadDirectory leads(int count) {
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        for (int i = 1; i <= count; i++) {
            leads.put(Lead.builder(i).name("Lead " + i).mobile(String.format("+1201555%04d", i)).status("new")
                    .source("web").createdAt(NOON.minus(Duration.ofDays(30))).build());
        }
        return leads;
    }
}
