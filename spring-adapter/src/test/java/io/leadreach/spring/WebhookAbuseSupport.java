package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.campaign.CampaignStore;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.memory.InMemoryLeadActivitySink;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.testing.MutableClock;
import io.leadreach.tracking.Tracking;
import io.leadreach.whatsapp.WebhookVerifier;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.awaitility.Awaitility;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The application the webhook abuse tests attack, as a production host runs it: Tomcat on a real
 * port, the JPA stores on a database (H2 in memory here), the starter's default webhook handler
 * (the delivery tracker) and reply log; HTTP Client 5 as Meta's side, signing every delivery with
 * the app secret. One context shared by the abuse suites; each test makes the campaign it needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        classes = {TestApplication.class, WebhookAbuseSupport.Host.class},
        properties = {"leadreach.sending.lead-pacing=0s", "leadreach.sending.enforce-service-window=false",
                // the campaign ticks run on the in-process work queue (db-scheduler is not what is tested)
                "leadreach.scheduler.enabled=false",
                "leadreach.attachments.directory=target/test-attachments", "logging.level.io.leadreach=WARN"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class WebhookAbuseSupport {

    static final String WEBHOOK = "/leads/whatsapp/webhook";
    static final Actor ADMIN = new Actor("abuse-test", EnumSet.allOf(Permission.class));

    @Configuration(proxyBeanMethods = false)
    static class Host {
        /** The host's database, pooled as a production host's is: LeadReach's JPA stores and migrations on it. */
        @Bean(destroyMethod = "dispose")
        JdbcConnectionPool dataSource() {
            JdbcConnectionPool pool = JdbcConnectionPool.create("jdbc:h2:mem:abuse_"
                    + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1", "sa", "");
            pool.setMaxConnections(20);
            return pool;
        }

        /** The CPU time of every webhook request on its server thread. */
        @Bean
        WebhookCpuTimes webhookCpuTimes() {
            return new WebhookCpuTimes();
        }

        @Bean
        FilterRegistrationBean<OncePerRequestFilter> webhookCpuTimer(WebhookCpuTimes times) {
            FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
                @Override
                protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                                FilterChain chain) throws ServletException, IOException {
                    long start = THREADS.getCurrentThreadCpuTime();
                    try {
                        chain.doFilter(request, response);
                    } finally {
                        times.nanos.add(THREADS.getCurrentThreadCpuTime() - start);
                    }
                }
            });
            registration.addUrlPatterns(WEBHOOK);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        /** Every reply the tracker hands to the CRM. */
        @Bean
        InMemoryLeadActivitySink activity() {
            return new InMemoryLeadActivitySink();
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * The CPU time the server's request threads spent on each webhook request, from the first
     * filter on (reading, checking, parsing and applying; the in-process database's work included).
     * It is what the endpoint costs whatever else the machine runs, unlike the answer time.
     */
    static final class WebhookCpuTimes {
        final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

        /** The times recorded since the last call. */
        long[] drain() {
            List<Long> out = new ArrayList<>();
            for (Long n = nanos.poll(); n != null; n = nanos.poll()) {
                out.add(n);
            }
            return out.stream().mapToLong(Long::longValue).toArray();
        }
    }

    /** An answer to one delivery and how long it took. */
    record Answer(int status, long nanos, String body) {
    }

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    @Autowired
    MutableClock clock;

    @Autowired
    LeadReach leadReach;

    @Autowired
    Tracking tracker;

    @Autowired
    CampaignStore campaigns;

    @Autowired
    InMemoryLeadActivitySink activity;

    @Autowired
    DataSource dataSource;

    @Autowired
    WebhookCpuTimes cpuTimes;

    final WebhookVerifier signer = new WebhookVerifier(WhatsAppCloudSimulator.DEFAULT_APP_SECRET, null);

    CloseableHttpClient http;

    @BeforeAll
    void openClient() {
        http = HttpClients.custom().setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(32).setMaxConnPerRoute(32).build()).build();
    }

    @AfterAll
    void closeClient() throws IOException {
        http.close();
    }

    @BeforeEach
    void resetClock() {
        clock.set(TestApplication.NOON);
    }

    /** The webhook's URL on the running server. */
    String webhook() {
        return "http://127.0.0.1:" + port + WEBHOOK;
    }

    /** POSTs a body signed with the app secret, as Meta does; the answer and its time. */
    Answer deliver(byte[] body) throws IOException {
        return post(body, signer.sign(body));
    }

    /** POSTs a body with this signature header (null: none). */
    Answer post(byte[] body, String signature) throws IOException {
        HttpPost post = new HttpPost(webhook());
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        if (signature != null) {
            post.setHeader(WebhookVerifier.SIGNATURE_HEADER, signature);
        }
        long start = System.nanoTime();
        return http.execute(post, response -> {
            String text = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
            return new Answer(response.getCode(), System.nanoTime() - start, text);
        });
    }

    /**
     * Delivers each body from {@code clients} concurrent clients (all released at once), in the
     * list's order as far as the clients go; the answers in the same order.
     */
    List<Answer> deliverConcurrently(int clients, List<byte[]> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Answer>> answers = new ArrayList<>();
            for (byte[] body : bodies) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return deliver(body);
                }));
            }
            start.countDown();
            List<Answer> out = new ArrayList<>();
            for (Future<Answer> answer : answers) {
                out.add(answer.get(60, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** A delivery of one {@code messages} change whose value holds these fields, as Meta shapes it. */
    static String delivery(String valueFields) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"200000000000002\",\"changes\":"
                + "[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":"
                + "{\"display_phone_number\":\"15550000000\",\"phone_number_id\":\"100000000000001\"},"
                + valueFields + "}}]}]}";
    }

    /** One status update, with the pricing and conversation objects Meta adds. */
    static String status(String wamid, String status, long epochSecond, String recipientId, String correlationId) {
        return "{\"id\":\"" + wamid + "\",\"status\":\"" + status + "\",\"timestamp\":\"" + epochSecond
                + "\",\"recipient_id\":\"" + recipientId + "\""
                + (correlationId == null ? "" : ",\"biz_opaque_callback_data\":\"" + correlationId + "\"")
                + ",\"conversation\":{\"id\":\"CONVERSATION-" + wamid.hashCode() + "\",\"origin\":{\"type\":\"marketing\"}}"
                + ",\"pricing\":{\"billable\":true,\"pricing_model\":\"PMP\",\"category\":\"marketing\",\"type\":\"regular\"}}";
    }

    /** A delivery holding these status updates. */
    static String statuses(List<String> statuses) {
        return delivery("\"statuses\":[" + String.join(",", statuses) + "]");
    }

    /** A delivery of one inbound text message answering {@code contextWamid}. */
    static String inboundText(String from, String wamid, String text, long epochSecond, String contextWamid) {
        return delivery("\"contacts\":[{\"profile\":{\"name\":\"A lead\"},\"wa_id\":\"" + from + "\"}],"
                + "\"messages\":[{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"" + epochSecond
                + "\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"},\"context\":{\"id\":\"" + contextWamid
                + "\"}}]");
    }

    /** The test directory's mobile of a lead, as WhatsApp writes it (digits, no plus). */
    static String waId(long lead) {
        return String.format("1201555%04d", 100 + lead);
    }

    /** Sends a campaign to these leads and waits until it completed; its recipients, by lead. */
    Map<Long, CampaignRecipient> sentCampaign(String name, List<Long> leads) {
        Campaign campaign = leadReach.service().createCampaign(ADMIN, CampaignSpec.builder().name(name)
                .body("Hello {name}, our offer ends Friday.").target(TargetCriteria.builder().leadIds(leads).build())
                .messagesPerMinute(6_000).build());
        leadReach.service().executeCampaign(ADMIN, campaign.id());
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> campaigns.find(campaign.id()).orElseThrow().status() == CampaignStatus.COMPLETED);
        List<CampaignRecipient> recipients = campaigns.recipients(campaign.id(), 0, 1_000);
        assertThat(recipients).hasSize(leads.size())
                .allSatisfy(r -> assertThat(r.providerMessageId()).as("recipient %s sent", r.leadId()).isNotNull());
        return recipients.stream().collect(Collectors.toMap(CampaignRecipient::leadId, Function.identity()));
    }

    /** How many rows each of the database's tables holds. */
    Map<String, Long> rowCounts() {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        return jdbc.queryForList("SELECT table_name FROM information_schema.tables WHERE table_schema = 'PUBLIC'"
                        + " AND table_type = 'BASE TABLE'", String.class).stream()
                .collect(Collectors.toMap(t -> t, t -> jdbc.queryForObject("SELECT COUNT(*) FROM \"" + t + "\"",
                        Long.class)));
    }

    /** The heap in use after a full collection, in bytes. */
    static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) { // the smallest of three: a collection may be cut short
            System.gc();
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /** The median and the 99th percentile of these times, in milliseconds. */
    static double[] medianAndP99Millis(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double median = sorted[sorted.length / 2] / 1e6;
        double p99 = sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6;
        return new double[] {median, p99};
    }
}
