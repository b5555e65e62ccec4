package io.leadreach.benchmarks;

import io.leadreach.LeadReach;
import io.leadreach.benchmarks.fixtures.BenchCampaign;
import io.leadreach.benchmarks.fixtures.CompactCampaignStore;
import io.leadreach.benchmarks.fixtures.CountingMessageStore;
import io.leadreach.benchmarks.fixtures.GeneratedLeadDirectory;
import io.leadreach.benchmarks.fixtures.ImmediateTransport;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.memory.InMemoryAttachmentStore;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import java.time.Clock;
import java.util.Locale;

/**
 * The engine's own memory does not grow with the campaign: a 1,000,000-recipient campaign runs to
 * completion with the heap capped at 128 MiB. The leads are generated on the fly, the message log
 * keeps only counts, and the campaign store is {@link CompactCampaignStore}: it keeps every
 * recipient's state, passing the whole campaign store contract, in some 30 bytes a recipient
 * with the ids the engine and this benchmark's transport make. So what grows is the recipients'
 * own state, and the rest is the engine.
 *
 * <p>Run: {@code mvn -q -pl benchmarks -am package -DskipTests && java -Xmx128m -cp benchmarks/target/benchmarks.jar
 * io.leadreach.benchmarks.MillionRecipientBenchmark [recipients]}. It exits non-zero if any
 * recipient was not sent (an OutOfMemoryError ends it too). The Maven profile {@code all} runs it
 * this way in CI.
 */
public final class MillionRecipientBenchmark {

    private MillionRecipientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        long maxHeap = Runtime.getRuntime().maxMemory();
        ImmediateTransport transport = new ImmediateTransport();
        CompactCampaignStore campaigns = new CompactCampaignStore();
        CountingMessageStore messages = new CountingMessageStore();
        SendingConfig config = SendingConfig.custom()
                .senderMessagesPerSecond(100_000_000)
                .sendWindow(SendWindow.always())
                .enforceServiceWindow(false) // generated leads never wrote in; this measures free-form sends
                .batchSize(200)
                .build();
        long start;
        long elapsed;
        CampaignCounters n;
        try (LeadReach lr = LeadReach.builder()
                .clock(Clock.systemUTC())
                .transport(transport)
                .leadDirectory(new GeneratedLeadDirectory(recipients))
                .campaignStore(campaigns)
                .messageStore(messages)
                .attachmentStore(new InMemoryAttachmentStore())
                .sending(config)
                .build()) {
            Campaign c = BenchCampaign.create(campaigns, "million");
            start = System.nanoTime();
            BenchCampaign.activate(lr, campaigns, c);
            long lastReport = start;
            while (true) {
                n = campaigns.counts(c.id());
                Campaign now = campaigns.find(c.id()).orElseThrow();
                if (now.status() == CampaignStatus.COMPLETED) {
                    break;
                }
                if (System.nanoTime() - lastReport > 5_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  %,d of %,d sent, heap used %d MiB%n", n.sent(), recipients,
                            usedHeap() >> 20);
                }
                Thread.sleep(10);
            }
            elapsed = System.nanoTime() - start;
            n = campaigns.counts(c.id()); // read after completion, not the snapshot taken before it
        }
        System.out.printf(Locale.ROOT, "million-recipient campaign: %,d recipients under a %d MiB heap cap, %.1f s, "
                        + "%,.0f sends/s, counters %s%n", n.total(), maxHeap >> 20, elapsed / 1e9,
                n.total() / (elapsed / 1e9), n.asMap());
        if (n.sent() != recipients || transport.sent() != recipients) {
            System.out.println("FAILED: not every recipient was sent exactly once");
            System.exit(1);
        }
        System.out.println("OK: every recipient sent exactly once within the heap cap");
    }

    private static long usedHeap() {
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

}
