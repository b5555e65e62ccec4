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
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * A 1,000,000-recipient campaign on the PostgreSQL stores, in a schema of its own, with the heap
 * capped at 256 MiB: every recipient is added, claimed, marked SENDING, sent through a transport
 * that answers at once, settled and logged in the database. At the end every recipient must be
 * SENT, the transport must have sent each exactly once, the counters must add up and the message
 * log must hold one row per recipient; otherwise it exits non-zero (an OutOfMemoryError ends it
 * too). Leads are generated on the fly (they are the host's). It prints progress, the time, the
 * sends a second and the most live heap seen (the heap's use right after collections).
 *
 * <p>Run (PostgreSQL at 127.0.0.1:5432, database {@code test}, trust auth by default):
 * {@code mvn -q -pl benchmarks -am package -DskipTests && java -Xmx256m -cp benchmarks/target/benchmarks.jar
 * io.leadreach.benchmarks.JpaMillionRecipientBenchmark [recipients] [jdbc-url] [user]}. The Maven profile
 * {@code all} runs it this way.
 */
public final class JpaMillionRecipientBenchmark {

    private static final int BATCH = 500;

    private JpaMillionRecipientBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int recipients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        boolean ok;
        try (PostgresSchema db = PostgresSchema.create(args, 1, "lr_million_", 8)) {
            HikariDataSource ds = db.dataSource();
            LeadReachJpa.migrate(ds);
            EntityManagerFactory emf = LeadReachJpa.createEntityManagerFactory(ds, Map.of());
            try {
                ok = run(emf, ds, recipients);
            } finally {
                emf.close();
            }
        }
        if (!ok) {
            System.exit(1);
        }
    }

    private static boolean run(EntityManagerFactory emf, HikariDataSource ds, int recipients) throws Exception {
        ImmediateTransport transport = new ImmediateTransport();
        JpaCampaignStore campaigns = new JpaCampaignStore(emf);
        SendingConfig config = SendingConfig.custom()
                .senderMessagesPerSecond(100_000_000)
                .sendWindow(SendWindow.always())
                .enforceServiceWindow(false) // generated leads never wrote in; this sends free-form text
                .batchSize(BATCH)
                .maxInFlight(BATCH * SendingConfig.DEFAULT_WORKERS)
                .build();
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf(Locale.ROOT, "million-recipient campaign on PostgreSQL: %,d recipients, heap cap %d MiB,"
                + " %d cores%n", recipients, maxHeap >> 20, Runtime.getRuntime().availableProcessors());
        long start;
        long elapsed;
        CampaignCounters n;
        try (LeadReach lr = LeadReach.builder()
                .clock(Clock.systemUTC())
                .transport(transport)
                .leadDirectory(new GeneratedLeadDirectory(recipients))
                .campaignStore(campaigns)
                .messageStore(new JpaMessageStore(emf))
                .templateStore(new JpaTemplateStore(emf))
                .consentStore(new JpaConsentStore(emf))
                .attachmentStore(new InMemoryAttachmentStore())
                .sending(config)
                .build()) {
            Campaign c = BenchCampaign.create(campaigns, "million");
            start = System.nanoTime();
            BenchCampaign.activate(lr, campaigns, c);
            long lastReport = start;
            while (campaigns.find(c.id()).orElseThrow().status() != CampaignStatus.COMPLETED) {
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    n = campaigns.counts(c.id());
                    System.out.printf(Locale.ROOT, "  %5.0f s: %,d of %,d recipients added, %,d sent, live heap at most %d MiB%n",
                            (lastReport - start) / 1e9, n.total(), recipients, n.sent(), sampleLiveHeap() >> 20);
                }
                sampleLiveHeap();
                Thread.sleep(50);
            }
            elapsed = System.nanoTime() - start;
            n = campaigns.counts(c.id());
        }
        long logged = count(ds, "SELECT count(*) FROM lead_whatsapp_messages");
        System.out.printf(Locale.ROOT, "done: %,d recipients in %.1f s, %,.0f sends/s, live heap at most %d MiB of %d MiB;"
                + " counters %s; %,d messages logged%n", n.total(), elapsed / 1e9, n.total() / (elapsed / 1e9),
                sampleLiveHeap() >> 20, maxHeap >> 20, n.asMap(), logged);
        boolean ok = n.total() == recipients && n.sent() == recipients && transport.sent() == recipients
                && logged == recipients;
        System.out.println(ok ? "OK: every recipient sent exactly once and logged, within the heap cap"
                : "FAILED: expected every recipient sent once and logged, got " + transport.sent() + " sends");
        return ok;
    }

    /** The most live heap seen: the heap's pools' use right after their latest collection, summed. */
    private static long maxLive;

    private static long sampleLiveHeap() {
        long live = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                live += pool.getCollectionUsage().getUsed();
            }
        }
        maxLive = Math.max(maxLive, live);
        return maxLive;
    }

    private static long count(HikariDataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

}
