package io.leadreach.spring;

import io.leadreach.jpa.Bucket4jRateLimiter;
import io.leadreach.jpa.LeadReachJpa;
import io.leadreach.sending.RateLimiter;
import io.leadreach.sending.RecurringJob;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.util.ClassUtils;

/**
 * Throttles shared by every node of the application, on Bucket4j over the application's
 * {@link DataSource} (PostgreSQL, or MariaDB/MySQL), when {@code leadreach.sending.shared-rate-limit=true},
 * {@code leadreach-persistence-jpa} and {@code bucket4j_jdk17-core} are on the class path. LeadReach's
 * migrations (which create {@value Bucket4jRateLimiter#TABLE}) run first, unless
 * {@code leadreach.initialize-schema=false}; expired buckets are deleted by a recurring job. With
 * {@code leadreach.sending.shared-rate-limit-redis-uri} the buckets live in that Redis instead
 * (Redis expires them; no DataSource needed, no schema changed). Without it each node throttles in
 * memory.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        beforeName = "io.leadreach.spring.LeadReachAutoConfiguration")
@ConditionalOnClass(name = {"io.github.bucket4j.Bucket", "io.leadreach.jpa.Bucket4jRateLimiter"})
@ConditionalOnBooleanProperty(name = "leadreach.sending.shared-rate-limit")
@EnableConfigurationProperties(LeadReachProperties.class)
public class LeadReachRateLimitAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LeadReachRateLimitAutoConfiguration.class);

    /** The name of the recurring job that deletes expired buckets. */
    public static final String EXPIRY_JOB = "leadreach-rate-limit-expiry";

    private static final String REDIS_URI = "leadreach.sending.shared-rate-limit-redis-uri";
    private static final String NO_REDIS_URI = "'${" + REDIS_URI + ":}'.isEmpty()";

    /** A Redis URI without the libraries to use it is refused at start, not ignored. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = REDIS_URI)
    static class RedisLibraries {
        RedisLibraries(ConfigurableApplicationContext context) {
            ClassLoader loader = context.getClassLoader();
            if (!ClassUtils.isPresent("io.lettuce.core.RedisClient", loader)
                    || !ClassUtils.isPresent("io.github.bucket4j.redis.lettuce.Bucket4jLettuce", loader)) {
                throw new IllegalStateException(REDIS_URI + " needs com.bucket4j:bucket4j_jdk17-lettuce and "
                        + "io.lettuce:lettuce-core on the class path");
            }
        }
    }

    /** The shared buckets in Redis, when {@code leadreach.sending.shared-rate-limit-redis-uri} is set. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = REDIS_URI)
    @ConditionalOnClass(name = {"io.lettuce.core.RedisClient", "io.github.bucket4j.redis.lettuce.Bucket4jLettuce"})
    static class RedisBuckets {

        /** The Redis client of the shared throttles, shut down with the context. */
        @Bean(destroyMethod = "shutdown")
        @ConditionalOnMissingBean(name = "leadReachRateLimitRedisClient")
        RedisClient leadReachRateLimitRedisClient(LeadReachProperties properties) {
            String uri = properties.getSending().getSharedRateLimitRedisUri();
            try {
                return RedisClient.create(uri);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(REDIS_URI + " is not a Redis URI (redis://host:port): '" + uri + "'", e);
            }
        }

        /** The shared {@link RateLimiter} on Redis, over one connection of its own (closed with the context). */
        @Bean
        @ConditionalOnMissingBean(RateLimiter.class)
        Bucket4jRateLimiter leadReachSharedRateLimiter(@Qualifier("leadReachRateLimitRedisClient") RedisClient client,
                                                      ObjectProvider<Clock> clock, ConfigurableApplicationContext context) {
            StatefulRedisConnection<String, byte[]> connection;
            try {
                connection = Bucket4jRateLimiter.connect(client);
            } catch (RedisException e) {
                throw new IllegalStateException(REDIS_URI + ": cannot reach Redis: " + e.getMessage(), e);
            }
            context.addApplicationListener((ContextClosedEvent closed) -> connection.close());
            log.info("LeadReach throttles shared by all nodes: Bucket4j on Redis");
            return Bucket4jRateLimiter.redis(connection, clock.getIfAvailable(Clock::systemUTC));
        }
    }

    /** The shared {@link RateLimiter}, chosen by the database the DataSource reaches. */
    @Bean
    @ConditionalOnMissingBean(RateLimiter.class)
    @ConditionalOnSingleCandidate(DataSource.class)
    @ConditionalOnExpression(NO_REDIS_URI)
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

    /** Deletes buckets that would be full again, hourly, on one node at a time under db-scheduler (not needed on Redis). */
    @Bean
    @ConditionalOnBean(Bucket4jRateLimiter.class)
    @ConditionalOnExpression(NO_REDIS_URI)
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
