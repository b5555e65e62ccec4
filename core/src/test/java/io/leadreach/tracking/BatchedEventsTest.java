package io.leadreach.tracking;

import static io.leadreach.Fixture.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.Fixture;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageFilter;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Seeded randomized check that {@link DeliveryTracker#apply(List)}, which reads and writes status
 * events in batches, does what applying the same events one at a time does: the same random
 * stream (repeats, reports out of order, unknown ids, ids reissued under another correlation id,
 * recipients in doubt, opt-out failures, events without a correlation id, stale events, inbound
 * replies, consent changes, template statuses) is applied event by event to one fixture and in
 * random slices to another, and the recipients, the message log, consent and the statistics must
 * be the same. Set {@code -Dleadreach.test.seed=N} to repeat a run.
 */
class BatchedEventsTest {

    private static final int LEADS = 40;

    @RepeatedTest(20)
    void batchesEndWhereOneEventAtATimeEnds() {
        long seed = Long.getLong("leadreach.test.seed", System.nanoTime());
        System.out.println("BatchedEventsTest seed " + seed + " (-Dleadreach.test.seed=" + seed + " to repeat)");
        try (Fixture single = new Fixture().withLeads(LEADS); Fixture batched = new Fixture().withLeads(LEADS)) {
            long one = send(single);
            long other = send(batched);
            List<CampaignRecipient> recipients = single.campaigns.recipients(one, 0, 1_000);
            assertThat(batched.campaigns.recipients(other, 0, 1_000)).as("the same start").isEqualTo(recipients);
            List<TrackingEvent> events = events(new Random(seed), recipients, single.clock.instant());

            for (TrackingEvent e : events) {
                single.tracker().apply(e);
            }
            Random slices = new Random(seed ^ 0x5DEECE66DL);
            for (int from = 0; from < events.size(); ) {
                int to = Math.min(events.size(), from + 1 + slices.nextInt(60));
                batched.tracker().apply(events.subList(from, to));
                from = to;
            }

            assertThat(batched.tracker().statistics()).as("seed %d", seed).isEqualTo(single.tracker().statistics());
            assertThat(batched.campaigns.recipients(other, 0, 1_000)).as("seed %d", seed)
                    .isEqualTo(single.campaigns.recipients(one, 0, 1_000));
            assertThat(log(batched)).as("seed %d", seed).isEqualTo(log(single));
            for (int i = 1; i <= LEADS; i++) {
                assertThat(batched.consent.find(Fixture.mobile(i))).as("seed %d, lead %d", seed, i)
                        .isEqualTo(single.consent.find(Fixture.mobile(i)));
            }
            assertThat(batched.activity.replies()).as("seed %d", seed).hasSameSizeAs(single.activity.replies());
            assertThat(single.tracker().statistics().applied()).as("the stream changes things").isPositive();
        }
    }

    /** Sends a campaign to every lead, every fifth send's outcome unknown (held in doubt); its id. */
    private static long send(Fixture f) {
        for (int i = 5; i <= LEADS; i += 5) {
            f.transport.answerFor(Fixture.mobile(i), new SendOutcome.Unknown("timeout after write"));
        }
        Campaign c = f.service().createCampaign(ADMIN, CampaignSpec.builder().name("batch").body("Hi {name}")
                .messagesPerMinute(100_000).build());
        f.service().executeCampaign(ADMIN, c.id());
        f.runFor(Duration.ofMinutes(1));
        return c.id();
    }

    private static List<LeadMessage> log(Fixture f) {
        return f.messages.page(MessageFilter.all(), 0, 10_000);
    }

    private static List<TrackingEvent> events(Random random, List<CampaignRecipient> recipients, Instant now) {
        DeliveryStatus[] statuses = DeliveryStatus.values();
        List<TrackingEvent> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            CampaignRecipient r = recipients.get(random.nextInt(recipients.size()));
            String wamid = r.providerMessageId() != null ? r.providerMessageId() : "wamid.D" + r.leadId();
            String correlationId = r.correlationId();
            Instant at = now.plusSeconds(random.nextInt(120));
            int kind = random.nextInt(100);
            if (kind < 5) {
                wamid = "wamid.unknown" + random.nextInt(5);
                correlationId = random.nextBoolean() ? null : "lr-c999-" + random.nextInt(3);
            } else if (kind < 8) {
                // an id the provider issued again, for another recipient's send
                correlationId = recipients.get(random.nextInt(recipients.size())).correlationId();
            } else if (kind < 18) {
                correlationId = null;
            } else if (kind < 21) {
                at = now.minus(Duration.ofDays(30));
            } else if (kind < 26) {
                events.add(new InboundReply(Fixture.mobile(r.leadId()), "wamid.in" + random.nextInt(30),
                        random.nextInt(4) == 0 ? "STOP" : random.nextInt(4) == 0 ? "START" : "hello", null,
                        random.nextBoolean() ? wamid : null, "text", null, at));
                continue;
            } else if (kind < 29) {
                events.add(new ConsentChange(Fixture.mobile(r.leadId()), random.nextBoolean(), "test", at));
                continue;
            } else if (kind < 30) {
                events.add(new TemplateStatusChange("no_such_template", "en", "APPROVED", null, at));
                continue;
            }
            DeliveryStatus status = statuses[random.nextInt(statuses.length)];
            TrackingEvent e = status == DeliveryStatus.FAILED
                    ? new DeliveryEvent(wamid, correlationId, status, at, Fixture.mobile(r.leadId()).substring(1),
                            random.nextInt(3) == 0 ? DeliveryTracker.ERROR_USER_STOPPED : "131026", "failed", null)
                    : DeliveryEvent.of(wamid, correlationId, status, at);
            events.add(e);
            if (random.nextInt(5) == 0) {
                events.add(e); // Meta's repeat
            }
        }
        return events;
    }
}
