package io.leadreach.campaign;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.SendWindow;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.transport.WhatsAppTransport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CampaignRunnerTest {

    private Fixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private Campaign start(String body, int perMinute) {
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("spring").body(body)
                .messagesPerMinute(perMinute).build());
        return f.service().executeCampaign(ADMIN, c.id());
    }

    private CampaignCounters counts(Campaign c) {
        return f.campaigns.counts(c.id());
    }

    private static Map<String, Long> sendsPerNumber(List<OutboundMessage> sent) {
        return sent.stream().collect(Collectors.groupingBy(OutboundMessage::to, Collectors.counting()));
    }

    @Test
    void everyTargetedLeadGetsTheRenderedMessageExactlyOnce() {
        f = new Fixture().withLeads(250);
        Campaign c = start("Hi {name}, about {source}", 100_000);
        f.runFor(Duration.ofMinutes(5));

        assertThat(f.transport.count()).isEqualTo(250);
        assertThat(sendsPerNumber(f.transport.messages()).values()).containsOnly(1L);
        OutboundMessage first = f.transport.messagesTo(Fixture.mobile(7)).get(0);
        assertThat(((MessageContent.Text) first.content()).body()).isEqualTo("Hi Lead 7, about web");
        assertThat(first.correlationId()).startsWith("lr-c" + c.id() + "-r");
        assertThat(counts(c).sent()).isEqualTo(250);
        assertThat(f.campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
        LeadMessage logged = f.messages.findByLead(7, 5).get(0);
        assertThat(logged.status()).isEqualTo(MessageStatus.SENT);
        assertThat(logged.campaignId()).isEqualTo(c.id());
        assertThat(logged.providerMessageId()).startsWith("wamid.");
        assertThat(logged.sentBy()).isEqualTo("admin");
    }

    @Test
    void targetCriteriaPickTheLeads() {
        f = new Fixture().withLeads(10);
        f.leads.put(f.leads.findById(3).orElseThrow().toBuilder().status("qualified").build());
        f.leads.put(f.leads.findById(8).orElseThrow().toBuilder().status("qualified").build());
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("q").body("Hi")
                .target(TargetCriteria.builder().statuses("qualified").build()).build());
        f.service().executeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(1));
        assertThat(f.transport.messages()).extracting(OutboundMessage::to)
                .containsExactlyInAnyOrder(Fixture.mobile(3), Fixture.mobile(8));
    }

    @Test
    void theCampaignThrottleIsNeverExceeded() {
        f = new Fixture(b -> b.batchSize(50)).withLeads(200);
        Campaign c = start("Hi", 120); // 2 a second, burst 2
        Instant t0 = f.clock.instant();
        f.runFor(Duration.ofSeconds(30));
        long elapsed = Duration.between(t0, f.clock.instant()).toSeconds();
        assertThat(f.transport.count()).isLessThanOrEqualTo((int) (2 + 2 * elapsed)).isGreaterThanOrEqualTo(50);
        assertThat(counts(c).total()).isEqualTo(200);
    }

    @Test
    void theSenderRateHoldsAcrossCampaigns() {
        f = new Fixture(b -> b.senderMessagesPerSecond(10)).withLeads(100);
        start("one", 100_000);
        start("two", 100_000);
        f.runFor(Duration.ofSeconds(5));
        assertThat(f.transport.count()).isLessThanOrEqualTo(10 + 10 * 5);
        f.runFor(Duration.ofMinutes(1));
        assertThat(f.transport.count()).isEqualTo(200);
    }

    @Test
    void twoCampaignsToOneLeadAreSpacedByThePacing() {
        f = new Fixture().withLeads(1);
        start("first", 100_000);
        start("second", 100_000);
        f.runDue();
        assertThat(f.transport.count()).isEqualTo(1);
        f.clock.advance(Duration.ofSeconds(5));
        f.runDue();
        assertThat(f.transport.count()).isEqualTo(1);
        f.runFor(Duration.ofSeconds(2));
        assertThat(f.transport.count()).isEqualTo(2);
    }

    @Test
    void quietHoursDeferToTheMorningInTheLeadsOwnZone() {
        f = new Fixture().withLeads(2);
        // 23:30 in Kolkata is 18:00 UTC; lead 2 lives in UTC and may be messaged.
        f.clock.set(Instant.parse("2026-03-02T18:00:00Z"));
        f.leads.put(f.leads.findById(1).orElseThrow().toBuilder().timeZone(ZoneId.of("Asia/Kolkata")).build());
        Campaign c = start("Hi", 100_000);
        f.runDue();
        assertThat(f.transport.messages()).extracting(OutboundMessage::to).containsExactly(Fixture.mobile(2));
        assertThat(f.campaigns.nextDueAt(c.id())).contains(Instant.parse("2026-03-03T03:30:00Z")); // 09:00 IST
        f.runFor(Duration.ofHours(9));
        assertThat(f.transport.count()).isEqualTo(1);
        f.runFor(Duration.ofHours(1));
        assertThat(f.transport.count()).isEqualTo(2);
        assertThat(f.campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void quietHoursCanBeChangedOrSwitchedOff() {
        f = new Fixture(b -> b.sendWindow(SendWindow.always())).withLeads(1);
        f.clock.set(Instant.parse("2026-03-02T23:30:00Z"));
        start("Hi", 100_000);
        f.runDue();
        assertThat(f.transport.count()).isEqualTo(1);
        assertThat(SendWindow.quietBetween(LocalTime.of(20, 0), LocalTime.of(8, 0)).isQuiet(LocalTime.of(21, 0)))
                .isTrue();
    }

    @Test
    void failedRecipientsAreRetriedWithBackoff() {
        f = new Fixture().withLeads(1);
        f.transport.failNext(2, SendOutcome.Rejected.of(ErrorClass.RETRYABLE, "131000", "unavailable"));
        Campaign c = start("Hi", 100_000);
        f.runDue();
        CampaignRecipient r = f.campaigns.recipients(c.id(), 0, 1).get(0);
        assertThat(r.status()).isEqualTo(RecipientStatus.PENDING);
        assertThat(r.errorCode()).isEqualTo("131000");
        Duration firstWait = Duration.between(f.clock.instant(), r.nextAttemptAt());
        assertThat(firstWait).isBetween(Duration.ofSeconds(24), Duration.ofSeconds(36)); // 30 s ± 20 %
        f.runFor(Duration.ofMinutes(5));
        assertThat(f.transport.count()).isEqualTo(3);
        CampaignRecipient done = f.campaigns.recipients(c.id(), 0, 1).get(0);
        assertThat(done.status()).isEqualTo(RecipientStatus.SENT);
        assertThat(done.attempts()).isEqualTo(3);
    }

    @Test
    void aProvidersRetryAfterIsHonoured() {
        f = new Fixture().withLeads(1);
        f.transport.failNext(1, new SendOutcome.Rejected(ErrorClass.RATE_LIMITED, "130429", "throughput",
                Duration.ofMinutes(10), null));
        Campaign c = start("Hi", 100_000);
        f.runDue();
        CampaignRecipient r = f.campaigns.recipients(c.id(), 0, 1).get(0);
        assertThat(r.nextAttemptAt()).isEqualTo(f.clock.instant().plus(Duration.ofMinutes(10)));
    }

    @Test
    void throughputLimitsAreRetriedWithinSecondsWithoutUsingUpTheRecipientsAttempts() {
        f = new Fixture().withLeads(1);
        f.transport.failNext(3, SendOutcome.Rejected.of(ErrorClass.RATE_LIMITED, "130429", "throughput"));
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("t").body("Hi").maxAttempts(2)
                .build());
        f.service().executeCampaign(ADMIN, c.id());
        f.runDue();
        CampaignRecipient r = f.campaigns.recipients(c.id(), 0, 1).get(0);
        assertThat(Duration.between(f.clock.instant(), r.nextAttemptAt()))
                .as("about a second, and not held back by the pacing slot the refused send took")
                .isBetween(Duration.ofMillis(800), Duration.ofMillis(1200));
        f.runFor(Duration.ofSeconds(20));
        CampaignRecipient done = f.campaigns.recipients(c.id(), 0, 1).get(0);
        assertThat(done.status()).isEqualTo(RecipientStatus.SENT);
        assertThat(done.attempts()).isEqualTo(4);
    }

    @Test
    void theRateLimitRetriesFollowTheCampaignsRetryPolicy() {
        RetryPolicy policy = RetryPolicy.custom().rateLimitedAttempts(3).rateLimitInitialBackoff(Duration.ofSeconds(5))
                .rateLimitMaxBackoff(Duration.ofSeconds(8)).build();
        f = new Fixture(b -> b.defaultRetryPolicy(policy)).withLeads(1);
        f.transport.answerFor(Fixture.mobile(1), SendOutcome.Rejected.of(ErrorClass.RATE_LIMITED, "130429", "throughput"));
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("t").body("Hi").maxAttempts(2)
                .build());
        assertThat(f.campaigns.find(c.id()).orElseThrow().retryPolicy().rateLimitedAttempts())
                .as("a campaign's own attempts leave the rate-limit settings of the default policy").isEqualTo(3);
        f.service().executeCampaign(ADMIN, c.id());
        f.runDue();
        CampaignRecipient r = f.campaigns.recipients(c.id(), 0, 1).get(0);
        assertThat(Duration.between(f.clock.instant(), r.nextAttemptAt()))
                .isBetween(Duration.ofSeconds(4), Duration.ofSeconds(6)); // 5 s ± 20 %
        f.runFor(Duration.ofMinutes(1));
        CampaignRecipient done = f.campaigns.recipients(c.id(), 0, 1).get(0);
        assertThat(done.status()).isEqualTo(RecipientStatus.FAILED);
        assertThat(done.attempts()).isEqualTo(3);
        assertThat(f.transport.messagesTo(Fixture.mobile(1))).hasSize(3);
    }

    @Test
    void retriesStopAtMaxAttemptsAndAreRetryableByAnOperator() {
        f = new Fixture().withLeads(2);
        f.transport.answerFor(Fixture.mobile(1), SendOutcome.Rejected.of(ErrorClass.RETRYABLE, "131016", "down"));
        f.transport.answerFor(Fixture.mobile(2), SendOutcome.Rejected.of(ErrorClass.PERMANENT, "131026", "no WA"));
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("r").body("Hi").maxAttempts(2)
                .build());
        f.service().executeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofHours(1));
        assertThat(f.transport.messagesTo(Fixture.mobile(1))).hasSize(2);
        assertThat(f.transport.messagesTo(Fixture.mobile(2))).hasSize(1);
        assertThat(counts(c).failed()).isEqualTo(2);
        assertThat(f.campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);

        f.transport.answerFor(Fixture.mobile(1), f.transport.accepted());
        assertThat(f.service().retryFailedMessages(ADMIN, c.id())).isEqualTo(1);
        f.runFor(Duration.ofMinutes(1));
        assertThat(f.transport.messagesTo(Fixture.mobile(1))).hasSize(3);
        assertThat(f.transport.messagesTo(Fixture.mobile(2))).hasSize(1);
        Map<Long, CampaignRecipient> byLead = f.campaigns.recipients(c.id(), 0, 10).stream()
                .collect(Collectors.toMap(CampaignRecipient::leadId, Function.identity()));
        assertThat(byLead.get(1L).status()).isEqualTo(RecipientStatus.SENT);
        assertThat(byLead.get(2L).errorCode()).isEqualTo("131026");
        assertThat(f.campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void anUnknownOutcomeIsHeldInDoubtUntilAStatusEventSettlesIt() {
        f = new Fixture().withLeads(3);
        f.transport.answerFor(Fixture.mobile(2), new SendOutcome.Unknown("timeout after write"));
        Campaign c = start("Hi", 100_000);
        f.runFor(Duration.ofHours(2));
        assertThat(f.transport.messagesTo(Fixture.mobile(2))).as("never resent").hasSize(1);
        assertThat(counts(c).inDoubt()).isEqualTo(1);
        assertThat(f.campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);

        String correlationId = f.transport.messagesTo(Fixture.mobile(2)).get(0).correlationId();
        assertThat(f.leadReach.runner().settle(correlationId, new Settlement.Sent("wamid.late", f.clock.instant())))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(RecipientStatus.SENT));
        assertThat(counts(c).sent()).isEqualTo(3);
        assertThat(counts(c).inDoubt()).isZero();
        assertThat(f.messages.findByProviderMessageId("wamid.late")).isPresent();
    }

    @Test
    void optedOutAndInvalidLeadsAreSkippedWithoutAnApiCall() {
        f = new Fixture().withLeads(4);
        f.consent.optOut(Fixture.mobile(1), "keyword", f.clock.instant());
        f.leads.put(f.leads.findById(2).orElseThrow().toBuilder().mobile("12").build());
        f.leads.put(f.leads.findById(3).orElseThrow().toBuilder().optedOut(true).build());
        Campaign c = start("Hi", 100_000);
        f.runFor(Duration.ofMinutes(1));
        assertThat(f.transport.messages()).extracting(OutboundMessage::to).containsExactly(Fixture.mobile(4));
        Map<Long, CampaignRecipient> byLead = f.campaigns.recipients(c.id(), 0, 10).stream()
                .collect(Collectors.toMap(CampaignRecipient::leadId, Function.identity()));
        assertThat(byLead.get(1L).skipReason()).isEqualTo(SkipReason.OPTED_OUT);
        assertThat(byLead.get(2L).skipReason()).isEqualTo(SkipReason.INVALID_NUMBER);
        assertThat(byLead.get(3L).skipReason()).isEqualTo(SkipReason.OPTED_OUT);
        assertThat(counts(c).skipped()).isEqualTo(3);
    }

    @Test
    void aLeadDeletedFromTheCrmIsSkipped() {
        f = new Fixture().withLeads(2);
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("ids").body("Hi")
                .target(TargetCriteria.ofLeadIds(List.of(1L, 2L))).build());
        f.service().executeCampaign(ADMIN, c.id());
        f.leads.remove(1);
        f.runFor(Duration.ofMinutes(1));
        assertThat(f.transport.count()).isEqualTo(1);
        assertThat(f.campaigns.recipients(c.id(), 0, 10)).anySatisfy(
                r -> assertThat(r.skipReason()).isEqualTo(SkipReason.LEAD_NOT_FOUND));
    }

    @Test
    void errorOptedOutRecordsTheOptOut() {
        f = new Fixture().withLeads(1);
        f.transport.failNext(1, SendOutcome.Rejected.of(ErrorClass.OPTED_OUT, "131050", "stopped marketing"));
        start("Hi", 100_000);
        f.runDue();
        assertThat(f.consent.isOptedOut(Fixture.mobile(1))).isTrue();
    }

    @Test
    void aQualityErrorPausesTheCampaign() {
        f = new Fixture(b -> b.batchSize(5)).withLeads(20);
        f.transport.failNext(1, SendOutcome.Rejected.of(ErrorClass.QUALITY_PAUSE, "131048", "spam rate limit"));
        Campaign c = start("Hi", 100_000);
        f.runFor(Duration.ofMinutes(1));
        Campaign paused = f.campaigns.find(c.id()).orElseThrow();
        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.statusReason()).contains("131048");
        assertThat(f.transport.count()).isLessThanOrEqualTo(5);
    }

    @Test
    void pauseTakesEffectWithinOneBatchAndResumeContinues() {
        f = new Fixture(b -> b.batchSize(10)).withLeads(100);
        Campaign c = start("Hi", 600); // 10 a second, burst 10
        f.runDue();
        int beforePause = f.transport.count();
        assertThat(beforePause).isEqualTo(10);
        f.service().pauseCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(5));
        assertThat(f.transport.count()).isEqualTo(beforePause);
        assertThat(counts(c).total()).isEqualTo(counts(c).sent() + counts(c).get(RecipientStatus.PENDING));

        f.service().resumeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(5));
        assertThat(f.transport.count()).isEqualTo(100);
        assertThat(sendsPerNumber(f.transport.messages()).values()).containsOnly(1L);
    }

    @Test
    void cancelMarksTheRestCancelled() {
        f = new Fixture(b -> b.batchSize(10)).withLeads(50);
        Campaign c = start("Hi", 600);
        f.runDue();
        f.service().cancelCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(5));
        CampaignCounters n = counts(c);
        assertThat(n.sent()).isEqualTo(10);
        assertThat(n.sent() + n.cancelled()).isEqualTo(n.total());
        assertThat(f.transport.count()).isEqualTo(10);
    }

    @Test
    void aScheduledCampaignStartsAtItsTime() {
        f = new Fixture().withLeads(3);
        Instant at = f.clock.instant().plus(Duration.ofHours(2));
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("later").body("Hi")
                .scheduledAt(at).build());
        assertThat(c.status()).isEqualTo(CampaignStatus.SCHEDULED);
        f.leadReach.runner().start();
        f.runFor(Duration.ofHours(1));
        assertThat(f.transport.count()).isZero();
        f.runFor(Duration.ofMinutes(61));
        assertThat(f.transport.count()).isEqualTo(3);
        assertThat(f.campaigns.find(c.id()).orElseThrow().startedAt()).isBetween(at, at.plusSeconds(2));
    }

    @Test
    void aSlowTransportNeverBlocksTheCallerAndIsBoundedByMaxInFlight() throws Exception {
        GatedTransport slow = new GatedTransport();
        f = Fixture.withTransport(slow, b -> b.maxInFlight(4).leadPacing(Duration.ZERO));
        f.withLeads(12);
        Campaign c = start("Hi", 100_000);
        assertThat(slow.started()).as("executing a campaign sends nothing on the caller's thread").isZero();

        // The runner's worker takes the first four slots and then waits for one to free up.
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<?> running = worker.submit(() -> {
                while (f.campaigns.find(c.id()).orElseThrow().status() != CampaignStatus.COMPLETED) {
                    f.runDue();
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> slow.inFlight() == 4);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> slow.started() == 4 && slow.inFlight() == 4);
            assertThat(counts(c).sent()).as("nothing settled before the transport answers").isZero();

            while (slow.started() < 12 || slow.inFlight() > 0) {
                await().atMost(Duration.ofSeconds(10)).until(() -> slow.inFlight() > 0);
                slow.completeOne();
            }
            running.get(10, TimeUnit.SECONDS);
        } finally {
            worker.shutdownNow();
        }
        f.runDue();
        assertThat(slow.maxInFlight()).as("never more sends under way than maxInFlight").isEqualTo(4);
        assertThat(slow.started()).isEqualTo(12);
        assertThat(counts(c).sent()).isEqualTo(12);
        assertThat(f.campaigns.find(c.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
    }

    /** A transport whose sends stay under way until the test completes them, counting how many at once. */
    private static final class GatedTransport implements WhatsAppTransport {
        private final BlockingQueue<CompletableFuture<SendOutcome>> open =
                new LinkedBlockingQueue<>();
        private final AtomicInteger started = new AtomicInteger();
        private final AtomicInteger inFlight = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();
        private final AtomicInteger completed = new AtomicInteger();

        @Override
        public CompletionStage<SendOutcome> send(OutboundMessage message) {
            started.incrementAndGet();
            max.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            CompletableFuture<SendOutcome> answer = new CompletableFuture<>();
            open.add(answer);
            return answer;
        }

        @Override
        public String senderId() {
            return "gated";
        }

        void completeOne() {
            CompletableFuture<SendOutcome> next = open.poll();
            if (next != null) {
                inFlight.decrementAndGet();
                next.complete(new SendOutcome.Accepted("wamid.gated-" + completed.incrementAndGet(), null));
            }
        }

        int started() {
            return started.get();
        }

        int inFlight() {
            return inFlight.get();
        }

        int maxInFlight() {
            return max.get();
        }
    }

    @Test
    void aTransportThatNeverAnswersLeavesTheRecipientInDoubtAfterTheTimeout() throws Exception {
        WhatsAppTransport silent = m -> new CompletableFuture<>();
        f = Fixture.withTransport(silent, b -> b.sendTimeout(Duration.ofMillis(100)));
        f.withLeads(1);
        Campaign c = start("Hi", 100_000);
        f.runDue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(counts(c).inDoubt()).isEqualTo(1));
    }

    @Test
    void aCampaignWithAnAttachmentSendsMediaWithTheRenderedCaption() {
        f = new Fixture().withLeads(2);
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("brochure")
                .body("For {name}").attachment(io.leadreach.TestFiles.pdf("brochure.pdf")).build());
        f.service().executeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(1));
        assertThat(f.transport.messages()).hasSize(2).allSatisfy(m -> {
            assertThat(m.content()).isInstanceOf(MessageContent.Media.class);
            MessageContent.Media media = (MessageContent.Media) m.content();
            assertThat(media.file().attachment().mimeType()).isEqualTo("application/pdf");
            assertThat(media.caption()).startsWith("For Lead ");
        });
        MessageContent.Media one = (MessageContent.Media) f.transport.messages().get(0).content();
        MessageContent.Media two = (MessageContent.Media) f.transport.messages().get(1).content();
        assertThat(one.file().attachment().id()).as("stored once, reused").isEqualTo(two.file().attachment().id());
        assertThat(f.attachments.find(one.file().attachment().id())).isPresent();
    }

    @Test
    void materialisationStreamsThroughTheDirectoryInPages() {
        f = new Fixture().withLeads(Materializing.MATERIALIZE_PAGE * 2 + 5);
        Campaign c = start("Hi", 100_000);
        f.runDue();
        Campaign after = f.campaigns.find(c.id()).orElseThrow();
        assertThat(after.materialized()).isTrue();
        assertThat(after.materializedUpTo()).isEqualTo(Materializing.MATERIALIZE_PAGE * 2L + 5);
        assertThat(counts(c).total()).isEqualTo(Materializing.MATERIALIZE_PAGE * 2L + 5);
    }

    static Lead lead(Fixture f, long id) {
        return f.leads.findById(id).orElseThrow();
    }

    static RetryPolicy once() {
        return RetryPolicy.custom().maxAttempts(1).build();
    }
}
