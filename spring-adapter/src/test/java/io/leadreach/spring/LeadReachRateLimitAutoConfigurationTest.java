package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.LeadReach;
import io.leadreach.contract.LocalServer;
import io.leadreach.internal.Access;
import io.leadreach.jpa.Bucket4jRateLimiter;
import io.leadreach.memory.InMemoryRateLimiter;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RecurringJob;
import io.leadreach.testing.RecordingTransport;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code leadreach.sending.shared-rate-limit}: Bucket4j over the application's database, or a clear refusal. */
class LeadReachRateLimitAutoConfigurationTest {

    private static final String SCHEMA = "lr_ratelimit_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(LeadReachRateLimitAutoConfiguration.class,
                    LeadReachAutoConfiguration.class))
            .withUserConfiguration(RecordingTransportConfig.class)
            .withPropertyValues("leadreach.attachments.directory=target/test-attachments");

    @BeforeAll
    static void createSchema() throws Exception {
        LocalServer.assumeRunning("PostgreSQL", "127.0.0.1", 5432);
        try (Connection c = postgres(null).getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + SCHEMA);
        }
    }

    @AfterAll
    static void dropSchema() throws Exception {
        try (Connection c = postgres(null).getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
        }
    }

    static PGSimpleDataSource postgres(String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://127.0.0.1:5432/test" + (schema == null ? "" : "?currentSchema=" + schema));
        ds.setUser("postgres");
        return ds;
    }

    @Test
    void onPostgreSqlTheEngineThrottlesThroughTheSharedBuckets() {
        runner.withUserConfiguration(Postgres.class).withPropertyValues("leadreach.sending.shared-rate-limit=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Bucket4jRateLimiter.class)
                            .hasBean("leadReachRateLimitExpiryJob");
                    Bucket4jRateLimiter limiter = context.getBean(Bucket4jRateLimiter.class);
                    assertThat(Access.wiring(context.getBean(LeadReach.class)).rateLimiter()).isSameAs(limiter);
                    assertThat(context.getBean("leadReachRateLimitExpiryJob", RecurringJob.class).name())
                            .isEqualTo(LeadReachRateLimitAutoConfiguration.EXPIRY_JOB);
                    // The bucket lives in the database: a second limiter on it sees the tokens taken.
                    RateLimit twoPerHour = new RateLimit(2, 2, Duration.ofHours(1));
                    assertThat(limiter.tryAcquire("test-key", twoPerHour, 2)).isEqualTo(2);
                    Bucket4jRateLimiter other = Bucket4jRateLimiter.postgresql(postgres(SCHEMA), java.time.Clock.systemUTC());
                    assertThat(other.tryAcquire("test-key", twoPerHour, 1)).isZero();
                });
    }

    @Test
    void offByDefaultEachNodeThrottlesInMemory() {
        runner.withUserConfiguration(Postgres.class).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(Bucket4jRateLimiter.class);
            assertThat(Access.wiring(context.getBean(LeadReach.class)).rateLimiter()).isInstanceOf(InMemoryRateLimiter.class);
        });
    }

    @Test
    void aDatabaseBucket4jCannotUseIsRefusedNamingTheProperty() {
        runner.withUserConfiguration(H2.class).withPropertyValues("leadreach.sending.shared-rate-limit=true")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leadreach.sending.shared-rate-limit").hasMessageContaining("h2"));
    }

    @Test
    void withoutBucket4jTheAutoConfigurationBacksOff() {
        runner.withUserConfiguration(Postgres.class).withPropertyValues("leadreach.sending.shared-rate-limit=true")
                .withClassLoader(new FilteredClassLoader("io.github.bucket4j"))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(Bucket4jRateLimiter.class));
    }


    @Test
    void withARedisUriTheSharedBucketsLiveInRedisWithoutADataSource() {
        LocalServer.assumeRunning("Redis", "127.0.0.1", 6379);
        runner.withPropertyValues("leadreach.sending.shared-rate-limit=true",
                        "leadreach.sending.shared-rate-limit-redis-uri=redis://127.0.0.1:6379")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(Bucket4jRateLimiter.class)
                            .doesNotHaveBean(DataSource.class).doesNotHaveBean("leadReachRateLimitExpiryJob");
                    Bucket4jRateLimiter limiter = context.getBean(Bucket4jRateLimiter.class);
                    assertThat(Access.wiring(context.getBean(LeadReach.class)).rateLimiter()).isSameAs(limiter);
                    // The bucket lives in Redis: a second limiter on it sees the tokens taken.
                    String key = "starter-test-" + UUID.randomUUID();
                    RateLimit twoPerHour = new RateLimit(2, 2, Duration.ofHours(1));
                    assertThat(limiter.tryAcquire(key, twoPerHour, 2)).isEqualTo(2);
                    RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
                    try (StatefulRedisConnection<String, byte[]> connection = Bucket4jRateLimiter.connect(client)) {
                        Bucket4jRateLimiter other = Bucket4jRateLimiter.redis(connection, java.time.Clock.systemUTC());
                        assertThat(other.tryAcquire(key, twoPerHour, 1)).isZero();
                    } finally {
                        client.shutdown();
                    }
                });
    }

    @Test
    void aRedisUriWithoutLettuceIsRefusedNamingTheProperty() {
        runner.withPropertyValues("leadreach.sending.shared-rate-limit=true",
                        "leadreach.sending.shared-rate-limit-redis-uri=redis://127.0.0.1:6379")
                .withClassLoader(new FilteredClassLoader("io.lettuce"))
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("leadreach.sending.shared-rate-limit-redis-uri")
                        .hasMessageContaining("lettuce-core"));
    }

    @Test
    void aRedisUriThatIsNotOneIsRefusedNamingTheProperty() {
        runner.withPropertyValues("leadreach.sending.shared-rate-limit=true",
                        "leadreach.sending.shared-rate-limit-redis-uri=not a uri")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("leadreach.sending.shared-rate-limit-redis-uri is not a Redis URI"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Postgres {
        @Bean
        DataSource dataSource() {
            return postgres(SCHEMA);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class H2 {
        @Bean
        DataSource dataSource() {
            JdbcDataSource ds = new JdbcDataSource();
            ds.setURL("jdbc:h2:mem:ratelimit" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
            return ds;
        }
    }
}
