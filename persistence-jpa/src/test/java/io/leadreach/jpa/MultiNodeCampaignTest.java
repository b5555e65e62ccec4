package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.leadreach.CampaignSpec;
import io.leadreach.LeadReach;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.contract.LocalServer;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import io.leadreach.transport.WhatsAppTransport;
import io.leadreach.whatsapp.CloudApiTransport;
import io.leadreach.whatsapp.simulator.SentMessage;
import io.leadreach.whatsapp.simulator.WhatsAppCloudSimulator;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import jakarta.persistence.EntityManagerFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Three engine nodes, each with its own connection pool, entity manager factory, Cloud API client
 * and node id, send one campaign of 20,000 recipients on PostgreSQL through one simulator, throttled
 * by one sender bucket kept in the database or in Redis ({@link Bucket4jRateLimiter}). The simulator's record
 * shows every lead's number exactly once, the counters equal what it accepted, and the send rate
 * measured from its acceptance times stays within the shared bucket's rate plus its burst.
 */
@Tag("long")
class MultiNodeCampaignTest {

    private static final int LEADS = 20_000;
    private static final int NODES = 3;
    /** The sender's rate every node is configured with (and its burst: {@code RateLimit.perSecond}). */
    private static final int SENDER_PER_SECOND = 200;
    private static final Actor ADMIN = new Actor("admin", EnumSet.allOf(Permission.class));

    /** Where the nodes keep their shared buckets. */
    enum Buckets {
        DATABASE, REDIS;

        /** This node's own limiter object over the shared buckets, and what to close with the node. */
        Bucket4jRateLimiter limiter(HikariDataSource ds, List<AutoCloseable> closeWithNode) {
            if (this == DATABASE) {
                return Bucket4jRateLimiter.postgresql(ds, Clock.systemUTC());
            }
            RedisClient client = RedisClient.create(RedisRateLimiterTest.REDIS);
            StatefulRedisConnection<String, byte[]> connection = Bucket4jRateLimiter.connect(client);
            closeWithNode.add(client::shutdown);
            closeWithNode.add(0, connection::close);
            return Bucket4jRateLimiter.redis(connection, Clock.systemUTC());
        }

