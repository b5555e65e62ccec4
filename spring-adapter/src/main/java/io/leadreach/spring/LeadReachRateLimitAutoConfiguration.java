package io.leadreach.spring;

import io.leadreach.jpa.Bucket4jRateLimiter;
import io.leadreach.jpa.LeadReachJpa;
import io.leadreach.sending.RateLimiter;
import io.leadreach.sending.RecurringJob;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Throttles shared by every node of the application, on Bucket4j over the application's
 * {@link DataSource} (PostgreSQL, or MariaDB/MySQL), when {@code leadreach.sending.shared-rate-limit=true},
 * {@code leadreach-persistence-jpa} and {@code bucket4j_jdk17-core} are on the class path. LeadReach's
 * migrations (which create {@value Bucket4jRateLimiter#TABLE}) run first, unless
 * {@code leadreach.initialize-schema=false}; expired buckets are
 * deleted by a recurring job. Without it each node throttles in memory.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = "io.leadreach.spring.LeadReachAutoConfiguration")
@ConditionalOnClass(name = {"io.github.bucket4j.Bucket", "io.leadreach.jpa.Bucket4jRateLimiter"})
@ConditionalOnSingleCandidate(DataSource.class)
@ConditionalOnBooleanProperty(name = "leadreach.sending.shared-rate-limit")
@EnableConfigurationProperties(LeadReachProperties.class)
public class LeadReachRateLimitAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LeadReachRateLimitAutoConfiguration.class);

    /** The name of the recurring job that deletes expired buckets. */
    public static final String EXPIRY_JOB = "leadreach-rate-limit-expiry";

    /** The shared {@link RateLimiter}, chosen by the database the DataSource reaches. */
    @Bean
    @ConditionalOnMissingBean(RateLimiter.class)
    public Bucket4jRateLimiter leadReachSharedRateLimiter(DataSource dataSource, ObjectProvider<Clock> clock,
                                                          LeadReachProperties properties) {
        Clock c = clock.getIfAvailable(Clock::systemUTC);
        String product = databaseProduct(dataSource);
        if (properties.schemaChangesAllowed()) {
            LeadReachJpa.migrate(dataSource);
        }
        if (product.contains("postgresql")) {
            if (!isPresent("io.github.bucket4j.postgresql.Bucket4jPostgreSQL")) {
                throw new IllegalStateException("leadreach.sending.shared-rate-limit=true on PostgreSQL needs "
                        + "com.bucket4j:bucket4j_jdk17-postgresql on the class path");
            }
            log.info("LeadReach throttles shared by all nodes: Bucket4j on PostgreSQL");
            return Bucket4jRateLimiter.postgresql(dataSource, c);
        }
        if (product.contains("mariadb") || product.contains("mysql")) {
            log.info("LeadReach throttles shared by all nodes: Bucket4j on {}", product);
            return Bucket4jRateLimiter.mariadb(dataSource, c);
        }
        throw new IllegalStateException("leadreach.sending.shared-rate-limit=true needs PostgreSQL or MariaDB/MySQL, "
                + "but the DataSource reaches '" + product + "'; set it to false (throttles per node) or "
                + "define a RateLimiter bean");
    }

    /** Deletes buckets that would be full again, hourly, on one node at a time under db-scheduler. */
    @Bean
    @ConditionalOnBean(Bucket4jRateLimiter.class)
    @ConditionalOnMissingBean(name = "leadReachRateLimitExpiryJob")
    public RecurringJob leadReachRateLimitExpiryJob(Bucket4jRateLimiter limiter) {
        return new RecurringJob(EXPIRY_JOB, Duration.ofHours(1), () -> {
            int removed;
            do {
                removed = limiter.removeExpired(1_000);
            } while (removed >= 1_000);
        });
    }

    private static String databaseProduct(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException e) {
            throw new IllegalStateException("leadreach.sending.shared-rate-limit=true: cannot reach the DataSource "
                    + "to learn its database: " + e.getMessage(), e);
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, LeadReachRateLimitAutoConfiguration.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
