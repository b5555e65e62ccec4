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
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * End-to-end sends a second of the campaign engine on the PostgreSQL stores ({@code JpaCampaignStore},
 * {@code JpaMessageStore}, ...; Hibernate ORM over HikariCP) with a transport that answers at once:
 * every recipient is added, claimed, marked SENDING, settled and logged in the database, so this is
 * what one node can push through its database (target: at least 2,000 sends a second).
 *
 * <p>It creates a schema of its own in the given database, migrates it, runs a warm-up campaign and
 * then a measured one (from execute to the last settle), and drops the schema. Leads are generated
 * in memory (they are the host's); pacing and quiet hours are off, the sender's rate is unlimited.
 *
 * <p>Run (PostgreSQL at 127.0.0.1:5432, database {@code test}, trust auth by default):
 * {@code mvn -q -pl benchmarks -am package -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * io.leadreach.benchmarks.JpaEngineThroughputBenchmark [recipients] [jdbc-url] [user]} ({@code -Drounds=N}
 * measured campaigns, 3 by default; the median is reported; {@code -DmaxInFlight=N}, 400 by default).
 */
public final class JpaEngineThroughputBenchmark {

    /** One transport for all rounds, so provider message ids stay unique in the messages table. */
    private static final ImmediateTransport TRANSPORT = new ImmediateTransport();
    private static final int BATCH = 200;
    /** Measured campaigns; the median is reported. */
    private static final int ROUNDS = Integer.getInteger("rounds", 3);

    private JpaEngineThroughputBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        try (PostgresSchema db = PostgresSchema.create(args, 1, "lr_bench_", 8)) {
            HikariDataSource ds = db.dataSource();
            LeadReachJpa.migrate(ds);
            EntityManagerFactory emf = LeadReachJpa.createEntityManagerFactory(ds, Map.of());
            try {
                System.out.printf(Locale.ROOT, "engine on PostgreSQL: %,d recipients, %d cores%n", recipients,
                        Runtime.getRuntime().availableProcessors());
                double warm = round(emf, Math.max(1_000, recipients / 5));
                System.out.printf(Locale.ROOT, "  warm-up: %,.0f sends/s%n", warm);
                double[] rates = new double[ROUNDS];
                for (int i = 0; i < ROUNDS; i++) {
                    rates[i] = round(emf, recipients);
                    System.out.printf(Locale.ROOT, "  round %d: %,.0f sends/s%n", i + 1, rates[i]);
                }
                Arrays.sort(rates);
                System.out.printf(Locale.ROOT, "measured: median %,.0f sends/s of %d rounds (min %,.0f, max %,.0f;"
                        + " target: at least 2,000)%n", rates[ROUNDS / 2], ROUNDS, rates[0], rates[ROUNDS - 1]);
            } finally {
                emf.close();
            }
        }
    }

    private static double round(EntityManagerFactory emf, int recipients) throws InterruptedException {
        long sentBefore = TRANSPORT.sent();
        JpaCampaignStore campaigns = new JpaCampaignStore(emf);
        SendingConfig config = SendingConfig.custom()
                .senderMessagesPerSecond(100_000_000)
                .leadPacing(java.time.Duration.ZERO)
                .sendWindow(SendWindow.always())
                .enforceServiceWindow(false) // generated leads never wrote in; this measures free-form sends
                .batchSize(BATCH)
                // A lane marks, sends and settles up to maxInFlight / workers recipients per store
                // call; an instant transport needs no more slots than a batch per lane.
                .maxInFlight(Integer.getInteger("maxInFlight", BATCH * SendingConfig.DEFAULT_WORKERS))
                .build();
        try (LeadReach lr = LeadReach.builder()
                .transport(TRANSPORT)
                .leadDirectory(new GeneratedLeadDirectory(recipients))
                .campaignStore(campaigns)
                .messageStore(new JpaMessageStore(emf))
                .templateStore(new JpaTemplateStore(emf))
                .consentStore(new JpaConsentStore(emf))
                .attachmentStore(new InMemoryAttachmentStore())
                .sending(config)
                .build()) {
            Campaign c = BenchCampaign.create(campaigns, "bench");
            long start = System.nanoTime();
            BenchCampaign.activate(lr, campaigns, c);
            while (campaigns.find(c.id()).orElseThrow().status() != CampaignStatus.COMPLETED) {
                Thread.sleep(20);
            }
            long elapsed = System.nanoTime() - start;
            CampaignCounters n = campaigns.counts(c.id());
            if (n.sent() != recipients || TRANSPORT.sent() - sentBefore != recipients) {
                throw new IllegalStateException("expected every recipient sent once, got " + n + " and "
                        + (TRANSPORT.sent() - sentBefore) + " sends");
            }
            return recipients / (elapsed / 1e9);
        }
    }

}
