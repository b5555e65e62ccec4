package io.leadreach.benchmarks;

import com.zaxxer.hikari.HikariDataSource;
import io.leadreach.benchmarks.fixtures.HostLead;
import io.leadreach.benchmarks.fixtures.PostgresSchema;
import io.leadreach.jpa.JpaLeadDirectory;
import io.leadreach.jpa.LeadMapping;
import io.leadreach.lead.TargetCriteria;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.persistence.PersistenceConfiguration;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.postgresql.PGConnection;

/**
 * Counting a campaign's targets over 1,000,000 of the host's leads on PostgreSQL, through
 * {@code JpaLeadDirectory.count} (a JPA Criteria {@code count} over the host's own entity), with
 * the indexes docs/jpa.md recommends under "Indexes we recommend" ({@link #RECOMMENDED_INDEXES},
 * the same statements). Target: a median of at most 1 s.
 *
 * <p>It creates a schema of its own, creates the host's lead table and fills it with 1,000,000
 * seeded random leads through the driver's {@code COPY} API (six pipeline stages in mixed case,
 * five sources, three years of creation dates), creates the recommended indexes, runs
 * {@code VACUUM ANALYZE}, and times each criterion {@value #RUNS} times after {@value #WARM_UP}
 * warm-up runs (median and spread). For comparison it then drops the indexes and times the
 * typical criterion again. The schema is dropped at the end.
 *
 * <p>Run (PostgreSQL at 127.0.0.1:5432, database {@code test}, trust auth by default; also part of
 * {@code mvn verify -Pall}): {@code mvn -q -pl benchmarks -am package -DskipTests &&
 * java -cp benchmarks/target/benchmarks.jar io.leadreach.benchmarks.JpaLeadCountBenchmark
 * [leads] [jdbc-url] [user]}
 */
public final class JpaLeadCountBenchmark {

    /** The indexes docs/jpa.md recommends for the host's lead table, on this benchmark's table. */
    static final List<String> RECOMMENDED_INDEXES = List.of(
            "CREATE INDEX host_crm_leads_lr_target ON " + HostLead.TABLE + " (lower(stage), lower(lead_source), created_on)",
            "CREATE INDEX host_crm_leads_lr_created ON " + HostLead.TABLE + " (created_on)",
            "CREATE INDEX host_crm_leads_lr_phone ON " + HostLead.TABLE + " (phone)");

    private static final int WARM_UP = 3;
    private static final int RUNS = 11;
    private static final long SEED = 42L;
    private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
    private static final String[] STAGES = {"New", "Contacted", "Qualified", "Proposal", "Won", "Lost"};
    private static final String[] SOURCES = {"Web", "Referral", "Event", "Ads", "Partner"};
    private static final String[] PRIORITIES = {"LOW", "MEDIUM", "HIGH"};

    private JpaLeadCountBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int leads = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        try (PostgresSchema db = PostgresSchema.create(args, 1, "lr_leadcount_", 2)) {
            HikariDataSource ds = db.dataSource();
            long t0 = System.nanoTime();
            load(ds, leads);
            long t1 = System.nanoTime();
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                for (String index : RECOMMENDED_INDEXES) {
                    s.execute(index);
                }
                s.execute("VACUUM ANALYZE " + HostLead.TABLE);
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "lead count on PostgreSQL: %,d host leads loaded in %.1f s, indexes and"
                    + " VACUUM ANALYZE in %.1f s, %d cores%n", leads, (t1 - t0) / 1e9, (t2 - t1) / 1e9,
                    Runtime.getRuntime().availableProcessors());

