package io.leadreach.benchmarks;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.benchmarks.fixtures.BoundedRequests;
import io.leadreach.benchmarks.fixtures.GeneratedLeadDirectory;
import io.leadreach.benchmarks.fixtures.PostgresSchema;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.message.MessageStatus;
import io.leadreach.message.MessageStore;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.tracking.Tracking;
import io.leadreach.tracking.TrackingStatistics;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.transport.WhatsAppTransport;
import io.leadreach.whatsapp.WebhookVerifier;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Webhook ingestion end to end: a Spring Boot application with the LeadReach starter on
 * PostgreSQL sends one campaign (every recipient claimed, marked, settled and logged in the
 * database; the transport answers at once), then signed status webhooks in Meta's shape (sent,
 * delivered, read for every message) are POSTed over HTTP to the starter's endpoint
 * ({@code /leads/whatsapp/webhook}) by concurrent clients, as Meta delivers them (signed ahead, as
 * Meta signs them on its side). It prints the command to run it again, the send rate, the
 * sustained status events per second, the median and 99th percentile of the endpoint's answer
 * time, the CPU time per event of this JVM (server and HTTP client together) and of the webhook
 * appliers, and the load average (other work on the machine lowers the rate), and checks that
 * every message ended READ in the campaign's counters and the message log (exit 1 otherwise). Target: at least 3,000 events/s with p99 under 200 ms on 2
 * cores (three status events for each message of a 1,000/s number).
 *
 * <p>The endpoint applies a delivery's events before it answers (the tracker's writes are
 * idempotent and monotonic, so Meta's retry of a delivery whose answer was slow changes nothing).
 *
 * <p>Run (PostgreSQL at 127.0.0.1:5432, database {@code test}): {@code mvn -q -pl benchmarks -am package
 * -DskipTests && java -cp benchmarks/target/benchmarks.jar io.leadreach.benchmarks.WebhookIngestionBenchmark
 * [recipients] [jdbc-url] [user]} (100,000 recipients by default; {@code -Dconcurrency=N} requests at
 * once, 32 by default; {@code -DeventsPerPost=N}, 1 by default; Meta puts up to 1,000 in one).
 */
public final class WebhookIngestionBenchmark {

    private static final String APP_SECRET = "bench-app-secret";
    private static final int CONCURRENCY = Integer.getInteger("concurrency", 32);
    private static final int EVENTS_PER_POST = Integer.getInteger("eventsPerPost", 1);
    private static final Actor BENCH = new Actor("bench", EnumSet.allOf(Permission.class));

    private WebhookIngestionBenchmark() {
    }

    /** What the transport accepted: the provider id, the correlation id and the number of one send. */
    record Sent(String wamid, String correlationId, String to) {
    }

    /** A transport that accepts every send at once and remembers it, for the webhooks that follow. */
    static final class AcceptingTransport implements WhatsAppTransport {
        final ConcurrentLinkedQueue<Sent> sent = new ConcurrentLinkedQueue<>();
        private final AtomicLong ids = new AtomicLong();

        @Override
        public CompletionStage<SendOutcome> send(OutboundMessage message) {
            String wamid = "wamid.INGEST" + ids.incrementAndGet();
            sent.add(new Sent(wamid, message.correlationId(), message.to()));
            return CompletableFuture.completedFuture(new SendOutcome.Accepted(wamid, null));
        }

        @Override
        public String senderId() {
            return "100000000000001";
        }
    }

