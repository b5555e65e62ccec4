package io.leadreach.benchmarks;

import io.leadreach.LeadReach;
import io.leadreach.benchmarks.fixtures.ImmediateTransport;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.campaign.Settlement;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.memory.InMemoryAttachmentStore;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.ThrottleConfig;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.DeliveryStatus;
import io.leadreach.tracking.Tracking;
import io.leadreach.tracking.TrackingStatistics;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.LongStream;

/**
 * How many status events a second {@link Tracking} applies with in-memory stores: webhooks
 * bring several events per message sent (sent, delivered, read, and Meta's repeats), so tracking
 * must keep well ahead of WhatsApp's 1,000 messages a second.
 *
 * <p>Each round builds fresh stores holding {@code messages} sent campaign messages (and their
 * recipients), then times one thread applying a shuffled list of their events: for each message a
 * sent, a delivered and a read report plus one repeat of the delivered report, so about a quarter
 * of the events change nothing and some arrive out of order, as from real webhooks. Three warm-up
 * rounds, then the median of the measured rounds.
 *
 * <p>Run: {@code mvn -q -pl benchmarks -am package -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * io.leadreach.benchmarks.DeliveryTrackerBenchmark [messages] [rounds]}
 */
public final class DeliveryTrackerBenchmark {

    private DeliveryTrackerBenchmark() {
    }

    public static void main(String[] args) {
        int messages = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf(Locale.ROOT, "delivery tracker: %,d messages (%,d events) a round, %d rounds, %d cores%n",
                messages, messages * 4L, rounds, Runtime.getRuntime().availableProcessors());
        List<Double> rates = new ArrayList<>();
        int warmUps = 3;
        for (int round = 1 - warmUps; round <= rounds; round++) {
            double rate = round(messages, round);
            if (round <= 0) {
                System.out.printf(Locale.ROOT, "  warm-up: %,.0f events/s%n", rate);
            } else {
                rates.add(rate);
                System.out.printf(Locale.ROOT, "  round %d: %,.0f events/s%n", round, rate);
            }
        }
        Collections.sort(rates);
        double median = rates.get(rates.size() / 2);
        System.out.printf(Locale.ROOT, "median: %,.0f status events/s (target: at least 100,000)%n", median);
    }

    static double round(int messages, long seed) {
        InMemoryCampaignStore campaigns = new InMemoryCampaignStore();
        InMemoryMessageStore log = new InMemoryMessageStore();
        Clock clock = Clock.systemUTC();
        try (LeadReach lr = LeadReach.builder()
                .clock(clock)
                .transport(new ImmediateTransport())
                .campaignStore(campaigns)
                .messageStore(log)
                .attachmentStore(new InMemoryAttachmentStore())
                .autoStart(false)
                .build()) {
            Instant now = clock.instant();
            List<DeliveryEvent> events = sentMessages(campaigns, log, messages, now);
            Collections.shuffle(events, new Random(seed));
            Tracking tracker = lr.tracker();
            long start = System.nanoTime();
            tracker.apply(events);
            long elapsed = System.nanoTime() - start;
            TrackingStatistics s = tracker.statistics();
            if (s.received() != events.size() || s.unknown() != 0 || s.applied() < messages) {
                throw new IllegalStateException("unexpected tracking result: " + s);
            }
            if (campaigns.counts(1).read() != messages) {
                throw new IllegalStateException("not every recipient is READ: " + campaigns.counts(1));
            }
            return events.size() / (elapsed / 1e9);
        }
    }

    /** A completed campaign whose recipients were all sent, their messages logged, and their events. */
    private static List<DeliveryEvent> sentMessages(CampaignStore campaigns, InMemoryMessageStore log, int n,
                                                    Instant now) {
        Campaign c = campaigns.create(Campaign.builder().name("bench").kind(CampaignKind.STANDARD).body("Hi")
                .status(CampaignStatus.ACTIVE).target(TargetCriteria.all()).throttle(ThrottleConfig.ofDefaults())
                .retryPolicy(RetryPolicy.ofDefaults()).createdBy("bench").createdAt(now).startedAt(now)
                .materialized(true).materializedUpTo(n).build());
        campaigns.addRecipients(c.id(), LongStream.rangeClosed(1, n).boxed().toList(), now);
        List<DeliveryEvent> events = new ArrayList<>(n * 4);
        List<CampaignRecipient> claimed = campaigns.claim(c.id(), "bench", now, now.plusSeconds(600), n);
        for (CampaignRecipient r : claimed) {
            String correlationId = "lr-c" + c.id() + "-r" + r.id() + "-a1";
            String wamid = "wamid.BENCH" + r.id();
            campaigns.markSending(r.id(), "bench", correlationId, now);
            campaigns.settle(correlationId, new Settlement.Sent(wamid, now), now);
            log.save(LeadMessage.builder().leadId(r.leadId())
                    .mobile("+1201555" + String.format(Locale.ROOT, "%04d", r.leadId() % 10_000)).body("Hi")
                    .status(MessageStatus.SENT).sentBy("bench").campaignId(c.id()).correlationId(correlationId)
                    .providerMessageId(wamid).attempts(1).createdAt(now).sentAt(now).build());
            events.add(DeliveryEvent.of(wamid, correlationId, DeliveryStatus.SENT, now));
            events.add(DeliveryEvent.of(wamid, correlationId, DeliveryStatus.DELIVERED, now.plusSeconds(1)));
            events.add(DeliveryEvent.of(wamid, correlationId, DeliveryStatus.READ, now.plusSeconds(2)));
            events.add(DeliveryEvent.of(wamid, correlationId, DeliveryStatus.DELIVERED, now.plusSeconds(1)));
        }
        return events;
    }
}
