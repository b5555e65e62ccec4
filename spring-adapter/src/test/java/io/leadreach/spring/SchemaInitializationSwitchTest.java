package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.jpa.Bucket4jRateLimiter;
import io.leadreach.jpa.DbSchedulerEngineScheduler;
import io.leadreach.jpa.JpaCampaignStore;
import io.leadreach.jpa.LeadReachJpa;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One switch for every schema change LeadReach makes at start-up: {@code leadreach.initialize-schema}
 * (and the older {@code leadreach.scheduler.initialize-schema}, which now means the same). Off,
 * neither the JPA stores, nor the scheduler, nor the shared throttles migrate anything.
 */
class SchemaInitializationSwitchTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadReachWhatsAppAutoConfiguration.class,
                    LeadReachAutoConfiguration.class, LeadReachJpaAutoConfiguration.class,
                    LeadReachSchedulerAutoConfiguration.class, LeadReachRateLimitAutoConfiguration.class))
            .withUserConfiguration(RecordingTransportConfig.class)
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments",
                    "leadreach.scheduler.polling-interval=200ms", "leadreach.scheduler.shutdown-max-wait=1s");

    @Test
    void byDefaultLeadReachsTablesAreCreated() {
        runner.withUserConfiguration(H2.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(JpaCampaignStore.class)
                    .hasSingleBean(DbSchedulerEngineScheduler.class);
            assertThat(leadReachTables(context.getBean(DataSource.class)))
                    .contains(LeadReachJpa.HISTORY_TABLE, DbSchedulerEngineScheduler.TABLE);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"leadreach.initialize-schema=false", "leadreach.scheduler.initialize-schema=false"})
    void switchedOffNothingIsMigratedByTheStoresOrTheScheduler(String off) {
        runner.withUserConfiguration(H2.class).withPropertyValues(off).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(JpaCampaignStore.class)
                    .hasSingleBean(DbSchedulerEngineScheduler.class);
            assertThat(leadReachTables(context.getBean(DataSource.class))).isEmpty();
        });
    }

    @Test
    void switchedOffTheSharedThrottlesMigrateNothingEither() throws Exception {
        String schema = "lr_noschema_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = LeadReachRateLimitAutoConfigurationTest.postgres(null).getConnection();
             Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        try {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(LeadReachRateLimitAutoConfiguration.class,
                            LeadReachAutoConfiguration.class))
                    .withUserConfiguration(RecordingTransportConfig.class)
                    .withBean(DataSource.class, () -> LeadReachRateLimitAutoConfigurationTest.postgres(schema))
                    .withPropertyValues("leadreach.attachments.directory=target/test-attachments",
                            "leadreach.sending.shared-rate-limit=true", "leadreach.initialize-schema=false")
                    .run(context -> {
                        assertThat(context).hasNotFailed().hasSingleBean(Bucket4jRateLimiter.class);
                        assertThat(leadReachTables(context.getBean(DataSource.class))).isEmpty();
                    });
        } finally {
            try (Connection c = LeadReachRateLimitAutoConfigurationTest.postgres(null).getConnection();
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** The lead_whatsapp_* tables of the data source's current schema, lower-cased. */
    private static List<String> leadReachTables(DataSource ds) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             ResultSet rs = c.getMetaData().getTables(c.getCatalog(), c.getSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME").toLowerCase(java.util.Locale.ROOT);
                if (name.startsWith("lead_whatsapp_")) {
                    out.add(name);
                }
            }
        }
        return out;
    }

    @Configuration(proxyBeanMethods = false)
    static class H2 {
        @Bean
        DataSource dataSource() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:lr_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
            return ds;
        }
    }
}