        void clear() {
            if (this == REDIS) {
                URI where = URI.create(RedisRateLimiterTest.REDIS);
                LocalServer.assumeRunning("Redis", where.getHost(), where.getPort() < 0 ? 6379 : where.getPort());
                RedisClient client = RedisClient.create(RedisRateLimiterTest.REDIS);
                try (StatefulRedisConnection<String, String> c = client.connect()) {
                    List<String> keys = c.sync().keys(Bucket4jRateLimiter.REDIS_KEY_PREFIX + "*");
                    if (!keys.isEmpty()) {
                        c.sync().del(keys.toArray(String[]::new));
                    }
                } finally {
                    client.shutdown();
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Buckets.class)
    void threeNodesSendOneCampaignOncePerLeadWithinTheSharedThrottle(Buckets buckets) throws Exception {
        TestDatabase db = TestDatabase.POSTGRESQL;
        buckets.clear();
        db.clear("lead_whatsapp_campaign_leads", "lead_whatsapp_campaigns", "lead_whatsapp_messages",
                "lead_whatsapp_opt_outs", Bucket4jRateLimiter.TABLE);
        long seedStart = System.nanoTime();
        CrmDatabase.seed(db, FictionalLeads.leads(LEADS));
        System.out.printf("seeded %,d CRM leads in %d ms%n", LEADS, (System.nanoTime() - seedStart) / 1_000_000);
        JpaLeadDirectory crmLeads = new JpaLeadDirectory(CrmDatabase.emf(db), CrmDatabase.MAPPING);

        List<Node> nodes = new ArrayList<>();
        // The simulator polices the same rate the engines are configured with; pair rate and window off.
        try (WhatsAppCloudSimulator sim = WhatsAppCloudSimulator.builder().serviceWindowEnforced(false)
                .pairRateEnforced(false).throughputPerSecond(SENDER_PER_SECOND).seed(7).start()) {
            for (int i = 0; i < NODES; i++) {
                nodes.add(Node.start("node-" + (i + 1), db.dataSource(), sim, crmLeads, buckets));
            }
            JpaCampaignStore campaigns = new JpaCampaignStore(db.emf());
            Instant started = Instant.now();
            // The campaign's own throttle is far above the sender's, so the shared sender bucket is what binds.
            Campaign c = nodes.get(0).leadReach.service().createCampaign(ADMIN, CampaignSpec.builder()
                    .name("multi-node").body("Hi {name}, spring offer inside.").messagesPerMinute(6_000_000).build());
            nodes.get(0).leadReach.service().executeCampaign(ADMIN, c.id());

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                    .conditionEvaluationListener(progress -> {
                        if (progress.getElapsedTimeInMS() / 200 % 25 == 0) {
                            System.out.printf("%ds: %s; simulator accepted %d, refused %s%n",
                                    progress.getElapsedTimeInMS() / 1000, campaigns.counts(c.id()),
                                    sim.sentCount(), sim.rejectedCounts());
                        }
                    })
                    .alias("campaign completes in time")
                    .until(() -> campaigns.find(c.id()).orElseThrow().status() == CampaignStatus.COMPLETED);
            Duration took = Duration.between(started, Instant.now());
            for (Node n : nodes) {
                n.close();
            }

            // The simulator's record: each lead's number exactly once, each correlation id once.
            List<SentMessage> sent = sim.sentMessages();
            Map<String, Long> perNumber = sent.stream()
                    .collect(Collectors.groupingBy(SentMessage::to, Collectors.counting()));
            assertThat(perNumber.values()).as("messages per number").containsOnly(1L);
            assertThat(perNumber.keySet()).containsExactlyInAnyOrderElementsOf(
                    FictionalLeads.leads(LEADS).stream().map(l -> l.mobile()).toList());
            assertThat(sim.sentCountsByCorrelationId().values()).as("messages per correlation id").containsOnly(1);

            // The store's counters, read at one moment, equal what the simulator accepted.
            CampaignCounters counts = campaigns.counts(c.id());
            assertThat(counts.total()).isEqualTo(LEADS);
            assertThat(counts.open()).isZero();
            assertThat(counts.sent()).isEqualTo(LEADS).isEqualTo(sim.sentCount());
            assertThat(counts.inDoubt() + counts.failed() + counts.skipped() + counts.cancelled()).isZero();
            long[] perNode = nodes.stream().mapToLong(n -> n.accepted.get()).toArray();
            assertThat(Arrays.stream(perNode).sum()).isEqualTo(LEADS);
            assertThat(perNode).as("every node sent a share").doesNotContain(0L);

            // The shared throttle held: over any interval w, at most burst + rate * w accepted. The
            // acceptance times lag the moment a permit was taken by up to one request's latency,
            // so windows are checked with 250 ms of slack.
            long[] at = sent.stream().map(SentMessage::acceptedAt)
                    .mapToLong(t -> t.getEpochSecond() * 1_000_000_000L + t.getNano()).sorted().toArray();
            double seconds = (at[at.length - 1] - at[0]) / 1e9;
            double overall = at.length / seconds;
            long burst = SENDER_PER_SECOND;
            StringBuilder windows = new StringBuilder();
            for (double w : new double[] {1, 5, 10}) {
                int peak = peakInWindow(at, (long) (w * 1e9));
                windows.append(String.format(" peak %.0fs window %d (bound %d);", w, peak,
                        (long) (burst + SENDER_PER_SECOND * (w + 0.25))));
                assertThat((double) peak).as("sends in the busiest %s s", w)
                        .isLessThanOrEqualTo(burst + SENDER_PER_SECOND * (w + 0.25));
            }
            assertThat((double) at.length).as("sends over the whole run")
                    .isLessThanOrEqualTo(burst + SENDER_PER_SECOND * seconds);
            System.out.printf("multi-node, buckets in " + buckets + ": %,d sends in %.1f s of sending (%d s end to end) = %.1f/s against a"
                            + " shared %d/s (burst %d);%s per node %s; simulator refused %d for throughput%n",
                    at.length, seconds, took.toSeconds(), overall, SENDER_PER_SECOND, burst, windows,
                    Arrays.toString(perNode), sim.rejectedCount(130429));
        } finally {
            for (Node n : nodes) {
                n.close();
            }
        }
    }

    /** The most timestamps in any interval of this many nanoseconds (timestamps sorted). */
    private static int peakInWindow(long[] sorted, long windowNanos) {
        int peak = 0;
        int from = 0;
        for (int to = 0; to < sorted.length; to++) {
            while (sorted[to] - sorted[from] >= windowNanos) {
                from++;
            }
            peak = Math.max(peak, to - from + 1);
        }
        return peak;
    }

    /** One engine node: its own pool, persistence unit, Cloud API client and LeadReach. */
    private static final class Node implements AutoCloseable {
        final HikariDataSource dataSource;
        final EntityManagerFactory emf;
        final CloudApiTransport transport;
        final LeadReach leadReach;
        final AtomicLong accepted = new AtomicLong();
        final List<AutoCloseable> alsoClose;
        private boolean closed;

        private Node(HikariDataSource dataSource, EntityManagerFactory emf, CloudApiTransport transport,
                     List<AutoCloseable> alsoClose, Function<WhatsAppTransport, LeadReach> build) {
            this.dataSource = dataSource;
            this.alsoClose = alsoClose;
            this.emf = emf;
            this.transport = transport;
            this.leadReach = build.apply(new WhatsAppTransport() {
                @Override
                public CompletionStage<SendOutcome> send(OutboundMessage message) {
                    return transport.send(message).thenApply(o -> {
                        if (o instanceof SendOutcome.Accepted) {
                            accepted.incrementAndGet();
                        }
                        return o;
                    });
                }

                @Override
                public String senderId() {
                    return transport.senderId();
                }
            });
        }

        static Node start(String nodeId, HikariDataSource shared, WhatsAppCloudSimulator sim, JpaLeadDirectory leads,
                          Buckets buckets) {
            HikariConfig hc = new HikariConfig();
            hc.setPoolName("leadreach-" + nodeId);
            hc.setJdbcUrl(shared.getJdbcUrl());
            hc.setUsername(shared.getUsername());
            hc.setMaximumPoolSize(6);
            HikariDataSource ds = new HikariDataSource(hc);
            EntityManagerFactory emf = LeadReachJpa.createEntityManagerFactory(ds, Map.of());
            CloudApiTransport transport = CloudApiTransport.create(sim.clientConfig().build());
            List<AutoCloseable> alsoClose = new ArrayList<>();
            Bucket4jRateLimiter limiter = buckets.limiter(ds, alsoClose);
            return new Node(ds, emf, transport, alsoClose, t -> LeadReach.builder()
                    .nodeId(nodeId).transport(t).leadDirectory(leads)
                    .campaignStore(new JpaCampaignStore(emf)).messageStore(new JpaMessageStore(emf))
                    .templateStore(new JpaTemplateStore(emf)).consentStore(new JpaConsentStore(emf))
                    // Each node's own limiter object, all over the one table or Redis: the throttle shared by all nodes.
                    .rateLimiter(limiter)
                    .sending(SendingConfig.custom()
                            .senderMessagesPerSecond(SENDER_PER_SECOND)
                            .leadPacing(Duration.ZERO)            // the simulator's pair rate is off too
                            .sendWindow(SendWindow.always())      // the run must not depend on the hour
                            .enforceServiceWindow(false)          // the leads never wrote in
                            .pollInterval(Duration.ofMillis(500))
                            .build())
                    .build());
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            leadReach.close();
            transport.close();
            for (AutoCloseable c : alsoClose) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            emf.close();
            dataSource.close();
        }
    }
}
