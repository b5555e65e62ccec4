package io.leadreach.campaign;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.LeadReach;
import io.leadreach.ValidationException;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SenderNumbers;
import io.leadreach.testing.RecordingTransport;
import io.leadreach.tracking.InboundReply;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.transport.SenderRoutingTransport;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Campaigns on several sender numbers: each message goes out through its number's transport, a
 * pool spreads its leads by lead and stably, each number has its own token bucket, a quality error
 * pauses the campaigns of that number only, and the 24-hour window belongs to a number and a lead.
 */
class SenderNumbersCampaignTest {

    private static final String A = "100000000000001";
    private static final String B = "100000000000002";
    private static final String C = "100000000000003";
    private static final String D = "100000000000004";

    private final Map<String, RecordingTransport> byNumber = new HashMap<>();
    private Fixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    /** A fixture with numbers A..D, each at {@code perSecond} (burst one second's worth), on their own recording transports. */
    private Fixture fixture(int perSecond, int leads, java.util.function.UnaryOperator<io.leadreach.sending.SendingConfig.Builder> config) {
        List<RecordingTransport> transports = List.of(new RecordingTransport(A), new RecordingTransport(B),
                new RecordingTransport(C), new RecordingTransport(D));
        transports.forEach(t -> byNumber.put(t.senderId(), t));
        List<SenderNumber> numbers = transports.stream()
                .map(t -> SenderNumber.of(t.senderId()).withRate(RateLimit.perSecond(perSecond))).toList();
        f = Fixture.withSenders(SenderRoutingTransport.of(transports), numbers, config).withLeads(leads);
        return f;
    }

