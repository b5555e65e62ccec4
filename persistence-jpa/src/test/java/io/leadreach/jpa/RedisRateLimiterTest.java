package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.contract.LocalServer;
import io.leadreach.contract.RateLimiterContract;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RateLimiter;
import io.leadreach.testing.MutableClock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The RateLimiter contract on Bucket4j's Redis buckets (Lettuce), against the local Redis. */
class RedisRateLimiterTest extends RateLimiterContract {

    static final String REDIS = System.getProperty("leadreach.test.redis.uri", "redis://127.0.0.1:6379");

    private static RedisClient client;
    private static StatefulRedisConnection<String, byte[]> connection;

    @BeforeAll
    static void connect() {
        URI where = URI.create(REDIS);
        LocalServer.assumeRunning("Redis", where.getHost(), where.getPort() < 0 ? 6379 : where.getPort());
        client = RedisClient.create(REDIS);
        connection = Bucket4jRateLimiter.connect(client);
    }

    @AfterAll
    static void close() {
        if (connection != null) {
            connection.close();
            client.shutdown();
        }
    }

    @Override
    protected RateLimiter newLimiter(MutableClock clock) {
        return Bucket4jRateLimiter.redis(connection, clock);
    }

    @Test
    void bucketsLiveUnderLeadReachsPrefixAndExpireWhenTheyWouldBeFull() {
        String k = key("prefixed");
        assertThat(limiter.tryAcquire(k, new RateLimit(2, 2, Duration.ofMinutes(10)), 1)).isEqualTo(1);
        String redisKey = Bucket4jRateLimiter.REDIS_KEY_PREFIX + k;
        assertThat(connection.sync().exists(redisKey)).isEqualTo(1);
        assertThat(connection.sync().pttl(redisKey)).as("expires about when the bucket is full again")
                .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5)
                        .plusSeconds(Bucket4jRateLimiter.REDIS_KEY_GRACE_SECONDS).toMillis() + 1_000);
    }

    @Test
    void twoLimitersOnOneRedisShareTheirBuckets() {
        String k = key("shared");
        RateLimit twoPerHour = new RateLimit(2, 2, Duration.ofHours(1));
        RateLimiter other = Bucket4jRateLimiter.redis(connection, clock);
        assertThat(limiter.tryAcquire(k, twoPerHour, 1)).isEqualTo(1);
        assertThat(other.tryAcquire(k, twoPerHour, 5)).isEqualTo(1);
        assertThat(limiter.tryAcquire(k, twoPerHour, 1)).isZero();
    }

    @Test
    void aBucketIsNotFullAgainBecauseRedisExpiredItsKeyByItsOwnClock() throws InterruptedException {
        String k = key("early-expiry");
        RateLimit hundredPerSecond = RateLimit.perSecond(100);
        assertThat(limiter.tryAcquire(k, hundredPerSecond, 1)).isEqualTo(1);
        // By the limiter's clock no time passes; by Redis's, more than the 10 ms the bucket needs to
        // refill: a key expiring then would come back as a full bucket of 100.
        Thread.sleep(50);
        assertThat(limiter.tryAcquire(k, hundredPerSecond, 100)).isEqualTo(99);
    }
}
