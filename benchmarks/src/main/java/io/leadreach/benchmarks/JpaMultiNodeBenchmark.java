package io.leadreach.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.leadreach.LeadReach;
import io.leadreach.benchmarks.fixtures.BenchCampaign;
import io.leadreach.benchmarks.fixtures.GeneratedLeadDirectory;
import io.leadreach.benchmarks.fixtures.ImmediateTransport;
import io.leadreach.benchmarks.fixtures.PostgresSchema;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.jpa.JpaCampaignStore;
import io.leadreach.jpa.JpaConsentStore;
import io.leadreach.jpa.JpaMessageStore;
import io.leadreach.jpa.JpaTemplateStore;
import io.leadreach.jpa.LeadReachJpa;
import io.leadreach.memory.InMemoryAttachmentStore;
import io.leadreach.sending.SendWindow;
import io.leadreach.sending.SendingConfig;
import jakarta.persistence.EntityManagerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Several nodes on one shared PostgreSQL database: {@code nodes} engines, each with its own
 * connection pool, Hibernate factory and runner (node id), drive the same campaign; recipients are
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so the nodes share the work without sending any
 * recipient twice. Each round runs one campaign on one node, then one on all of them; the medians,
 * the ratio of {@code nodes} to one, and a check that every recipient was sent exactly once
 * (exit 1 otherwise) are printed. The transport answers at once, so this measures what the nodes
 * push through the one database. All nodes run in this JVM, on this machine's cores beside the
 * database: on 2 cores the ratio says how much the shared database and the claims cost, not how a
 * cluster of machines scales.
 *
 * <p>Run (PostgreSQL at 127.0.0.1:5432, database {@code test}): {@code mvn -q -pl benchmarks -am package
 * -DskipTests && java -cp benchmarks/target/benchmarks.jar io.leadreach.benchmarks.JpaMultiNodeBenchmark
 * [recipients] [nodes] [rounds]}
 */
public final class JpaMultiNodeBenchmark {

    private static final int BATCH = 200;
    private static final int POOL = 8;

    private JpaMultiNodeBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int nodes = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        try (PostgresSchema db = PostgresSchema.create(new String[0], 0, "lr_bench_nodes_", 2)) {
            LeadReachJpa.migrate(db.dataSource());
            List<HikariDataSource> pools = new ArrayList<>();
            List<EntityManagerFactory> factories = new ArrayList<>();
            try {
                for (int i = 0; i < nodes; i++) {
                    HikariDataSource pool = db.newPool("node-" + (i + 1), POOL);
                    pools.add(pool);
                    factories.add(LeadReachJpa.createEntityManagerFactory(pool, Map.of()));
                }
                System.out.printf(Locale.ROOT, "engine on one PostgreSQL database: %,d recipients a round, 1 node"
                        + " against %d, %d rounds, %d cores%n", recipients, nodes, rounds,
                        Runtime.getRuntime().availableProcessors());
                ImmediateTransport transport = new ImmediateTransport();
                round(factories.subList(0, 1), transport, Math.max(1_000, recipients / 5), "warm-up");
                round(factories, transport, Math.max(1_000, recipients / 5), "warm-up");
                double[] one = new double[rounds];
                double[] many = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    one[r] = round(factories.subList(0, 1), transport, recipients, "round " + (r + 1));
                    many[r] = round(factories, transport, recipients, "round " + (r + 1));
                }
                Arrays.sort(one);
                Arrays.sort(many);
                double a = one[rounds / 2];
                double b = many[rounds / 2];
                System.out.printf(Locale.ROOT, "median: 1 node %,.0f sends/s, %d nodes %,.0f sends/s: %.2fx%n", a, nodes,
                        b, b / a);
                System.out.println("rerun: java -cp benchmarks/target/benchmarks.jar io.leadreach.benchmarks."
                        + "JpaMultiNodeBenchmark " + recipients + " " + nodes + " " + rounds);
            } finally {
                factories.forEach(EntityManagerFactory::close);
                pools.forEach(HikariDataSource::close);
            }
        }
    }

    /** One campaign driven by a node on each of these factories; returns its sends a second. */
    private static double round(List<EntityManagerFactory> factories, ImmediateTransport transport, int recipients,
                                String label) throws Exception {
        long sentBefore = transport.sent();
        SendingConfig config = SendingConfig.custom()
                .senderMessagesPerSecond(100_000_000)
                .leadPacing(java.time.Duration.ZERO)
                .sendWindow(SendWindow.always())
                .enforceServiceWindow(false) // generated leads never wrote in; this measures free-form sends
                .batchSize(BATCH)
                .maxInFlight(BATCH * SendingConfig.DEFAULT_WORKERS)
                .build();
        List<LeadReach> engines = new ArrayList<>();
        JpaCampaignStore campaigns = new JpaCampaignStore(factories.get(0));
        try {
            for (int i = 0; i < factories.size(); i++) {
                EntityManagerFactory emf = factories.get(i);
                engines.add(LeadReach.builder()
                        .transport(transport)
                        .nodeId("node-" + (i + 1))
                        .leadDirectory(new GeneratedLeadDirectory(recipients))
                        .campaignStore(i == 0 ? campaigns : new JpaCampaignStore(emf))
                        .messageStore(new JpaMessageStore(emf))
                        .templateStore(new JpaTemplateStore(emf))
                        .consentStore(new JpaConsentStore(emf))
                        .attachmentStore(new InMemoryAttachmentStore())
                        .sending(config)
                        .build());
            }
            Campaign c = BenchCampaign.create(campaigns, "bench");
            long start = System.nanoTime();
            campaigns.transition(c.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE, Clock.systemUTC().instant(), null);
            for (LeadReach lr : engines) {
                lr.runner().wake(c.id());
            }
            while (campaigns.find(c.id()).orElseThrow().status() != CampaignStatus.COMPLETED) {
                Thread.sleep(20);
            }
            long elapsed = System.nanoTime() - start;
            CampaignCounters n = campaigns.counts(c.id());
            long sends = transport.sent() - sentBefore;
            if (n.sent() != recipients || sends != recipients) {
                System.out.println("FAILED: expected every recipient sent once, got " + n + " and " + sends + " sends");
                System.exit(1);
            }
            double perSecond = recipients / (elapsed / 1e9);
            System.out.printf(Locale.ROOT, "  %s, %d node%s: %,.0f sends/s%n", label, factories.size(),
                    factories.size() == 1 ? "" : "s", perSecond);
            return perSecond;
        } finally {
            for (LeadReach lr : engines) {
                lr.close();
            }
        }
    }
}