    /** The host application: generated leads and the accepting transport; the rest is the starter's. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class HostApplication {
        static int leads;

        @Bean
        AcceptingTransport acceptingTransport() {
            return new AcceptingTransport();
        }

        @Bean
        LeadDirectory generatedLeads() {
            return new GeneratedLeadDirectory(leads);
        }
    }

    public static void main(String[] args) throws Exception {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        HostApplication.leads = recipients;
        try (PostgresSchema db = PostgresSchema.create(args, 1, "lr_ingest_", 2)) {
            ConfigurableApplicationContext app = new SpringApplicationBuilder(HostApplication.class)
                    .web(WebApplicationType.SERVLET)
                    .properties(Map.ofEntries(
                            Map.entry("server.port", "0"),
                            Map.entry("server.tomcat.threads.max", "64"),
                            Map.entry("spring.main.banner-mode", "off"),
                            Map.entry("spring.datasource.url", db.dataSource().getJdbcUrl()),
                            Map.entry("spring.datasource.username", db.dataSource().getUsername()),
                            Map.entry("spring.datasource.hikari.maximum-pool-size", "16"),
                            Map.entry("leadreach.whatsapp.mode", "cloud-api"),
                            Map.entry("leadreach.whatsapp.phone-number-id", "100000000000001"),
                            Map.entry("leadreach.whatsapp.access-token", "bench-token"),
                            Map.entry("leadreach.whatsapp.app-secret", APP_SECRET),
                            Map.entry("leadreach.ui.enabled", "false"),
                            Map.entry("leadreach.sending.sender-messages-per-second", "1000000"),
                            Map.entry("leadreach.sending.lead-pacing", "0s"),
                            Map.entry("leadreach.sending.quiet-hours.enabled", "false"),
                            Map.entry("leadreach.sending.enforce-service-window", "false"),
                            Map.entry("leadreach.sending.max-in-flight", "400")))
                    .run();
            System.out.printf(Locale.ROOT, "rerun: mvn -q -pl benchmarks -am package -DskipTests && java -Dconcurrency=%d"
                    + " -DeventsPerPost=%d -cp benchmarks/target/benchmarks.jar %s %s%n", CONCURRENCY, EVENTS_PER_POST,
                    WebhookIngestionBenchmark.class.getName(), String.join(" ", args.length > 0 ? args
                            : new String[] {String.valueOf(recipients)}));
            try {
                run(app, recipients);
            } finally {
                app.close();
            }
        }
    }

    private static void run(ConfigurableApplicationContext app, int recipients) throws Exception {
        LeadReach lr = app.getBean(LeadReach.class);
        AcceptingTransport transport = app.getBean(AcceptingTransport.class);
        Tracking tracker = lr.tracker();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        URI webhook = URI.create("http://127.0.0.1:" + port + "/leads/whatsapp/webhook");
        System.out.printf(Locale.ROOT, "webhook ingestion on PostgreSQL: %,d recipients, %d cores, %d requests at once,"
                + " %d event(s) a request%n", recipients, Runtime.getRuntime().availableProcessors(), CONCURRENCY,
                EVENTS_PER_POST);

        // 1. Send the campaign through the engine on the database.
        Campaign c = lr.service().createCampaign(BENCH, CampaignSpec.builder().name("ingest").body("Hi {name}")
                .messagesPerMinute(60_000_000).build());
        long sendStart = System.nanoTime();
        lr.service().executeCampaign(BENCH, c.id());
        while (lr.service().getCampaign(BENCH, c.id()).status() != CampaignStatus.COMPLETED) {
            Thread.sleep(50);
        }
        double sendSeconds = (System.nanoTime() - sendStart) / 1e9;
        List<Sent> sent = new ArrayList<>(transport.sent);
        System.out.printf(Locale.ROOT, "sent: %,d messages in %.1f s = %,.0f sends/s%n", sent.size(), sendSeconds,
                sent.size() / sendSeconds);

        // 2. Their status webhooks: every message's sent, then delivered, then read, as Meta posts them.
        WebhookVerifier signer = new WebhookVerifier(APP_SECRET, null);
        List<byte[]> bodies = new ArrayList<>();
        List<String> signatures = new ArrayList<>();
        long ts = Instant.now().getEpochSecond();
        for (String status : List.of("sent", "delivered", "read")) {
            for (int from = 0; from < sent.size(); from += EVENTS_PER_POST) {
                bodies.add(body(sent.subList(from, Math.min(sent.size(), from + EVENTS_PER_POST)), status, ts));
            }
        }
        for (byte[] b : bodies) {
            signatures.add(signer.sign(b)); // Meta signs its deliveries: not this side's work, done ahead
        }
        long events = 3L * sent.size();
        TrackingStatistics before = tracker.statistics();
        BoundedRequests.Result result;
        long ingestStart;
        long ingestNanos;
        CpuTime cpuBefore;
        CpuTime cpuAfter;
        try (CloseableHttpAsyncClient http = HttpAsyncClients.custom()
                .setConnectionManager(PoolingAsyncClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(CONCURRENCY).setMaxConnPerRoute(CONCURRENCY).build())
                .build()) {
            http.start();
            // a short warm-up of the endpoint on bodies about unknown messages (answered, applied as UNKNOWN)
            byte[] warmUp = body(List.of(new Sent("wamid.WARMUP", null, "+12015550100")), "read", ts);
            post(http, webhook, List.of(warmUp), List.of(signer.sign(warmUp)));
            cpuBefore = CpuTime.now();
            ingestStart = System.nanoTime();
            result = post(http, webhook, bodies, signatures);
            ingestNanos = System.nanoTime() - ingestStart;
            cpuAfter = CpuTime.now();
        }
        TrackingStatistics after = tracker.statistics();
        long[] micros = result.micros().clone();
        Arrays.sort(micros);
        double seconds = ingestNanos / 1e9;
        System.out.printf(Locale.ROOT, "ingested: %,d status events in %,d requests in %.1f s = %,.0f events/s;"
                        + " answer time median %.1f ms, p99 %.1f ms, max %.1f ms; %d request(s) failed%n",
                events, bodies.size(), seconds, events / seconds, micros[micros.length / 2] / 1e3,
                micros[(int) Math.min(micros.length - 1, Math.ceil(micros.length * 0.99) - 1)] / 1e3,
                micros[micros.length - 1] / 1e3, result.failures());
        double processMicros = (cpuAfter.process() - cpuBefore.process()) / 1e3 / events;
        double clientMicros = (cpuAfter.client() - cpuBefore.client()) / 1e3 / events;
        System.out.printf(Locale.ROOT, "CPU per event: %.0f µs in this JVM, of which %.0f µs the HTTP client's (the load"
                        + " generator) and %.0f µs the server's; %.0f µs of the server's on the webhook applier threads"
                        + " (%.0f%% of one core); load average %.2f%n",
                processMicros, clientMicros, processMicros - clientMicros,
                (cpuAfter.applier() - cpuBefore.applier()) / 1e3 / events,
                100.0 * (cpuAfter.applier() - cpuBefore.applier()) / ingestNanos,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.printf(Locale.ROOT, "beside the send rate: %.1f status events/s per send/s%n",
                (events / seconds) / (sent.size() / sendSeconds));
        System.out.printf(Locale.ROOT, "tracker: received %,d, applied %,d, duplicates %,d, unknown %,d%n",
                after.received() - before.received(), after.applied() - before.applied(),
                after.duplicates() - before.duplicates(), after.unknown() - before.unknown());

        CampaignCounters counts = app.getBean(CampaignStore.class).counts(c.id());
        MessageStore log = app.getBean(MessageStore.class);
        long readLogged = sent.stream().limit(200).filter(s -> log.findByProviderMessageId(s.wamid())
                .map(m -> m.status() == MessageStatus.READ).orElse(false)).count();
        System.out.printf(Locale.ROOT, "counters %s; %d of the first 200 messages READ in the log%n", counts.asMap(),
                readLogged);
        if (result.failures() > 0 || counts.read() != recipients || readLogged != Math.min(200, recipients)) {
            System.out.println("FAILED: not every message ended READ");
            System.exit(1);
        }
        System.out.println("OK: every message ended READ in the campaign and the message log");
    }

    /**
     * CPU nanos so far of this JVM, of the starter's webhook applier threads and of the HTTP client's
     * I/O threads (the load generator, which stands for Meta's side and shares the machine's cores).
     */
    record CpuTime(long process, long applier, long client) {
        static CpuTime now() {
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            return new CpuTime(process, threads(threads, "leadreach-webhook-applier"), threads(threads, "httpclient-dispatch"));
        }

