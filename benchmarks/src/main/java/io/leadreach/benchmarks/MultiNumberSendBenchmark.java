package io.leadreach.benchmarks;

import io.leadreach.LeadReach;
import io.leadreach.benchmarks.fixtures.BenchCampaign;
import io.leadreach.benchmarks.fixtures.GeneratedLeadDirectory;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.memory.InMemoryAttachmentStore;
import io.leadreach.memory.InMemoryCampaignStore;
import io.leadreach.memory.InMemoryLeadDirectory;
import io.leadreach.memory.InMemoryMessageStore;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.SendingConfig;
import io.leadreach.transport.SenderRoutingTransport;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.simulator.SimulatorBuilder;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The send rate of several sender numbers: the engine (in-memory stores) sends one campaign over
 * HTTP through a {@link CloudApiTransport} a number, behind a {@link SenderRoutingTransport}, to the
 * Cloud API simulator serving those numbers. Each number is held to its own rate ({@code rate}
 * messages a second, by default 500, an upgraded number's tier), so one number's campaign cannot
 * beat that rate and a pool of four spread by lead should send about four times as fast. Each
 * round runs one number, then a pool of {@code numbers}; the medians and their ratio are printed,
 * with how many messages each number sent (the spread) and a check that every recipient was sent
 * exactly once (exit 1 otherwise).
 *
 * <p>Run: {@code mvn -q -pl benchmarks -am package -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * io.leadreach.benchmarks.MultiNumberSendBenchmark [recipients] [rounds] [numbers] [rate]}
 */
public final class MultiNumberSendBenchmark {

    private MultiNumberSendBenchmark() {
    }

    /** The numbers' ids: fictional Graph ids. */
    private static String numberId(int i) {
        return "10000000000001" + i;
    }

    public static void main(String[] args) throws Exception {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 8_000;
        int numbersArg = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int rateArg = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        if (recipients <= numbersArg * rateArg) {
            throw new IllegalArgumentException("recipients must exceed numbers * rate (the buckets' first burst)");
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int numbers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int rate = args.length > 3 ? Integer.parseInt(args[3]) : 500;
        InMemoryLeadDirectory leads = new InMemoryLeadDirectory();
        for (long id = 1; id <= recipients; id++) {
            leads.put(GeneratedLeadDirectory.lead(id));
        }
        SimulatorBuilder builder = WhatsAppCloudSimulator.builder().serviceWindowEnforced(false)
                .pairRateEnforced(false).unlimitedThroughput().recordMessages(false).phoneNumberId(numberId(0));
        for (int i = 1; i < numbers; i++) {
            builder.number(numberId(i), "+1 555 010 " + (1000 + i), WhatsAppCloudSimulator.DEFAULT_APP_SECRET);
        }
        System.out.printf(Locale.ROOT, "multi-number send rate: %,d recipients a round, %d rounds, %d numbers at"
                + " %,d/s each, %d cores%n", recipients, rounds, numbers, rate, Runtime.getRuntime().availableProcessors());
        List<Double> single = new ArrayList<>();
        List<Double> pooled = new ArrayList<>();
        try (WhatsAppCloudSimulator sim = builder.start()) {
            List<CloudApiTransport> transports = new ArrayList<>();
            for (int i = 0; i < numbers; i++) {
                transports.add(CloudApiTransport.create(sim.clientConfig(numberId(i)).poolSize(64).build()));
            }
            try (SenderRoutingTransport routing = SenderRoutingTransport.of(transports)) {
                List<SenderNumber> registry = new ArrayList<>();
                for (int i = 0; i < numbers; i++) {
                    registry.add(SenderNumber.of(numberId(i)).withRate(RateLimit.perSecond(rate)));
                }
                round(leads, recipients, routing, registry, 1, rate, "warm-up");
                for (int r = 1; r <= rounds; r++) {
                    single.add(round(leads, recipients, routing, registry, 1, rate, "round " + r));
                    pooled.add(round(leads, recipients, routing, registry, numbers, rate, "round " + r));
                }
            }
        }
        double one = median(single);
        double pool = median(pooled);
        System.out.printf(Locale.ROOT, "median sustained: 1 number %,.0f sends/s, %d numbers %,.0f sends/s: %.2fx"
                + " (ideal %dx, each number held to %,d/s)%n", one, numbers, pool, pool / one, numbers, rate);
        System.out.println("rerun: java -cp benchmarks/target/benchmarks.jar io.leadreach.benchmarks.MultiNumberSendBenchmark "
                + recipients + " " + rounds + " " + numbers + " " + rate);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** One campaign over every lead from the first {@code poolSize} numbers; returns its sends a second. */
    static double round(InMemoryLeadDirectory leads, int recipients, SenderRoutingTransport routing,
                        List<SenderNumber> registry, int poolSize, int rate, String label) throws InterruptedException {
        InMemoryCampaignStore campaigns = new InMemoryCampaignStore();
        SendingConfig config = SendingConfig.custom()
                .sendWindow(SendWindow.always())
                .enforceServiceWindow(false) // generated leads never wrote in; this measures free-form sends
                .build();
        RecordingRouter counting = new RecordingRouter(routing);
        try (LeadReach lr = LeadReach.builder()
                .clock(Clock.systemUTC())
                .transport(counting)
                .senderNumbers(registry)
                .leadDirectory(leads)
                .campaignStore(campaigns)
                .messageStore(new InMemoryMessageStore())
                .attachmentStore(new InMemoryAttachmentStore())
                .sending(config)
                .build()) {
            List<String> pool = registry.subList(0, poolSize).stream().map(SenderNumber::id).toList();
            Campaign c = BenchCampaign.create(campaigns, "bench", pool);
            long start = System.nanoTime();
            campaigns.transition(c.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE, Clock.systemUTC().instant(), null);
            lr.runner().wake(c.id());
            while (true) {
                CampaignCounters n = campaigns.counts(c.id());
                if (n.total() == recipients && n.open() == 0) {
                    break;
                }
                Thread.sleep(5);
            }
            long elapsed = System.nanoTime() - start;
            CampaignCounters n = campaigns.counts(c.id());
            if (n.sent() != recipients || counting.total() != recipients) {
                System.out.println("FAILED: expected every recipient sent once, got " + n + " and "
                        + counting.total() + " messages");
                System.exit(1);
            }
            // Each bucket starts full (one second's worth), so the first poolSize * rate sends go out
            // at once; the sustained rate is that of the rest, which the buckets' refill paces.
            long burst = (long) poolSize * rate;
            double seconds = elapsed / 1e9;
            double sustained = (recipients - burst) / seconds;
            System.out.printf(Locale.ROOT, "  %s, %d number%s: %,.0f sends/s sustained (%,.0f with the first %,d"
                    + " of the full buckets), by number %s%n", label, poolSize, poolSize == 1 ? "" : "s", sustained,
                    recipients / seconds, burst, counting.byNumber());
            return sustained;
        }
    }

    /** Counts the messages handed to each number on their way to the routing transport. */
    private static final class RecordingRouter implements io.leadreach.transport.WhatsAppTransport {
        private final SenderRoutingTransport routing;
        private final Map<String, java.util.concurrent.atomic.LongAdder> counts = new java.util.concurrent.ConcurrentHashMap<>();

        RecordingRouter(SenderRoutingTransport routing) {
            this.routing = routing;
        }

        @Override
        public java.util.concurrent.CompletionStage<io.leadreach.transport.SendOutcome> send(
                io.leadreach.transport.OutboundMessage message) {
            counts.computeIfAbsent(String.valueOf(message.from()), k -> new java.util.concurrent.atomic.LongAdder())
                    .increment();
            return routing.send(message);
        }

        @Override
        public String senderId() {
            return routing.senderId();
        }

        long total() {
            return counts.values().stream().mapToLong(java.util.concurrent.atomic.LongAdder::sum).sum();
        }

        Map<String, Long> byNumber() {
            return new java.util.TreeMap<>(counts.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().sum())));
        }
    }
}