            EntityManagerFactory emf = Persistence.createEntityManagerFactory(new PersistenceConfiguration("crm")
                    .managedClass(HostLead.class)
                    .property("jakarta.persistence.nonJtaDataSource", ds));
            try {
                JpaLeadDirectory directory = new JpaLeadDirectory(emf, LeadMapping.forEntity(HostLead.class)
                        .id("id").name("fullName").mobile("phone").status("stage").source("source")
                        .priority("priority").createdAt("createdOn").attribute("segment", "segment").build());
                TargetCriteria typical = TargetCriteria.builder().statuses("qualified", "contacted").sources("web")
                        .createdFrom(NOW.minus(Duration.ofDays(90))).build();
                TargetCriteria byStatus = TargetCriteria.builder().statuses("qualified").build();
                double typicalMedian = time(directory, typical,
                        "statuses qualified+contacted, source web, created in the last 90 days");
                time(directory, byStatus, "status qualified");
                System.out.printf(Locale.ROOT, "median with the recommended indexes: %.1f ms (target: at most 1,000 ms)%n",
                        typicalMedian);

                try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP INDEX host_crm_leads_lr_target, host_crm_leads_lr_created, host_crm_leads_lr_phone");
                    s.execute("ANALYZE " + HostLead.TABLE);
                }
                double without = time(directory, typical, "the same typical criteria without those indexes");
                System.out.printf(Locale.ROOT, "without the indexes: %.1f ms, %.1f× slower%n", without,
                        without / typicalMedian);
            } finally {
                emf.close();
            }
        }
    }

    /** Times {@code count} on the criteria; prints and returns the median in milliseconds. */
    private static double time(JpaLeadDirectory directory, TargetCriteria criteria, String label) {
        long matched = 0;
        for (int i = 0; i < WARM_UP; i++) {
            matched = directory.count(criteria);
        }
        double[] ms = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            long n = directory.count(criteria);
            ms[i] = (System.nanoTime() - start) / 1e6;
            if (n != matched) {
                throw new IllegalStateException("the count changed between runs: " + matched + " then " + n);
            }
        }
        Arrays.sort(ms);
        double median = ms[RUNS / 2];
        System.out.printf(Locale.ROOT, "  %s: %,d leads match; median %.1f ms (min %.1f, max %.1f, %d runs)%n",
                label, matched, median, ms[0], ms[RUNS - 1], RUNS);
        return median;
    }

    /** Creates the host's lead table and fills it with seeded random leads through COPY, in chunks. */
    private static void load(HikariDataSource ds, int leads) throws SQLException, java.io.IOException {
        try (Connection c = ds.getConnection()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + HostLead.TABLE + " (id BIGINT PRIMARY KEY, full_name VARCHAR(200),"
                        + " phone VARCHAR(32), stage VARCHAR(40), lead_source VARCHAR(40), priority VARCHAR(10),"
                        + " created_on TIMESTAMP(6) WITH TIME ZONE, segment VARCHAR(40))");
            }
            var copy = c.unwrap(PGConnection.class).getCopyAPI();
            String sql = "COPY " + HostLead.TABLE + " (id, full_name, phone, stage, lead_source, priority, created_on,"
                    + " segment) FROM STDIN WITH (FORMAT csv)";
            Random random = new Random(SEED);
            DateTimeFormatter iso = DateTimeFormatter.ISO_INSTANT;
            long span = Duration.ofDays(3 * 365).toSeconds();
            int chunk = 100_000;
            for (int from = 1; from <= leads; from += chunk) {
                StringBuilder rows = new StringBuilder(chunk * 100);
                for (int id = from; id < from + chunk && id <= leads; id++) {
                    rows.append(id).append(",Lead ").append(id)
                            .append(String.format(Locale.ROOT, ",+1201555%04d,", id % 10_000))
                            .append(STAGES[random.nextInt(STAGES.length)]).append(',')
                            .append(SOURCES[random.nextInt(SOURCES.length)]).append(',')
                            .append(PRIORITIES[random.nextInt(PRIORITIES.length)]).append(',')
                            .append(iso.format(NOW.minusSeconds((long) (random.nextDouble() * span)))).append(',')
                            .append("segment-").append(random.nextInt(10)).append('\n');
                }
                copy.copyIn(sql, new StringReader(rows.toString()));
            }
        }
    }

}
