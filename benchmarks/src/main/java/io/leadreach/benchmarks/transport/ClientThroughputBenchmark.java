package io.leadreach.benchmarks.transport;

import io.leadreach.benchmarks.fixtures.BoundedRequests;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.whatsapp.CloudApiConfig;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;

/**
 * End-to-end send throughput: {@link CloudApiTransport} against {@link WhatsAppCloudSimulator} on
 * loopback (window and pair rate off, no throughput limit, no webhooks), and in the same run a bare
 * HttpClient 5 async loop posting the same payloads to the same simulator with the same
 * concurrency. Prints sends/s of each, the ratio transport/bare per round and the medians.
 * Targets: at least 3,000 sends/s through the transport and a ratio of at least 0.8.
 *
 * <p>Run from the repository root:
 * <pre>
 * mvn -q -pl benchmarks -am package -DskipTests &amp;&amp; \
 *   java -cp benchmarks/target/benchmarks.jar io.leadreach.benchmarks.transport.ClientThroughputBenchmark
 * </pre>
 * Options (system properties): {@code -Dsends=40000 -Dconcurrency=64 -Drounds=7 -Dwarmups=2}. The
 * machine should be otherwise idle: both sides share its cores.
 */
public final class ClientThroughputBenchmark {

    private ClientThroughputBenchmark() {
    }

    /** Runs the benchmark; see the class comment for options. */
    public static void main(String[] args) throws Exception {
        int sends = Integer.getInteger("sends", 40_000);
        int concurrency = Integer.getInteger("concurrency", 64);
        int rounds = Integer.getInteger("rounds", 7);
        int warmups = Integer.getInteger("warmups", 2);

        try (WhatsAppCloudSimulator sim = WhatsAppCloudSimulator.builder()
                .serviceWindowEnforced(false).pairRateEnforced(false).unlimitedThroughput().recordMessages(false)
                .start()) {
            CloudApiConfig config = sim.clientConfig().poolSize(concurrency).build();
            URI messagesUri = URI.create(config.baseUrl() + "/" + config.apiVersion() + "/" + config.phoneNumberId()
                    + "/messages");
            System.out.printf(Locale.ROOT, "simulator %s, %d sends per run, concurrency %d, %d rounds after %d warm-ups%n",
                    sim.baseUrl(), sends, concurrency, rounds, warmups);
            List<Double> transportRates = new ArrayList<>();
            List<Double> bareRates = new ArrayList<>();
            List<Double> ratios = new ArrayList<>();
            try (CloudApiTransport transport = CloudApiTransport.create(config);
                 BareLoop bare = new BareLoop(messagesUri, "Bearer " + config.accessToken(), concurrency)) {
                for (int round = 1 - warmups; round <= rounds; round++) {
                    // Alternate the order so neither side always runs on a warmer JVM.
                    double t;
                    double b;
                    if (Math.floorMod(round, 2) == 0) {
                        t = runTransport(transport, sends, concurrency, round);
                        b = bare.run(sends, round);
                    } else {
                        b = bare.run(sends, round);
                        t = runTransport(transport, sends, concurrency, round);
                    }
                    String label = round <= 0 ? "warm-up" : "round " + round;
                    System.out.printf(Locale.ROOT, "%-8s transport %8.0f sends/s   bare HttpClient %8.0f sends/s   ratio %.2f%n",
                            label, t, b, t / b);
                    if (round > 0) {
                        transportRates.add(t);
                        bareRates.add(b);
                        ratios.add(t / b);
                    }
                }
            }
            System.out.printf(Locale.ROOT, "median   transport %8.0f sends/s   bare HttpClient %8.0f sends/s   ratio %.2f"
                            + " (median of rounds; of medians %.2f)   targets: >= 3000 sends/s, ratio >= 0.80%n",
                    median(transportRates), median(bareRates), median(ratios),
                    median(transportRates) / median(bareRates));
        }
    }

    private static double runTransport(CloudApiTransport transport, int sends, int concurrency, int round)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch done = new CountDownLatch(sends);
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        for (int i = 0; i < sends; i++) {
            inFlight.acquire();
            transport.send(new OutboundMessage(recipient(i), correlationId("t", round, i), new MessageContent.Text(
                    TEXT, false))).whenComplete((outcome, error) -> {
                        if (!(outcome instanceof SendOutcome.Accepted)) {
                            failures.incrementAndGet();
                        }
                        inFlight.release();
                        done.countDown();
                    });
        }
        done.await(5, TimeUnit.MINUTES);
        double rate = sends / ((System.nanoTime() - start) / 1e9);
        check(failures.get(), "transport");
        return rate;
    }

    static final String TEXT = "Hello Alex, your quote for the spring offer is ready. Reply YES to book a call.";

    static String recipient(int i) {
        return String.format(Locale.ROOT, "+1555%07d", i);
    }

    static String correlationId(String side, int round, int i) {
        return side + "-" + round + "-" + i;
    }

    private static void check(long failures, String side) {
        if (failures > 0) {
            System.out.printf(Locale.ROOT, "WARNING: %d %s sends were not accepted%n", failures, side);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The baseline: HttpClient 5 async posting the same JSON, checking only the status. */
    private static final class BareLoop implements AutoCloseable {
        private final URI uri;
        private final String authorization;
        private final int concurrency;
        private final CloseableHttpAsyncClient client;

        BareLoop(URI uri, String authorization, int concurrency) {
            this.uri = uri;
            this.authorization = authorization;
            this.concurrency = concurrency;
            this.client = HttpAsyncClients.custom()
                    .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                            .setMaxConnTotal(concurrency).setMaxConnPerRoute(concurrency).build())
                    .setIOReactorConfig(IOReactorConfig.custom().setTcpNoDelay(true).build())
                    .disableAutomaticRetries()
                    .build();
            client.start();
        }

        double run(int sends, int round) throws InterruptedException {
            long start = System.nanoTime();
            BoundedRequests.Result result = BoundedRequests.send(client, sends, concurrency, i -> {
                String json = "{\"messaging_product\":\"whatsapp\",\"recipient_type\":\"individual\",\"to\":\""
                        + recipient(i) + "\",\"type\":\"text\",\"text\":{\"preview_url\":false,\"body\":\"" + TEXT
                        + "\"},\"biz_opaque_callback_data\":\"" + correlationId("b", round, i) + "\"}";
                return SimpleRequestBuilder.post(uri)
                        .setHeader("Authorization", authorization)
                        .setBody(json.getBytes(StandardCharsets.UTF_8), ContentType.APPLICATION_JSON)
                        .build();
            }, Duration.ofMinutes(5));
            double rate = sends / ((System.nanoTime() - start) / 1e9);
            check(result.failures(), "bare");
            return rate;
        }

        @Override
        public void close() {
            client.close(CloseMode.GRACEFUL);
        }
    }
}
