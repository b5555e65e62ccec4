package io.leadreach.jpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.contract.RateLimiterContract;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RateLimiter;
import io.leadreach.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The RateLimiter contract on Bucket4j's MariaDB buckets. */
class MariaDbRateLimiterTest extends RateLimiterContract {

    @Override
    protected RateLimiter newLimiter(MutableClock clock) {
        return Bucket4jRateLimiter.mariadb(TestDatabase.MARIADB.dataSource(), clock);
    }

    /**
     * Bucket4j stamps a row's expiry, and removes expired rows, by the system clock (not the
     * injected one), so this check waits a little real time.
     */
    @Test
    void idleBucketsThatWouldBeFullAgainAreRemovedAndComeBackFull() throws InterruptedException {
        Bucket4jRateLimiter buckets = (Bucket4jRateLimiter) limiter;
        String k = key("idle");
        RateLimit limit = new RateLimit(2, 2, Duration.ofMillis(100));
        assertThat(buckets.tryAcquire(k, limit, 2)).isEqualTo(2);
        Thread.sleep(300);
        assertThat(buckets.removeExpired(10_000)).isPositive();
        assertThat(buckets.tryAcquire(k, limit, 5)).as("recreated full").isEqualTo(2);
    }
}
