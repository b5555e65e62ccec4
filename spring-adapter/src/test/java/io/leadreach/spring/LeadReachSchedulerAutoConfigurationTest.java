package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.kagkarlsson.scheduler.Scheduler;
import io.leadreach.LeadReach;
import io.leadreach.internal.Access;
import io.leadreach.jpa.DbSchedulerEngineScheduler;
import io.leadreach.sending.EngineScheduler;
import io.leadreach.sending.RecurringJob;
import io.leadreach.sending.WorkQueueScheduler;
import io.leadreach.testing.RecordingTransport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class LeadReachSchedulerAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadReachSchedulerAutoConfiguration.class,
                    LeadReachAutoConfiguration.class))
            .withUserConfiguration(RecordingTransportConfig.class)
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments",
                    "leadreach.scheduler.polling-interval=200ms", "leadreach.scheduler.shutdown-max-wait=1s");

    @Test
    void withADataSourceTicksAndJobsRunOnDbScheduler() {
        runner.withUserConfiguration(H2.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(DbSchedulerEngineScheduler.class);
            LeadReach leadReach = context.getBean(LeadReach.class);
            assertThat(Access.wiring(leadReach).scheduler()).isSameAs(context.getBean(EngineScheduler.class));
            DataSource ds = context.getBean(DataSource.class);
            assertThat(rows(ds, RecurringJob.CAMPAIGN_SWEEP)).isEqualTo(1);
            assertThat(rows(ds, "host-job")).isEqualTo(1);
        });
    }

    private static int rows(DataSource ds, String taskName) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT COUNT(*) FROM " + DbSchedulerEngineScheduler.TABLE + " WHERE task_name = ?")) {
            q.setString(1, taskName);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Test
    void hostRecurringJobsRunThroughTheScheduler() {
        runner.withUserConfiguration(H2.class).run(context -> {
            AtomicInteger runs = context.getBean(H2.class).runs;
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(runs.get()).isPositive());
        });
    }

    @Test
    void withoutADataSourceLeadReachSchedulesInProcess() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(EngineScheduler.class);
            assertThat(Access.wiring(context.getBean(LeadReach.class)).scheduler()).isInstanceOf(WorkQueueScheduler.class);
        });
    }

    @Test
    void withoutDbSchedulerOnTheClassPathLeadReachSchedulesInProcess() {
        runner.withUserConfiguration(H2.class).withClassLoader(new FilteredClassLoader(Scheduler.class)).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(EngineScheduler.class);
            assertThat(Access.wiring(context.getBean(LeadReach.class)).scheduler()).isInstanceOf(WorkQueueScheduler.class);
        });
    }

    @Test
    void switchedOffByProperty() {
        runner.withUserConfiguration(H2.class).withPropertyValues("leadreach.scheduler.enabled=false").run(context ->
                assertThat(context).hasNotFailed().doesNotHaveBean(EngineScheduler.class));
    }

    @Test
    void theHostsSchedulerWins() {
        runner.withUserConfiguration(H2.class, HostScheduler.class).run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(EngineScheduler.class)
                    .doesNotHaveBean(DbSchedulerEngineScheduler.class);
            assertThat(Access.wiring(context.getBean(LeadReach.class)).scheduler())
                    .isSameAs(context.getBean("hostScheduler"));
        });
    }

    @Test
    void badSettingsStopTheStartNamingTheProperty() {
        runner.withUserConfiguration(H2.class).withPropertyValues("leadreach.scheduler.missed-heartbeats-limit=2")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leadreach.scheduler.missed-heartbeats-limit"));
    }

    @Test
    void documentedDefaultsAreTheSchedulersOwn() {
        LeadReachProperties.Scheduler s = new LeadReachProperties().getScheduler();
        assertThat(s.getPollingInterval()).isEqualTo(DbSchedulerEngineScheduler.DEFAULT_POLLING_INTERVAL);
        assertThat(s.getHeartbeatInterval()).isEqualTo(DbSchedulerEngineScheduler.DEFAULT_HEARTBEAT_INTERVAL);
        assertThat(s.getMissedHeartbeatsLimit()).isEqualTo(DbSchedulerEngineScheduler.DEFAULT_MISSED_HEARTBEATS_LIMIT);
        assertThat(s.getThreads()).isEqualTo(DbSchedulerEngineScheduler.DEFAULT_THREADS);
        assertThat(s.getShutdownMaxWait()).isEqualTo(DbSchedulerEngineScheduler.DEFAULT_SHUTDOWN_MAX_WAIT);
    }


    @Configuration(proxyBeanMethods = false)
    static class H2 {
        final AtomicInteger runs = new AtomicInteger();

        @Bean
        DataSource dataSource() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:scheduler" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            return ds;
        }

        @Bean
        RecurringJob hostJob() {
            return new RecurringJob("host-job", Duration.ofMinutes(5), runs::incrementAndGet);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class HostScheduler {
        @Bean
        EngineScheduler hostScheduler() {
            return new EngineScheduler() {
                @Override
                public void start(Work work) {
                }

                @Override
                public void scheduleCampaign(long campaignId, Instant at) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