    private Campaign start(String name, List<String> numbers) {
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name(name).body("Hi {name}")
                .messagesPerMinute(1_000_000).senderNumbers(numbers).build());
        return f.service().executeCampaign(ADMIN, c.id());
    }

    private int sentFrom(String number) {
        return byNumber.get(number).count();
    }

    @Test
    void aPoolSpreadsItsLeadsOverItsNumbersEachLeadOnceFromItsOwnNumber() {
        fixture(1_000, 400, b -> b);
        Campaign c = start("pool", List.of(A, B, C, D));
        f.runFor(Duration.ofMinutes(1));

        assertThat(f.campaigns.counts(c.id()).sent()).isEqualTo(400);
        SenderNumbers registry = SenderNumbers.of(List.of(SenderNumber.of(A), SenderNumber.of(B),
                SenderNumber.of(C), SenderNumber.of(D)));
        Set<String> leadsReached = new HashSet<>();
        for (RecordingTransport t : byNumber.values()) {
            for (OutboundMessage m : t.messages()) {
                assertThat(m.from()).isEqualTo(t.senderId());
                assertThat(leadsReached.add(m.to())).as("one message to %s", m.to()).isTrue();
                long leadId = Long.parseLong(m.to().substring(m.to().length() - 4));
                assertThat(registry.pick(List.of(A, B, C, D), leadId).id()).as("lead %d's number", leadId)
                        .isEqualTo(t.senderId());
            }
            // 400 leads over 4 numbers: each between 60 and 140 (expected 100)
            assertThat(t.count()).as("sent from %s", t.senderId()).isBetween(60, 140);
        }
        assertThat(leadsReached).hasSize(400);
        // each logged message names the number it went from
        for (long leadId = 1; leadId <= 400; leadId++) {
            assertThat(f.messages.findByLead(leadId, 5)).singleElement().satisfies(m -> assertThat(m.senderNumber())
                    .isEqualTo(registry.pick(List.of(A, B, C, D), m.leadId()).id()));
        }
    }

    @Test
    void aCampaignOnOneNumberSendsOnlyFromIt() {
        fixture(1_000, 30, b -> b);
        Campaign c = start("one number", List.of(C));
        f.runFor(Duration.ofMinutes(1));
        assertThat(f.campaigns.counts(c.id()).sent()).isEqualTo(30);
        assertThat(sentFrom(C)).isEqualTo(30);
        assertThat(sentFrom(A) + sentFrom(B) + sentFrom(D)).isZero();
    }

    @Test
    void aCampaignThatNamesNoNumberSendsFromTheFirst() {
        fixture(1_000, 10, b -> b);
        start("default", List.of());
        f.runFor(Duration.ofMinutes(1));
        assertThat(sentFrom(A)).isEqualTo(10);
    }

    @Test
    void eachNumberHasItsOwnBucket() {
        // 10 a second per number and the clock stands still: one number's campaign gets its
        // burst of 10; two numbers get 10 each, where one shared sender bucket would give 10 in all.
        fixture(10, 100, b -> b.batchSize(50));
        start("on A", List.of(A));
        start("on B", List.of(B));
        f.runDue();
        assertThat(sentFrom(A)).isEqualTo(10);
        assertThat(sentFrom(B)).isEqualTo(10);
        f.runFor(Duration.ofSeconds(3));
        assertThat(sentFrom(A)).isBetween(10, 10 + 10 * 3);
        f.runFor(Duration.ofMinutes(1));
        assertThat(sentFrom(A)).isEqualTo(100);
        assertThat(sentFrom(B)).isEqualTo(100);
    }

    @Test
    void aPoolIsHeldToEachNumbersRateAndStillSendsEveryLead() {
        // pool A+B at 5 a second each, a still clock: at most 5 from each number per tick; the
        // leads of a number without permits are put back, not lost, and go out later
        fixture(5, 60, b -> b.batchSize(50));
        Campaign c = start("pool", List.of(A, B));
        f.runDue();
        assertThat(sentFrom(A)).isLessThanOrEqualTo(5);
        assertThat(sentFrom(B)).isLessThanOrEqualTo(5);
        assertThat(sentFrom(A) + sentFrom(B)).isGreaterThan(0);
        f.runFor(Duration.ofMinutes(1));
        assertThat(sentFrom(A) + sentFrom(B)).isEqualTo(60);
        assertThat(f.campaigns.counts(c.id()).sent()).isEqualTo(60);
        assertThat(f.campaigns.counts(c.id()).open()).isZero();
    }

    @Test
    void aQualityErrorPausesTheCampaignsOfThatNumberOnly() {
        fixture(1_000, 40, b -> b.batchSize(5));
        byNumber.get(A).failNext(1, SendOutcome.Rejected.of(ErrorClass.QUALITY_PAUSE, "131048", "spam rate limit"));
        Campaign onA = start("on A", List.of(A));
        Campaign pool = start("pool with A", List.of(B, A));
        Campaign onB = start("on B", List.of(B));
        Campaign onD = start("on D", List.of(D));
        f.runFor(Duration.ofMinutes(1));

        Campaign paused = f.campaigns.find(onA.id()).orElseThrow();
        assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(paused.statusReason()).contains("131048").contains(A);
        assertThat(f.campaigns.find(pool.id()).orElseThrow().status()).isEqualTo(CampaignStatus.PAUSED);
        assertThat(f.campaigns.find(onB.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(f.campaigns.find(onD.id()).orElseThrow().status()).isEqualTo(CampaignStatus.COMPLETED);
        assertThat(f.campaigns.counts(onB.id()).sent()).isEqualTo(40);
    }

    @Test
    void theServiceWindowIsPerNumberAndLead() {
        // the window rule on, no template: a free-form message goes only from a number the lead wrote to
        fixture(1_000, 2, b -> b.enforceServiceWindow(true));
        f.tracker().apply(new InboundReply(Fixture.mobile(1), "wamid.in-1", "hello", null, null, "text", null,
                f.clock.instant(), B));
        Campaign fromB = start("from B", List.of(B));
        f.runFor(Duration.ofMinutes(1));
        Campaign fromC = start("from C", List.of(C));
        f.runFor(Duration.ofMinutes(1));

        assertThat(byNumber.get(B).messagesTo(Fixture.mobile(1))).hasSize(1);
        assertThat(byNumber.get(B).messagesTo(Fixture.mobile(2))).isEmpty();
        assertThat(sentFrom(C)).isZero();
        assertThat(f.campaigns.counts(fromB.id()).sent()).isEqualTo(1);
        assertThat(f.campaigns.counts(fromC.id()).sent()).isZero();
        assertThat(f.conversations.lastInboundAt(B, Fixture.mobile(1))).isPresent();
        assertThat(f.conversations.lastInboundAt(C, Fixture.mobile(1))).isEmpty();
    }

    @Test
    void anInboundMessageThatNamesNoNumberOpensTheDefaultNumbersWindow() {
        fixture(1_000, 1, b -> b.enforceServiceWindow(true));
        f.inbound(1, "hello");
        assertThat(f.conversations.lastInboundAt(A, Fixture.mobile(1))).isPresent();
        assertThat(f.conversations.lastInboundAt(B, Fixture.mobile(1))).isEmpty();
        assertThat(f.activity.replies()).singleElement().satisfies(r -> assertThat(r.businessNumberId()).isEqualTo(A));
    }

    @Test
    void aReplyRecordsTheNumberItWasWrittenTo() {
        fixture(1_000, 1, b -> b);
        reply(1, C);
        reply(1, "106540352242922"); // a number the engine does not send from counts as the default one
        assertThat(f.activity.replies()).extracting(r -> r.businessNumberId()).containsExactly(C, A);
    }

    @Test
    void anInboundMessageToANumberTheEngineDoesNotSendFromOpensTheDefaultNumbersWindow() {
        // a single-number host whose own transport names itself otherwise than the webhooks do
        try (Fixture single = new Fixture(b -> b.enforceServiceWindow(true)).withLeads(1)) {
            single.tracker().apply(new InboundReply(Fixture.mobile(1), "wamid.in-9", "hello", null, null, "text",
                    null, single.clock.instant(), "106540352242922"));
            single.service().sendSingleMessage(ADMIN, 1, "Thanks for writing", null);
            assertThat(single.transport.count()).isEqualTo(1);
            assertThat(single.conversations.lastInboundAt("recording", Fixture.mobile(1))).isPresent();
        }
    }

    @Test
    void aSingleSendToALeadWithNoOpenConversationGoesFromTheDefaultNumber() {
        fixture(1_000, 1, b -> b);
        f.service().sendSingleMessage(ADMIN, 1, "Hello", null);
        assertThat(sentFrom(A)).isEqualTo(1);
        assertThat(byNumber.get(A).messages().get(0).from()).isEqualTo(A);
        assertThat(f.messages.findByLead(1, 5)).singleElement().satisfies(m -> assertThat(m.senderNumber()).isEqualTo(A));
    }

    @Test
    void aSingleSendRepliesFromTheNumberTheLeadLastWroteToInsideTheWindow() {
        // the window rule on: from the default number A, where lead 1 never wrote, it would be refused
        fixture(1_000, 2, b -> b.enforceServiceWindow(true).leadPacing(Duration.ZERO));
        reply(1, C);
        f.clock.advance(Duration.ofMinutes(5));
        reply(1, B); // the latest conversation is B's
        f.clock.advance(Duration.ofMinutes(5));

        assertThat(f.service().sendSingleMessage(ADMIN, 1, "Thanks for writing", null).isAccepted()).isTrue();
        assertThat(byNumber.get(B).messagesTo(Fixture.mobile(1))).singleElement()
                .satisfies(m -> assertThat(m.from()).isEqualTo(B));
        assertThat(sentFrom(A) + sentFrom(C)).isZero();
        assertThat(f.messages.findByLead(1, 5)).singleElement().satisfies(m -> assertThat(m.senderNumber()).isEqualTo(B));

        // once B's window has closed (C's is older still), the send would go from A and is refused there
        f.clock.advance(Duration.ofHours(24));
        assertThatThrownBy(() -> f.service().sendSingleMessage(ADMIN, 1, "Still there?", null))
                .isInstanceOfSatisfying(ValidationException.class,
                        e -> assertThat(e.errors().get(0).code()).isEqualTo("outside_service_window"));
        assertThat(sentFrom(A) + sentFrom(C)).isZero();
    }

    @Test
    void smallBulkSendsGoFromTheDefaultNumberAsTheirCampaignsDo() {
        fixture(1_000, 2, b -> b.leadPacing(Duration.ZERO));
        reply(1, B);
        f.service().sendBulkMessages(ADMIN, List.of(1L, 2L), "News", null);
        assertThat(sentFrom(A)).isEqualTo(2);
        assertThat(sentFrom(B)).isZero();
    }

    private void reply(long lead, String toNumber) {
        f.tracker().apply(new InboundReply(Fixture.mobile(lead), "wamid.in-" + lead + "-" + toNumber, "hello", null,
                null, "text", null, f.clock.instant(), toNumber));
    }

    @Test
    void aCampaignNamingAnUnregisteredOrRepeatedNumberIsRefusedByField() {
        fixture(1_000, 1, b -> b);
        assertThatThrownBy(() -> f.service().createCampaign(ADMIN, CampaignSpec.builder().name("x").body("Hi")
                .senderNumbers(List.of(A, "999", A)).build()))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.errors())
                        .extracting(ValidationException.FieldError::field, ValidationException.FieldError::code)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("senderNumbers", "unknown"),
                                org.assertj.core.groups.Tuple.tuple("senderNumbers", "repeated")));
    }

    @Test
    void aCampaignWhoseNumberIsNoLongerRegisteredIsPausedNotFailed() {
        fixture(1_000, 5, b -> b);
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("on B").body("Hi")
                .senderNumber(B).build());
        // the next engine on the same stores knows number A only
        RecordingTransport onlyA = new RecordingTransport(A);
        try (Fixture restarted = Fixture.with(f.campaigns, onlyA, b -> b).withLeads(5)) {
            restarted.service().executeCampaign(ADMIN, c.id());
            restarted.runFor(Duration.ofMinutes(1));
            Campaign paused = restarted.campaigns.find(c.id()).orElseThrow();
            assertThat(paused.status()).isEqualTo(CampaignStatus.PAUSED);
            assertThat(paused.statusReason()).contains(B).contains("not registered");
            assertThat(onlyA.count()).isZero();
            assertThat(restarted.campaigns.counts(c.id()).sent()).isZero();
        }
    }

    @Test
    void anEngineRefusesNumbersItsRoutingTransportCannotSendFrom() {
        SenderRoutingTransport routing = SenderRoutingTransport.of(List.of(new RecordingTransport(A)));
        assertThatThrownBy(() -> LeadReach.builder().transport(routing)
                .senderNumbers(SenderNumber.of(A), SenderNumber.of(B)).autoStart(false).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining(B);
    }

    @Test
    void theRoutingTransportRefusesAnUnknownNumberWithoutSending() {
        RecordingTransport a = new RecordingTransport(A);
        SenderRoutingTransport routing = SenderRoutingTransport.of(List.of(a));
        SendOutcome outcome = routing.send(new OutboundMessage("+12015550001", "c-1",
                new io.leadreach.transport.MessageContent.Text("Hi", false), B)).toCompletableFuture().join();
        assertThat(outcome).isInstanceOfSatisfying(SendOutcome.Rejected.class, r -> {
            assertThat(r.errorClass()).isEqualTo(ErrorClass.CONFIGURATION);
            assertThat(r.code()).isEqualTo(SenderRoutingTransport.UNKNOWN_SENDER);
        });
        assertThat(a.count()).isZero();
        assertThatThrownBy(() -> SenderRoutingTransport.of(List.of(a, new RecordingTransport(A))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aPoolSpreadIsStableAndEvenOverSeededRandomIds() {
        SenderNumbers registry = SenderNumbers.of(List.of(SenderNumber.of(A), SenderNumber.of(B),
                SenderNumber.of(C), SenderNumber.of(D)));
        java.util.Random random = new java.util.Random(20261203L);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 40_000; i++) {
            long leadId = random.nextLong() & Long.MAX_VALUE;
            String first = registry.pick(List.of(A, B, C, D), leadId).id();
            assertThat(registry.pick(List.of(A, B, C, D), leadId).id()).isEqualTo(first);
            counts.merge(first, 1, Integer::sum);
        }
        // 10,000 expected each; 4 standard deviations is about 350
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(9_500, 10_500));
        Map<String, Long> consecutive = java.util.stream.LongStream.rangeClosed(1, 4_000)
                .mapToObj(id -> registry.pick(List.of(A, B, C, D), id).id())
                .collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(consecutive.values()).allSatisfy(n -> assertThat(n).isBetween(850L, 1_150L));
    }
}