        private static long threads(ThreadMXBean threads, String prefix) {
            return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix))
                    .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getId()))).sum();
        }
    }

    /** POSTs every body with its signature, at most {@link #CONCURRENCY} at once, recording each answer time in micros. */
    private static BoundedRequests.Result post(CloseableHttpAsyncClient http, URI webhook, List<byte[]> bodies,
                                               List<String> signatures) throws InterruptedException {
        return BoundedRequests.send(http, bodies.size(), CONCURRENCY, i -> SimpleRequestBuilder.post(webhook)
                .setBody(bodies.get(i), ContentType.APPLICATION_JSON)
                .addHeader(WebhookVerifier.SIGNATURE_HEADER, signatures.get(i))
                .build(), Duration.ofMinutes(30));
    }

    /** One webhook delivery in Meta's shape with a status of each of these messages. */
    private static byte[] body(List<Sent> messages, String status, long timestamp) {
        StringBuilder statuses = new StringBuilder();
        for (Sent s : messages) {
            if (statuses.length() > 0) {
                statuses.append(',');
            }
            statuses.append("{\"id\":\"").append(s.wamid()).append("\",\"status\":\"").append(status)
                    .append("\",\"timestamp\":\"").append(timestamp).append("\",\"recipient_id\":\"")
                    .append(s.to().substring(1)).append('"');
            if (s.correlationId() != null) {
                statuses.append(",\"biz_opaque_callback_data\":\"").append(s.correlationId()).append('"');
            }
            statuses.append('}');
        }
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"200000000000002\",\"changes\":[{"
                + "\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550000000\",\"phone_number_id\":\"100000000000001\"},"
                + "\"statuses\":[" + statuses + "]}}]}]}").getBytes(StandardCharsets.UTF_8);
    }
}
