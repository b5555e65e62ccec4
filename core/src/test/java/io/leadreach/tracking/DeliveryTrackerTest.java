package io.leadreach.tracking;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.SendResult;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.SkipReason;
import io.leadreach.internal.Access;
import io.leadreach.lead.Lead;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.tracking.Tracking.Outcome;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeliveryTrackerTest {

    private Fixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private Campaign runCampaign(String body) {
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("c" + System.nanoTime())
                .body(body).messagesPerMinute(100_000).build());
        f.service().executeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(1));
        return c;
    }

    private CampaignRecipient recipientOf(Campaign c, long leadId) {
        return f.campaigns.recipients(c.id(), 0, 1_000).stream().filter(r -> r.leadId() == leadId).findFirst()
                .orElseThrow();
    }

    private DeliveryEvent event(CampaignRecipient r, DeliveryStatus status, int secondsLater) {
        return DeliveryEvent.of(r.providerMessageId(), r.correlationId(), status,
                f.clock.instant().plusSeconds(secondsLater));
    }

    @Test
    void statusEventsMoveTheMessageAndTheRecipientForward() {
        f = new Fixture().withLeads(2);
        Campaign c = runCampaign("Hi {name}");
        CampaignRecipient r = recipientOf(c, 1);

        assertThat(f.tracker().apply(event(r, DeliveryStatus.SENT, 1))).isEqualTo(Outcome.DUPLICATE);
        assertThat(f.tracker().apply(event(r, DeliveryStatus.DELIVERED, 2))).isEqualTo(Outcome.APPLIED);
        assertThat(f.tracker().apply(event(r, DeliveryStatus.READ, 3))).isEqualTo(Outcome.APPLIED);

        CampaignRecipient read = recipientOf(c, 1);
        assertThat(read.status()).isEqualTo(RecipientStatus.READ);
        assertThat(read.deliveredAt()).isEqualTo(f.clock.instant().plusSeconds(2));
        LeadMessage m = f.messages.findByProviderMessageId(r.providerMessageId()).orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.READ);
        assertThat(f.campaigns.counts(c.id()).read()).isEqualTo(1);
        assertThat(f.service().getCampaignStatistics(ADMIN, c.id()).readRate()).isEqualTo(0.5);
    }

    @Test
    void theSameEventTwiceChangesNothingTheSecondTime() {
        f = new Fixture().withLeads(1);
        CampaignRecipient r = recipientOf(runCampaign("Hi"), 1);
        DeliveryEvent delivered = event(r, DeliveryStatus.DELIVERED, 2);
        assertThat(f.tracker().apply(delivered)).isEqualTo(Outcome.APPLIED);
        assertThat(f.tracker().apply(delivered)).isEqualTo(Outcome.DUPLICATE);
        assertThat(f.tracker().statistics().applied()).isEqualTo(1);
        assertThat(f.tracker().statistics().duplicates()).isEqualTo(1);
    }

    @Test
    void theSameEventsDeliveredConcurrentlyApplyOnce() throws Exception {
        f = new Fixture().withLeads(50);
        Campaign c = runCampaign("Hi");
        List<DeliveryEvent> events = new java.util.ArrayList<>();
        for (CampaignRecipient r : f.campaigns.recipients(c.id(), 0, 100)) {
            events.add(event(r, DeliveryStatus.DELIVERED, 1));
            events.add(event(r, DeliveryStatus.READ, 2));
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
            for (int t = 0; t < 4; t++) {
                List<DeliveryEvent> mine = new java.util.ArrayList<>(events);
                java.util.Collections.shuffle(mine, new java.util.Random(t));
                done.add(pool.submit(() -> f.tracker().apply(mine)));
            }
            for (java.util.concurrent.Future<?> d : done) {
                d.get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(f.campaigns.counts(c.id()).read()).isEqualTo(50);
        TrackingStatistics s = f.tracker().statistics();
        assertThat(s.received()).isEqualTo(4L * events.size());
        assertThat(s.applied() + s.duplicates()).isEqualTo(s.received());
        assertThat(s.applied()).isGreaterThanOrEqualTo(50); // the message and the recipient may each be moved by another thread
    }

    @Test
    void aDeliveredReportAfterReadNeverMovesTheStatusBack() {
        f = new Fixture().withLeads(1);
        Campaign c = runCampaign("Hi");
        CampaignRecipient r = recipientOf(c, 1);
        f.tracker().apply(event(r, DeliveryStatus.READ, 5));
        assertThat(f.tracker().apply(event(r, DeliveryStatus.DELIVERED, 2))).isEqualTo(Outcome.DUPLICATE);
        assertThat(f.tracker().apply(event(r, DeliveryStatus.SENT, 1))).isEqualTo(Outcome.DUPLICATE);
        assertThat(recipientOf(c, 1).status()).isEqualTo(RecipientStatus.READ);
        assertThat(f.messages.findByProviderMessageId(r.providerMessageId()).orElseThrow().status())
                .isEqualTo(MessageStatus.READ);
    }

    @Test
    void aFailureAfterSentRecordsTheError() {
        f = new Fixture().withLeads(1);
        Campaign c = runCampaign("Hi");
        CampaignRecipient r = recipientOf(c, 1);
        f.tracker().apply(new DeliveryEvent(r.providerMessageId(), r.correlationId(), DeliveryStatus.FAILED,
                f.clock.instant(), Fixture.mobile(1), "131026", "Message undeliverable", null));
        CampaignRecipient failed = recipientOf(c, 1);
        assertThat(failed.status()).isEqualTo(RecipientStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo("131026");
        LeadMessage m = f.messages.findByProviderMessageId(r.providerMessageId()).orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
        assertThat(m.errorMessage()).isEqualTo("Message undeliverable");
        assertThat(f.consent.isOptedOut(Fixture.mobile(1))).isFalse();
    }

    @Test
    void anEventWithoutCorrelationIdStillReachesTheRecipientThroughTheMessage() {
        f = new Fixture().withLeads(1);
        Campaign c = runCampaign("Hi");
        CampaignRecipient r = recipientOf(c, 1);
        f.tracker().apply(DeliveryEvent.of(r.providerMessageId(), null, DeliveryStatus.DELIVERED, f.clock.instant()));
        assertThat(recipientOf(c, 1).status()).isEqualTo(RecipientStatus.DELIVERED);
    }

    @Test
    void aStatusEventSettlesARecipientHeldInDoubtAndThenAppliesItsStatus() {
        f = new Fixture().withLeads(2);
        f.transport.answerFor(Fixture.mobile(2), new SendOutcome.Unknown("timeout after write"));
        Campaign c = runCampaign("Hi");
        CampaignRecipient doubt = recipientOf(c, 2);
        assertThat(doubt.status()).isEqualTo(RecipientStatus.IN_DOUBT);

        assertThat(f.tracker().apply(DeliveryEvent.of("wamid.LATE", doubt.correlationId(), DeliveryStatus.DELIVERED,
                f.clock.instant()))).isEqualTo(Outcome.APPLIED);

        CampaignRecipient settled = recipientOf(c, 2);
        assertThat(settled.status()).isEqualTo(RecipientStatus.DELIVERED);
        assertThat(settled.providerMessageId()).isEqualTo("wamid.LATE");
        LeadMessage m = f.messages.findByProviderMessageId("wamid.LATE").orElseThrow();
        assertThat(m.status()).isEqualTo(MessageStatus.DELIVERED);
        assertThat(m.campaignId()).isEqualTo(c.id());
        assertThat(f.tracker().statistics().settled()).isEqualTo(1);
        assertThat(f.transport.messagesTo(Fixture.mobile(2))).hasSize(1);
        assertThat(f.campaigns.counts(c.id()).inDoubt()).isZero();
    }

    @Test
    void aFailedEventSettlesARecipientHeldInDoubtAsFailed() {
        f = new Fixture().withLeads(1);
        f.transport.answerWith(m -> new SendOutcome.Unknown("connection reset"));
        Campaign c = runCampaign("Hi");
        CampaignRecipient doubt = recipientOf(c, 1);
        f.tracker().apply(new DeliveryEvent("wamid.F", doubt.correlationId(), DeliveryStatus.FAILED,
                f.clock.instant(), null, "131026", "undeliverable", null));
        CampaignRecipient failed = recipientOf(c, 1);
        assertThat(failed.status()).isEqualTo(RecipientStatus.FAILED);
        assertThat(failed.errorCode()).isEqualTo("131026");
        assertThat(failed.retryable()).isFalse();
    }

    @Test
    void aSingleSendWithAnUnknownOutcomeGetsItsProviderIdFromTheStatusEvent() {
        f = new Fixture().withLeads(1);
        f.transport.answerWith(m -> new SendOutcome.Unknown("no answer"));
        SendResult result = f.service().sendSingleMessage(ADMIN, 1, "Hi", null);
        assertThat(result.status()).isEqualTo(MessageStatus.QUEUED);
        LeadMessage queued = f.messages.findById(result.messageId()).orElseThrow();
        assertThat(queued.errorCode()).isEqualTo("UNKNOWN_OUTCOME");

        f.tracker().apply(DeliveryEvent.of("wamid.S1", queued.correlationId(), DeliveryStatus.SENT, f.clock.instant()));
        f.tracker().apply(DeliveryEvent.of("wamid.S1", queued.correlationId(), DeliveryStatus.READ,
                f.clock.instant().plusSeconds(30)));

        LeadMessage m = f.messages.findById(result.messageId()).orElseThrow();
        assertThat(m.providerMessageId()).isEqualTo("wamid.S1");
        assertThat(m.status()).isEqualTo(MessageStatus.READ);
        assertThat(m.errorCode()).isNull();
    }

    @Test
    void eventsForUnknownIdsAndVeryOldEventsAreCountedNotThrown() {
        f = new Fixture().withLeads(1);
        assertThat(f.tracker().apply(DeliveryEvent.of("wamid.NOPE", null, DeliveryStatus.READ, f.clock.instant())))
                .isEqualTo(Outcome.UNKNOWN);
        assertThat(f.tracker().apply(DeliveryEvent.of("wamid.NOPE", "lr-c99-r1-a1", DeliveryStatus.READ,
                f.clock.instant()))).isEqualTo(Outcome.UNKNOWN);
        assertThat(f.tracker().apply(DeliveryEvent.of("wamid.NOPE", "lr-m77", DeliveryStatus.SENT,
                f.clock.instant()))).isEqualTo(Outcome.UNKNOWN);
        assertThat(f.tracker().apply(DeliveryEvent.of("wamid.NOPE", "not-ours", DeliveryStatus.SENT,
                f.clock.instant()))).isEqualTo(Outcome.UNKNOWN);
        assertThat(f.tracker().apply(DeliveryEvent.of("wamid.OLD", null, DeliveryStatus.READ,
                f.clock.instant().minus(Duration.ofDays(60))))).isEqualTo(Outcome.STALE);
        TrackingStatistics s = f.tracker().statistics();
        assertThat(s.received()).isEqualTo(5);
        assertThat(s.unknown()).isEqualTo(4);
        assertThat(s.stale()).isEqualTo(1);
        assertThat(s.applied()).isZero();
    }

    @Test
    void error131050OnAFailedStatusRecordsAnOptOut() {
        f = new Fixture().withLeads(1);
        CampaignRecipient r = recipientOf(runCampaign("Hi"), 1);
        f.tracker().apply(new DeliveryEvent(r.providerMessageId(), r.correlationId(), DeliveryStatus.FAILED,
                f.clock.instant(), Fixture.mobile(1), "131050", "user stopped marketing messages", null));
        assertThat(f.consent.isOptedOut(Fixture.mobile(1))).isTrue();
        assertThat(f.consent.find(Fixture.mobile(1)).orElseThrow().source()).isEqualTo("error-131050");
        assertThat(f.tracker().statistics().optOuts()).isEqualTo(1);
    }

    @Test
    void theListEntryPointHandlesEveryKindOfEvent() {
        f = new Fixture().withLeads(1);
        CampaignRecipient r = recipientOf(runCampaign("Hi"), 1);
        Instant now = f.clock.instant();
        Access.wiring(f.leadReach).templates().save(new io.leadreach.template.MessageTemplate(0, "offer",
                io.leadreach.template.TemplateCategory.PROMOTIONAL, "Hi", null, true, 0, "admin", now,
                new io.leadreach.template.WhatsAppTemplateBinding("spring_offer", "en_US", List.of())));
        f.tracker().apply(List.of(
                event(r, DeliveryStatus.DELIVERED, 1),
                new InboundReply(Fixture.mobile(1), "wamid.in1", "Thanks!", null, r.providerMessageId(), "text",
                        "Lead", now),
                new ConsentChange(Fixture.mobile(1), true, "user_preferences", now),
                new TemplateStatusChange("spring_offer", "en_US", "APPROVED", null, now)));
        TrackingStatistics s = f.tracker().statistics();
        assertThat(s.received()).isEqualTo(4);
        assertThat(s.applied()).isEqualTo(4);
        assertThat(f.activity.replies()).hasSize(1);
        assertThat(f.consent.isOptedOut(Fixture.mobile(1))).isTrue();
    }

    // ---------------------------------------------------------------- inbound replies

    @Test
    void aReplyIsMatchedToItsLeadAndAttributedToTheMessageItAnswers() {
        f = new Fixture().withLeads(2);
        Campaign c = runCampaign("Hi {name}");
        CampaignRecipient r = recipientOf(c, 2);
        f.clock.advance(Duration.ofHours(1));
        Instant at = f.clock.instant();
        assertThat(f.tracker().apply(new InboundReply(Fixture.mobile(2), "wamid.in1", "Tell me more", null,
                r.providerMessageId(), "text", "Lead Two", at))).isEqualTo(Outcome.APPLIED);

        LeadReply reply = f.activity.replies().get(0);
        assertThat(reply.leadId()).isEqualTo(2);
        assertThat(reply.text()).isEqualTo("Tell me more");
        assertThat(reply.campaignId()).isEqualTo(c.id());
        assertThat(reply.messageId()).isEqualTo(f.messages.findByProviderMessageId(r.providerMessageId())
                .orElseThrow().id());
        assertThat(reply.consent()).isEqualTo(LeadReply.ConsentEffect.NONE);
        assertThat(f.conversations.lastInboundAt(Fixture.mobile(2))).contains(at);
        assertThat(recipientOf(c, 2).repliedAt()).isEqualTo(at);
        assertThat(f.service().getCampaignStatistics(ADMIN, c.id()).replied()).isEqualTo(1);
        assertThat(f.service().getCampaignStatistics(ADMIN, c.id()).replyRate()).isEqualTo(0.5);

        f.tracker().apply(new InboundReply(Fixture.mobile(2), "wamid.in2", "And the price?", null, null, "text",
                null, at.plusSeconds(60)));
        assertThat(f.activity.replies()).hasSize(2);
        assertThat(f.service().getCampaignStatistics(ADMIN, c.id()).replied()).isEqualTo(1);
    }

    @Test
    void aReplyWithoutContextIsAttributedToTheLatestMessageWithinTheWindow() {
        f = new Fixture().withLeads(1);
        Campaign c = runCampaign("Hi");
        f.clock.advance(Duration.ofDays(6));
        f.inbound(1, "ok");
        assertThat(f.activity.replies().get(0).campaignId()).isEqualTo(c.id());

        f.clock.advance(Duration.ofDays(2)); // now 8 days after the send: beyond the default 7
        f.inbound(1, "still there?");
        assertThat(f.activity.replies().get(1).campaignId()).isNull();
        assertThat(f.activity.replies().get(1).messageId()).isNull();
    }

    @Test
    void aRepeatedInboundMessageIsHandedOverOnce() {
        f = new Fixture().withLeads(1);
        InboundReply in = new InboundReply(Fixture.mobile(1), "wamid.in1", "hello", null, null, "text", null,
                f.clock.instant());
        assertThat(f.tracker().apply(in)).isEqualTo(Outcome.APPLIED);
        assertThat(f.tracker().apply(in)).isEqualTo(Outcome.DUPLICATE);
        assertThat(f.activity.replies()).hasSize(1);
    }

    @Test
    void anInboundFromANumberOfNoLeadIsACountedSkipButStillOpensTheWindow() {
        f = new Fixture().withLeads(1);
        Instant now = f.clock.instant();
        assertThat(f.tracker().apply(new InboundReply("+12015550199", "wamid.in1", "who is this?", null, null,
                "text", null, now))).isEqualTo(Outcome.UNMATCHED);
        assertThat(f.tracker().apply(new InboundReply("not a number", "wamid.in2", "x", null, null, "text", null,
                now))).isEqualTo(Outcome.UNMATCHED);
        assertThat(f.activity.replies()).isEmpty();
        assertThat(f.conversations.lastInboundAt("+12015550199")).contains(now);
        assertThat(f.tracker().statistics().unmatchedReplies()).isEqualTo(2);
    }

    @Test
    void anInboundFromANumberSharedByTwoLeadsGoesToNeitherButRecordsConsent() {
        f = new Fixture().withLeads(2);
        f.leads.put(Lead.builder(3).name("Twin").mobile(Fixture.mobile(2)).build());
        assertThat(f.inbound(2, "STOP")).isEqualTo(Outcome.AMBIGUOUS);
        assertThat(f.activity.replies()).isEmpty();
        assertThat(f.consent.isOptedOut(Fixture.mobile(2))).isTrue();
        assertThat(f.tracker().statistics().ambiguousReplies()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- consent

    @Test
    void anInboundStopMakesTheNextCampaignSkipTheLeadWithoutCallingTheTransport() {
        f = new Fixture().withLeads(3);
        f.inbound(2, "  Stop! ");
        assertThat(f.activity.replies().get(0).consent()).isEqualTo(LeadReply.ConsentEffect.OPTED_OUT);

        Campaign c = runCampaign("Hi {name}");
        assertThat(f.transport.messagesTo(Fixture.mobile(2))).isEmpty();
        assertThat(f.transport.count()).isEqualTo(2);
        CampaignRecipient skipped = recipientOf(c, 2);
        assertThat(skipped.status()).isEqualTo(RecipientStatus.SKIPPED);
        assertThat(skipped.skipReason()).isEqualTo(SkipReason.OPTED_OUT);
    }

    @Test
    void stopKeywordsInSeveralLanguagesOptOutAndStartKeywordsOptInAgain() {
        f = new Fixture().withLeads(1);
        for (String word : List.of("stop", "UNSUBSCRIBE", "Baja", "arrêt", "ARRET", "Stopp", "abmelden",
                "отписаться", "PARAR", "alto.")) {
            f.inbound(1, "start");
            assertThat(f.consent.isOptedOut(Fixture.mobile(1))).as("after START").isFalse();
            f.clock.advance(Duration.ofSeconds(1));
            f.inbound(1, word);
            assertThat(f.consent.isOptedOut(Fixture.mobile(1))).as(word).isTrue();
            f.clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void aSentenceThatMerelyContainsStopDoesNotOptOut() {
        f = new Fixture().withLeads(1);
        f.inbound(1, "please don't stop sending offers");
        assertThat(f.consent.isOptedOut(Fixture.mobile(1))).isFalse();
    }

    @Test
    void theOptOutButtonPayloadOptsOut() {
        f = new Fixture().withLeads(1);
        f.tracker().apply(new InboundReply(Fixture.mobile(1), "wamid.in1", "No more offers", "UNSUBSCRIBE", null,
                "button", null, f.clock.instant()));
        assertThat(f.consent.isOptedOut(Fixture.mobile(1))).isTrue();
        assertThat(f.consent.find(Fixture.mobile(1)).orElseThrow().source()).isEqualTo("button");
    }

    @Test
    void metasStopPromotionsButtonOptsOutByDefaultAndThePayloadListStaysConfigurable() {
        f = new Fixture().withLeads(2);
        f.tracker().apply(new InboundReply(Fixture.mobile(1), "wamid.in1", "Stop promotions", "STOP_PROMOTIONS", null,
                "button", null, f.clock.instant()));
        assertThat(f.consent.isOptedOut(Fixture.mobile(1))).isTrue();
        assertThat(TrackingConfig.ofDefaults().isOptOutPayload("Stop promotions")).isTrue();
        TrackingConfig custom = TrackingConfig.custom().optOutPayloads(List.of("NO_MORE")).build();
        assertThat(custom.isOptOutPayload("no_more")).isTrue();
        assertThat(custom.isOptOutPayload("STOP_PROMOTIONS")).isFalse();
    }

    @Test
    void anOptOutFromANumberLibphonenumberCallsInvalidIsRecordedByItsRawId() {
        f = new Fixture().withLeads(1);
        String raw = "+999123"; // no such country code: unreadable as a number, still someone's wa_id
        f.tracker().apply(new InboundReply(raw, "wamid.in1", "STOP", null, null, "text", null, f.clock.instant()));
        assertThat(f.consent.isOptedOut(raw)).isTrue();
        String other = "+9990000";
        f.tracker().apply(new ConsentChange(other, true, "user_preferences", f.clock.instant()));
        assertThat(f.consent.isOptedOut(other)).isTrue();
        assertThat(f.tracker().statistics().optOuts()).isEqualTo(2);
    }

    @Test
    void anOptOutOlderThanTheMaximumEventAgeIsStillRecordedWhileOldStatusesStayIgnored() {
        f = new Fixture().withLeads(3);
        Instant old = f.clock.instant().minus(Duration.ofDays(45));
        f.tracker().apply(new InboundReply(Fixture.mobile(1), "wamid.in1", "stop", null, null, "text", null, old));
        f.tracker().apply(new InboundReply(Fixture.mobile(2), "wamid.in2", null, "STOP", null, "button", null, old));
        f.tracker().apply(new ConsentChange(Fixture.mobile(3), true, "user_preferences", old));
        assertThat(f.consent.isOptedOut(Fixture.mobile(1))).isTrue();
        assertThat(f.consent.isOptedOut(Fixture.mobile(2))).isTrue();
        assertThat(f.consent.isOptedOut(Fixture.mobile(3))).isTrue();
        assertThat(f.tracker().apply(new ConsentChange(Fixture.mobile(3), false, "user_preferences", old)))
                .isEqualTo(Outcome.STALE);
        assertThat(f.tracker().apply(new InboundReply(Fixture.mobile(1), "wamid.in3", "hello", null, null, "text",
                null, old))).isEqualTo(Outcome.STALE);
        assertThat(f.tracker().statistics().optOuts()).isEqualTo(3);
        assertThat(f.activity.replies()).isEmpty();
    }

    @Test
    void aStaleOptOutDoesNotUndoANewerOptIn() {
        f = new Fixture().withLeads(1);
        Instant now = f.clock.instant();
        f.tracker().apply(new ConsentChange(Fixture.mobile(1), false, "user_preferences", now));
        f.tracker().apply(new ConsentChange(Fixture.mobile(1), true, "user_preferences", now.minus(Duration.ofDays(40))));
        assertThat(f.consent.isOptedOut(Fixture.mobile(1))).isFalse();
    }

    @Test
    void theKeywordListIsConfigurable() {
        TrackingConfig config = TrackingConfig.custom().stopKeywords(List.of("HALT")).build();
        assertThat(config.isStop(" halt ")).isTrue();
        assertThat(config.isStop("stop")).isFalse();
        assertThat(TrackingConfig.ofDefaults().isStop("STOPALL")).isTrue();
    }

    @Test
    void consentEventsStopAndResumeAndAStaleOneDoesNotUndoANewerOne() {
        f = new Fixture().withLeads(1);
        Instant now = f.clock.instant();
        String n = Fixture.mobile(1);
        assertThat(f.tracker().apply(new ConsentChange(n, true, "user_preferences", now))).isEqualTo(Outcome.APPLIED);
        assertThat(f.tracker().apply(new ConsentChange(n, true, "user_preferences", now)))
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(f.tracker().apply(new ConsentChange(n, false, "user_preferences", now.plusSeconds(60))))
                .isEqualTo(Outcome.APPLIED);
        assertThat(f.consent.isOptedOut(n)).isFalse();
        assertThat(f.tracker().apply(new ConsentChange(n, true, "user_preferences", now.plusSeconds(30))))
                .isEqualTo(Outcome.DUPLICATE);
        assertThat(f.consent.isOptedOut(n)).isFalse();
    }
}
