package io.leadreach.benchmarks;

import io.leadreach.LeadReach;
import io.leadreach.benchmarks.fixtures.BenchCampaign;
import io.leadreach.benchmarks.fixtures.GeneratedLeadDirectory;
import io.leadreach.benchmarks.fixtures.ImmediateTransport;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.memory.InMemoryAttachmentStore;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * How many sends a second the campaign engine sustains with in-memory stores and a transport that
 * answers at once: the engine must never be what limits WhatsApp's 1,000 messages a second.
 *
 * <p>Each round runs a fresh campaign of {@code recipients} leads (held in an in-memory directory
 * and in-memory stores, every lead distinct, pacing and all checks on, quiet hours off so the
 * figure does not depend on the time of day) and times it from execute to the last settle. Three
 * warm-up rounds let the JIT compile the hot paths; the median of the measured rounds is reported.
 *
 * <p>Run: {@code mvn -q -pl benchmarks -am package -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * io.leadreach.benchmarks.EngineThroughputBenchmark [recipients] [rounds]}
 */
public final class EngineThroughputBenchmark {

    private EngineThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        for (long id = 1; id <= recipients; id++) {
            leads.put(GeneratedLeadDirectory.lead(id));
        }
        List<Double> rates = new ArrayList<>();
        System.out.printf(Locale.ROOT, "engine throughput: %,d recipients a round, %d rounds, %d cores%n",
                recipients, rounds, Runtime.getRuntime().availableProcessors());
        int warmUps = 3;
        for (int round = 1 - warmUps; round <= rounds; round++) {
            double rate = round(leads, recipients);
            if (round <= 0) {
                System.out.printf(Locale.ROOT, "  warm-up: %,.0f sends/s%n", rate);
            } else {
                rates.add(rate);
                System.out.printf(Locale.ROOT, "  round %d: %,.0f sends/s%n", round, rate);
            }
        }
        Collections.sort(rates);
        double median = rates.get(rates.size() / 2);
        System.out.printf(Locale.ROOT, "median: %,.0f sends/s (target: at least 50,000; %.1fx WhatsApp's 1,000/s "
                + "per number)%n", median, median / 1000);
    }

    static double round(InMemoryLeadDirectory leads, int recipients) throws InterruptedException {
        ImmediateTransport transport = new ImmediateTransport();
        InMemoryCampaignStore campaigns = new InMemoryCampaignStore();
        SendingConfig config = SendingConfig.custom()
                .senderMessagesPerSecond(100_000_000)
                .sendWindow(SendWindow.always())
                .enforceServiceWindow(false) // generated leads never wrote in; this measures free-form sends
                .batchSize(200)
                .build();
        try (LeadReach lr = LeadReach.builder()
                .clock(Clock.systemUTC())
                .transport(transport)
                .leadDirectory(leads)
                .campaignStore(campaigns)
                .messageStore(new InMemoryMessageStore())
                .attachmentStore(new InMemoryAttachmentStore())
                .sending(config)
                .build()) {
            Campaign c = BenchCampaign.create(campaigns, "bench");
            long start = System.nanoTime();
            BenchCampaign.activate(lr, campaigns, c);
            while (true) {
                CampaignCounters n = campaigns.counts(c.id());
                if (n.total() == recipients && n.open() == 0) {
                    break;
                }
                Thread.sleep(2);
            }
            long elapsed = System.nanoTime() - start;
            CampaignCounters n = campaigns.counts(c.id());
            if (n.sent() != recipients) {
                throw new IllegalStateException("expected every recipient sent, got " + n);
            }
            return recipients / (elapsed / 1e9);
        }
    }

}
