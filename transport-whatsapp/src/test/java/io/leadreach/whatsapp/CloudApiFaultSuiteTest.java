package io.leadreach.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.internal.Access;
import io.leadreach.lead.Lead;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.whatsapp.CloudApiFaults.Fault;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine and the real {@link CloudApiTransport} against {@link FaultyCloudApi}: a campaign
 * whose recipients are each given a fault class of {@link CloudApiFaults} (a few recipients per
 * class, picked by a seeded {@link Random}; the rest are answered normally), and a campaign whose
 * first connections are reset before the server reads a byte. For each recipient, its end state
 * and the number of requests the server read for it; for the campaign, counters that add up and
 * match the store and the message log.
 *
 * <p>The seed is printed; replay a run with {@code -Dleadreach.faults.seed=N}. Retries back off
 * 100 to 400 ms; the 24 hours a marketing cap (131049) must wait are passed by moving the engine's
 * clock once nothing else is open.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class CloudApiFaultSuiteTest {

    static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));
    static final long SEED = Long.getLong("leadreach.faults.seed", new Random().nextLong());

    /** A clock that runs with the system's and can be moved forward (the engine's schedules all read it). */
    static final class ShiftableClock extends Clock {
        private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

        void shift(Duration by) {
            offset.accumulateAndGet(by, Duration::plus);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("UTC only");
        }
    }

    /** One recipient of the run and the fault it was given (null: answered normally). */
    record Assigned(long leadId, String to, Fault fault) {
        String className() {
            return fault == null ? "no fault" : fault.name();
        }
    }

    /** The engine over in-memory stores with the real transport, tuned to finish fast. */
    static final class Engine implements AutoCloseable {
        final ShiftableClock clock = new ShiftableClock();
        final InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        final CloudApiTransport transport;
        final LeadReach leadReach;

        Engine(FaultyCloudApi api, List<Assigned> recipients) {
            Instant created = clock.instant().minus(Duration.ofDays(30));
            for (Assigned a : recipients) {
                leads.put(Lead.builder(a.leadId()).name("Lead " + a.leadId()).mobile(a.to()).status("new")
                        .source("web").createdAt(created).build());
            }
            transport = CloudApiTransport.create(api.clientConfig().responseTimeout(CloudApiFaults.RESPONSE_TIMEOUT)
                    .build());
            leadReach = LeadReach.builder().clock(clock).transport(transport).leadDirectory(leads)
                    .nodeId("faults")
                    .sending(SendingConfig.custom()
                            .senderMessagesPerSecond(400)
                            .leadPacing(Duration.ofMillis(50))   // also the pair-rate (131056) retry wait
                            .sendWindow(SendWindow.always())     // the run must not depend on the hour
                            .enforceServiceWindow(false)         // the leads never wrote in
                            .batchSize(20)
                            .pollInterval(Duration.ofMillis(200))
                            // Longer than the transport's timeout (plus HttpClient's 1 s timeout tick),
                            // so that the transport, not the engine, reports a hung request.
                            .sendTimeout(Duration.ofSeconds(6))
                            .lease(Duration.ofSeconds(30))
                            .defaultRetryPolicy(RetryPolicy.custom().maxAttempts(CloudApiFaults.MAX_ATTEMPTS)
                                    .initialBackoff(Duration.ofMillis(100)).maxBackoff(Duration.ofMillis(400)).build())
                            .build())
                    .build();
        }

        Campaign start(String name, int messagesPerMinute) {
            Campaign c = leadReach.service().createCampaign(ADMIN, CampaignSpec.builder().name(name)
                    .body("Hi {name}, your quote is ready.").messagesPerMinute(messagesPerMinute).build());
            leadReach.service().executeCampaign(ADMIN, c.id());
            return c;
        }

        Campaign campaign(long id) {
            return Access.wiring(leadReach).campaigns().find(id).orElseThrow();
        }

        CampaignCounters counts(long id) {
            return Access.wiring(leadReach).campaigns().counts(id);
        }

        Map<Long, CampaignRecipient> recipients(long campaignId) {
            Map<Long, CampaignRecipient> byLead = new LinkedHashMap<>();
            long after = 0;
            while (true) {
                List<CampaignRecipient> page = Access.wiring(leadReach).campaigns().recipients(campaignId, after, 500);
                page.forEach(r -> byLead.put(r.leadId(), r));
                if (page.size() < 500) {
                    return byLead;
                }
                after = page.get(page.size() - 1).id();
            }
        }

        List<LeadMessage> messages(long campaignId, long leadId) {
            return Access.wiring(leadReach).messages().findByLead(leadId, 20).stream()
                    .filter(m -> m.campaignId() != null && m.campaignId() == campaignId).toList();
        }

        @Override
        public void close() {
            leadReach.close();
            transport.close();
        }
    }

    @Test
    void everyFaultClassEndsWhereItShouldAfterTheRequestsItAllows() {
        System.out.println("CloudApiFaultSuiteTest seed " + SEED + " (replay: -Dleadreach.faults.seed=" + SEED + ")");
        Random random = new Random(SEED);
        List<Fault> slots = new ArrayList<>();
        for (Fault f : CloudApiFaults.all()) {
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                slots.add(f);
            }
        }
        for (int i = 20 + random.nextInt(21); i > 0; i--) {
            slots.add(null);
        }
        Collections.shuffle(slots, random);
        try (FaultyCloudApi api = FaultyCloudApi.start()) {
            List<Assigned> plan = plan(api, slots, random);
            try (Engine engine = new Engine(api, plan)) {
                long started = System.nanoTime();
                Campaign c = engine.start("faults " + SEED, 60_000);
                List<Assigned> cap = plan.stream().filter(a -> a.fault() != null && a.fault().waitsADay()).toList();
                List<String> pauses = driveThroughPauses(engine, api, c.id(), cap);

                // Only the marketing-capped recipients are open: one request each, due in no less than 24 hours.
                Map<Long, CampaignRecipient> waiting = engine.recipients(c.id());
                Instant now = engine.clock.instant();
                for (Assigned a : cap) {
                    CampaignRecipient r = waiting.get(a.leadId());
                    assertThat(r.status()).as(seeded("%s before the day passed", a)).isEqualTo(RecipientStatus.PENDING);
                    assertThat(r.nextAttemptAt()).as(seeded("%s retried not before 24 hours", a))
                            .isAfter(now.plus(Duration.ofHours(24)).minus(Duration.ofMinutes(1)));
                    assertThat(api.requestsFor(a.to())).as(seeded("%s requests before the day passed", a)).isEqualTo(1);
                }
                engine.clock.shift(Duration.ofHours(24).plusMinutes(1));
                await(seeded("campaign completed after the day passed")).atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> engine.campaign(c.id()).status() == CampaignStatus.COMPLETED);
                long elapsedMs = (System.nanoTime() - started) / 1_000_000;

                Map<Long, CampaignRecipient> end = engine.recipients(c.id());
                printTable(plan, end, api, pauses, engine.counts(c.id()), elapsedMs);
                assertEveryRecipient(engine, api, c.id(), plan, end);
                assertCountersAddUp(engine.counts(c.id()), end, plan.size());
                long pausing = plan.stream().filter(a -> a.fault() != null && a.fault().pauses()).count();
                assertThat(pauses).as(seeded("pauses")).isNotEmpty().hasSizeLessThanOrEqualTo((int) pausing);
                assertThat(api.protocolErrors()).isEmpty();
            }
        }
    }

    @Test
    void aSpamRateLimitPausesTheCampaignAndTheRestWaitsForTheResume() {
        System.out.println("CloudApiFaultSuiteTest seed " + SEED + " (replay: -Dleadreach.faults.seed=" + SEED + ")");
        Random random = new Random(SEED);
        Fault spam = CloudApiFaults.all().stream().filter(f -> Integer.valueOf(131048).equals(f.code())).findFirst()
                .orElseThrow();
        List<Fault> slots = new ArrayList<>(Collections.nCopies(60, null));
        slots.set(random.nextInt(10), spam); // in the first batch
        try (FaultyCloudApi api = FaultyCloudApi.start()) {
            List<Assigned> plan = plan(api, slots, random);
            try (Engine engine = new Engine(api, plan)) {
                // 20 a second, so most recipients are still to be sent when the 131048 comes back.
                Campaign c = engine.start("spam pause " + SEED, 1_200);

                await(seeded("paused")).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                        .until(() -> engine.campaign(c.id()).status() == CampaignStatus.PAUSED);
                assertThat(engine.campaign(c.id()).statusReason()).as(seeded("pause reason")).contains("131048");
                long pending = assertNothingSentWhilePaused(engine, api, c.id());
                long sentBeforeResume = api.requests();
                Map<Long, CampaignRecipient> paused = engine.recipients(c.id());
                List<Assigned> waiting = plan.stream()
                        .filter(a -> paused.get(a.leadId()).status() == RecipientStatus.PENDING).toList();
                assertThat(waiting).as(seeded("recipients waiting while paused")).hasSize((int) pending).isNotEmpty()
                        .allSatisfy(a -> assertThat(api.requestsFor(a.to())).isZero());
                System.out.printf("131048: paused after %d requests with %d recipients pending; resumed%n",
                        sentBeforeResume, pending);

                engine.leadReach.service().resumeCampaign(ADMIN, c.id());
                await(seeded("completed after the resume")).atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> engine.campaign(c.id()).status() == CampaignStatus.COMPLETED);

                Map<Long, CampaignRecipient> end = engine.recipients(c.id());
                assertEveryRecipient(engine, api, c.id(), plan, end);
                assertCountersAddUp(engine.counts(c.id()), end, plan.size());
                assertThat(engine.counts(c.id()).sent()).isEqualTo(plan.size() - 1);
            }
        }
    }

    @Test
    void connectionsResetBeforeTheRequestIsReadAreRetriedOnlyWhenProvablyUnsent() {
        System.out.println("CloudApiFaultSuiteTest seed " + SEED + " (replay: -Dleadreach.faults.seed=" + SEED + ")");
        Random random = new Random(SEED);
        int resets = 1 + random.nextInt(4);
        try (FaultyCloudApi api = FaultyCloudApi.start()) {
            List<Assigned> plan = plan(api, Collections.nCopies(40, null), random);
            try (Engine engine = new Engine(api, plan)) {
                api.resetNextConnectionsBeforeRead(resets);
                Campaign c = engine.start("resets " + SEED, 60_000);
                await(seeded("completed")).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> engine.campaign(c.id()).status() == CampaignStatus.COMPLETED);

                assertThat(api.resetsBeforeRead()).as(seeded("connections reset before read")).isEqualTo(resets);
                Map<Long, CampaignRecipient> end = engine.recipients(c.id());
                int retried = 0;
                int inDoubt = 0;
                for (Assigned a : plan) {
                    CampaignRecipient r = end.get(a.leadId());
                    if (r.status() == RecipientStatus.IN_DOUBT) {
                        // Its body may have gone out before the reset arrived: held, and not sent again.
                        assertRecipient(engine, api, c.id(), a, r, RecipientStatus.IN_DOUBT, 0, 1);
                        inDoubt++;
                    } else if (r.attempts() > 1) {
                        // The transport knew the body never went out: sent again, read once.
                        assertRecipient(engine, api, c.id(), a, r, RecipientStatus.SENT, 1, 2);
                        retried++;
                    } else {
                        assertRecipient(engine, api, c.id(), a, r, RecipientStatus.SENT, 1, 1);
                    }
                }
                System.out.printf("seed %d: %d connections reset before read: %d recipients retried and sent "
                        + "(2 attempts, 1 request read), %d held IN_DOUBT (1 attempt, 0 requests read); counters %s%n",
                        SEED, resets, retried, inDoubt, engine.counts(c.id()));
                assertThat(retried + inDoubt).as(seeded("one attempt lost per reset connection")).isEqualTo(resets);
                assertCountersAddUp(engine.counts(c.id()), end, plan.size());
            }
        }
    }

    /** Numbers the slots' recipients (lead ids from 1) and scripts the server for the faulty ones. */
    private static List<Assigned> plan(FaultyCloudApi api, List<Fault> slots, Random random) {
        List<Assigned> plan = new ArrayList<>();
        for (int i = 0; i < slots.size(); i++) {
            Assigned a = new Assigned(i + 1, number(i + 1), slots.get(i));
            plan.add(a);
            if (a.fault() != null) {
                api.script(a.to(), a.fault().script(random.nextInt(a.fault().variants().size())));
            }
        }
        return plan;
    }

    /**
     * Waits until the campaign is paused or only its marketing-capped recipients are open. At each
     * pause: once the sends already handed out have reached the server, the server sees no request
     * for as long as the campaign stays paused; then the campaign is resumed. Returns the reasons.
     */
    private static List<String> driveThroughPauses(Engine engine, FaultyCloudApi api, long campaignId,
                                                   List<Assigned> cap) {
        List<String> reasons = new ArrayList<>();
        while (true) {
            await(seeded("campaign paused or waiting only for the marketing cap")).atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> engine.campaign(campaignId).status() == CampaignStatus.PAUSED
                            || onlyCapOpen(engine, campaignId, cap));
            Campaign now = engine.campaign(campaignId);
            if (now.status() != CampaignStatus.PAUSED) {
                return reasons;
            }
            reasons.add(now.statusReason());
            long pending = assertNothingSentWhilePaused(engine, api, campaignId);
            System.out.printf("paused (%s) with %d recipients pending; resumed%n", now.statusReason(), pending);
            engine.leadReach.service().resumeCampaign(ADMIN, campaignId);
        }
    }

    /**
     * Once the sends handed out before the pause have reached the server, it reads no request for
     * as long as the campaign stays paused (400 ms). Returns how many recipients wait PENDING.
     */
    private static long assertNothingSentWhilePaused(Engine engine, FaultyCloudApi api, long campaignId) {
        await(seeded("sends handed out before the pause reached the server")).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20)).until(() -> handedOutAllReached(engine, api, campaignId));
        long seen = api.requests();
        await(seeded("no request while paused")).during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> api.requests() == seen && engine.campaign(campaignId).status() == CampaignStatus.PAUSED);
        return engine.counts(campaignId).get(RecipientStatus.PENDING);
    }

    /** No recipient is claimed, and every one being sent has its request read by the server. */
    private static boolean handedOutAllReached(Engine engine, FaultyCloudApi api, long campaignId) {
        for (CampaignRecipient r : engine.recipients(campaignId).values()) {
            if (r.status() == RecipientStatus.CLAIMED) {
                return false;
            }
            if (r.status() == RecipientStatus.SENDING
                    && api.requestsFor(engine.leads.findById(r.leadId()).orElseThrow().mobile()) < r.attempts()) {
                return false;
            }
        }
        return true;
    }

    private static boolean onlyCapOpen(Engine engine, long campaignId, List<Assigned> cap) {
        if (engine.campaign(campaignId).status() != CampaignStatus.ACTIVE
                || engine.counts(campaignId).open() != cap.size()) {
            return false;
        }
        Map<Long, CampaignRecipient> all = engine.recipients(campaignId);
        return cap.stream().map(a -> all.get(a.leadId()))
                .allMatch(r -> r.status() == RecipientStatus.PENDING && r.attempts() == 1);
    }

    private static void assertEveryRecipient(Engine engine, FaultyCloudApi api, long campaignId, List<Assigned> plan,
                                             Map<Long, CampaignRecipient> end) {
        for (Assigned a : plan) {
            int requests = a.fault() == null ? 1 : a.fault().requests();
            assertRecipient(engine, api, campaignId, a, end.get(a.leadId()),
                    a.fault() == null ? RecipientStatus.SENT : a.fault().end(), requests, requests);
        }
    }

    /**
     * The recipient's end state, the requests the server read for it and the attempts the engine
     * counted, its opt-out, and its message log: one SENT entry under the id the server issued,
     * one FAILED entry under the error's code, or none while it is IN_DOUBT.
     */
    private static void assertRecipient(Engine engine, FaultyCloudApi api, long campaignId, Assigned a,
                                        CampaignRecipient r, RecipientStatus expected, int requests, int attempts) {
        assertThat(r).as(seeded("recipient of %s", a)).isNotNull();
        assertThat(r.status()).as(seeded("end state of %s", a)).isEqualTo(expected);
        assertThat(api.requestsFor(a.to())).as(seeded("requests read for %s", a)).isEqualTo(requests);
        assertThat(r.attempts()).as(seeded("attempts the engine counted for %s", a)).isEqualTo(attempts);
        assertThat(engine.leadReach.consent().isOptedOut(a.to())).as(seeded("opt-out of %s", a))
                .isEqualTo(a.fault() != null && a.fault().optsOut());
        List<LeadMessage> logged = engine.messages(campaignId, a.leadId());
        switch (expected) {
            case SENT -> {
                assertThat(r.providerMessageId()).as(seeded("message id of %s", a)).isEqualTo(api.acceptedId(a.to()));
                assertThat(logged).as(seeded("message log of %s", a)).singleElement().satisfies(m -> {
                    assertThat(m.status()).isEqualTo(MessageStatus.SENT);
                    assertThat(m.providerMessageId()).isEqualTo(r.providerMessageId());
                });
            }
            case FAILED -> {
                String code = a.fault().code() != null ? String.valueOf(a.fault().code()) : r.errorCode();
                assertThat(r.errorCode()).as(seeded("error code of %s", a)).isEqualTo(code);
                assertThat(logged).as(seeded("message log of %s", a)).singleElement().satisfies(m -> {
                    assertThat(m.status()).isEqualTo(MessageStatus.FAILED);
                    assertThat(m.errorCode()).isEqualTo(code);
                });
            }
            case IN_DOUBT -> {
                assertThat(r.providerMessageId()).as(seeded("message id of %s", a)).isNull();
                assertThat(logged).as(seeded("nothing logged yet for %s", a)).isEmpty();
            }
            default -> throw new AssertionError("no expectation for " + expected);
        }
    }

    /** The counters' parts add up to the recipients, and each equals the recipients the store shows in it. */
    private static void assertCountersAddUp(CampaignCounters counts, Map<Long, CampaignRecipient> end, int total) {
        Map<RecipientStatus, Long> tally = new EnumMap<>(RecipientStatus.class);
        for (RecipientStatus s : RecipientStatus.values()) {
            tally.put(s, 0L);
        }
        end.values().forEach(r -> tally.merge(r.status(), 1L, Long::sum));
        assertThat(end).as(seeded("recipients")).hasSize(total);
        assertThat(counts.total()).as(seeded("counters' total")).isEqualTo(total);
        assertThat(counts.asMap()).as(seeded("counters against the store")).isEqualTo(tally);
        assertThat(counts.open()).as(seeded("open")).isZero();
        assertThat(counts.sent() + counts.failed() + counts.inDoubt() + counts.skipped() + counts.cancelled())
                .as(seeded("settled buckets")).isEqualTo(total);
    }

    private static void printTable(List<Assigned> plan, Map<Long, CampaignRecipient> end, FaultyCloudApi api,
                                   List<String> pauses, CampaignCounters counts, long elapsedMs) {
        Map<String, List<Assigned>> byClass = new LinkedHashMap<>(); // in the order of CloudApiFaults
        CloudApiFaults.all().forEach(f -> byClass.put(f.name(), new ArrayList<>()));
        byClass.put(new Assigned(0, null, null).className(), new ArrayList<>());
        plan.forEach(a -> byClass.get(a.className()).add(a));
        byClass.values().removeIf(List::isEmpty);
        StringBuilder out = new StringBuilder(String.format("%nseed %d: %d recipients, %d requests, %d ms, %d pause(s)%n",
                SEED, plan.size(), api.requests(), elapsedMs, pauses.size()));
        out.append(String.format("%-40s | %-10s | %-14s | %s%n", "fault class", "recipients", "requests each",
                "end states"));
        byClass.forEach((name, as) -> out.append(String.format("%-40s | %-10d | %-14s | %s%n", name, as.size(),
                as.stream().map(a -> String.valueOf(api.requestsFor(a.to()))).distinct().collect(Collectors.joining(",")),
                as.stream().map(a -> end.get(a.leadId()).status().name()).distinct().collect(Collectors.joining(",")))));
        out.append("counters ").append(counts).append('\n');
        pauses.forEach(p -> out.append("pause: ").append(p).append('\n'));
        System.out.print(out);
    }

    /** Fictional numbers of the US example range (201-555-01xx and on). */
    static String number(long n) {
        return String.format("+1201555%04d", n);
    }

    static String seeded(String what, Object... args) {
        return "seed " + SEED + ": " + String.format(what, args);
    }
}
