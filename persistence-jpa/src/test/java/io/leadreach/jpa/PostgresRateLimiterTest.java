package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.contract.RateLimiterContract;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RateLimiter;
import io.leadreach.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The RateLimiter contract on Bucket4j's PostgreSQL buckets. */
class PostgresRateLimiterTest extends RateLimiterContract {

    @Override
    protected RateLimiter newLimiter(MutableClock clock) {
        return Bucket4jRateLimiter.postgresql(TestDatabase.POSTGRESQL.dataSource(), clock);
    }

    @Test
    void idleBucketsThatWouldBeFullAgainAreRemovedAndComeBackFull() {
        Bucket4jRateLimiter buckets = (Bucket4jRateLimiter) limiter;
        String k = key("idle");
        RateLimit limit = RateLimit.perSecond(10);
        assertThat(buckets.tryAcquire(k, limit, 10)).isEqualTo(10);
        clock.advance(Duration.ofSeconds(5));
        assertThat(buckets.removeExpired(10_000)).isPositive();
        assertThat(buckets.tryAcquire(k, limit, 20)).isEqualTo(10);
    }
}
