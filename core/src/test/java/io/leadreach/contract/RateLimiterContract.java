package io.leadreach.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RateLimiter;
import io.leadreach.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link RateLimiter} passes. A subclass builds its limiter on the given clock
 * (a limiter that keeps its own time cannot be checked here and says so by overriding nothing but
 * {@link #newLimiter}: its time-based checks then use real waiting and are skipped).
 */
public abstract class RateLimiterContract {

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T10:00:00Z"));
    protected RateLimiter limiter;

    protected abstract RateLimiter newLimiter(MutableClock clock);

    /** A key no other test has used (for shared limiters whose state outlives a test). */
    protected String key(String name) {
        return name + "-" + System.nanoTime();
    }

    @BeforeEach
    void createLimiter() {
        limiter = newLimiter(clock);
    }

    @Test
    void aFreshBucketGrantsItsCapacityAndNoMore() {
        String k = key("burst");
        RateLimit limit = RateLimit.perSecond(80);
        assertThat(limiter.tryAcquire(k, limit, 100)).isEqualTo(80);
        assertThat(limiter.tryAcquire(k, limit, 1)).isZero();
        assertThat(limiter.timeToNextPermit(k, limit)).isPositive().isLessThanOrEqualTo(Duration.ofMillis(13));
    }

    @Test
    void permitsRefillWithTime() {
        String k = key("refill");
        RateLimit limit = RateLimit.perSecond(10);
        limiter.tryAcquire(k, limit, 10);
        clock.advance(Duration.ofMillis(500));
        assertThat(limiter.tryAcquire(k, limit, 10)).isEqualTo(5);
    }

    @Test
    void pacingAllowsOneEveryInterval() {
        String k = key("lead");
        RateLimit pace = RateLimit.oneEvery(Duration.ofSeconds(6));
        assertThat(limiter.tryAcquire(k, pace, 1)).isEqualTo(1);
        clock.advance(Duration.ofSeconds(5));
        assertThat(limiter.tryAcquire(k, pace, 1)).isZero();
        assertThat(limiter.timeToNextPermit(k, pace)).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire(k, pace, 1)).isEqualTo(1);
    }

    @Test
    void refundsGiveBackUnusedPermitsButNeverBeyondCapacity() {
        String k = key("refund");
        RateLimit limit = RateLimit.perSecond(5);
        limiter.tryAcquire(k, limit, 5);
        limiter.refund(k, limit, 3);
        assertThat(limiter.tryAcquire(k, limit, 5)).isEqualTo(3);
        limiter.refund(k, limit, 50);
        assertThat(limiter.tryAcquire(k, limit, 50)).isEqualTo(5);
    }

    @Test
    void concurrentCallersNeverTakeMoreThanTheBucketHolds() throws Exception {
        String k = key("race");
        RateLimit limit = RateLimit.perSecond(100);
        AtomicInteger granted = new AtomicInteger();
        CampaignStoreContract.runConcurrently(4, i -> {
            for (int n = 0; n < 100; n++) {
                granted.addAndGet(limiter.tryAcquire(k, limit, 1));
            }
        });
        assertThat(granted).hasValue(100);
    }

    @Test
    void keysAreIndependent() {
        RateLimit limit = RateLimit.perSecond(1);
        assertThat(limiter.tryAcquire(key("a"), limit, 1)).isEqualTo(1);
        assertThat(limiter.tryAcquire(key("b"), limit, 1)).isEqualTo(1);
    }
}
