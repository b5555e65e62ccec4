package io.leadreach.spring;

import io.leadreach.jpa.DbSchedulerEngineScheduler;
import io.leadreach.jpa.LeadReachJpa;
import io.leadreach.sending.EngineScheduler;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Cluster-safe campaign ticks and recurring jobs on db-scheduler, when db-scheduler and
 * {@code leadreach-persistence-jpa} are on the class path and the application has one
 * {@link DataSource}: every node of the application shares the task table
 * ({@value DbSchedulerEngineScheduler#TABLE}, created by LeadReach's migrations, which run at
 * start-up unless {@code leadreach.initialize-schema=false}). Without a DataSource, or with
 * {@code leadreach.scheduler.enabled=false}, LeadReach schedules in-process on its work queue.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = "io.leadreach.spring.LeadReachAutoConfiguration")
@ConditionalOnClass(name = {"com.github.kagkarlsson.scheduler.Scheduler", "io.leadreach.jpa.DbSchedulerEngineScheduler"})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "leadreach.scheduler.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LeadReachProperties.class)
public class LeadReachSchedulerAutoConfiguration {

    /**
     * The db-scheduler {@link EngineScheduler}, from {@code leadreach.scheduler.*}. LeadReach starts it
     * and stops it when it closes.
     */
    @Bean(destroyMethod = "")
    @ConditionalOnMissingBean
    public EngineScheduler leadReachEngineScheduler(DataSource dataSource, LeadReachProperties properties,
                                                    ObjectProvider<Clock> clock) {
        LeadReachProperties.Scheduler s = properties.getScheduler();
        if (properties.schemaChangesAllowed()) {
            LeadReachJpa.migrate(dataSource);
        }
        DbSchedulerEngineScheduler.Builder b = DbSchedulerEngineScheduler.builder(dataSource)
                .clock(clock.getIfAvailable(Clock::systemUTC))
                .pollingInterval(s.getPollingInterval())
                .heartbeatInterval(s.getHeartbeatInterval())
                .missedHeartbeatsLimit(s.getMissedHeartbeatsLimit())
                .threads(s.getThreads())
                .shutdownMaxWait(s.getShutdownMaxWait());
        if (s.getNodeName() != null) {
            b.nodeName(s.getNodeName());
        }
        return b.build();
    }
}
