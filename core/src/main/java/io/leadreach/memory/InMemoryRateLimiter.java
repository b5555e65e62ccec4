package io.leadreach.memory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Token buckets in this JVM, timed by the injected {@link Clock}. A bucket left idle long enough
 * to fill up again is forgotten (it would be full anyway), so pacing a million leads does not keep
 * a million buckets.
 */
public final class InMemoryRateLimiter implements RateLimiter {

    private final Clock clock;
    private final Cache<String, Bucket> buckets;

    public InMemoryRateLimiter(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.buckets = Caffeine.newBuilder()
                .ticker(this::nowNanos)
                .expireAfter(new Expiry<String, Bucket>() {
                    @Override
                    public long expireAfterCreate(String key, Bucket value, long currentTime) {
                        return value.idleNanos;
                    }

                    @Override
                    public long expireAfterUpdate(String key, Bucket value, long currentTime, long currentDuration) {
                        return value.idleNanos;
                    }

                    @Override
                    public long expireAfterRead(String key, Bucket value, long currentTime, long currentDuration) {
                        return value.idleNanos;
                    }
                })
                .executor(Runnable::run)
                .build();
    }

    private long nowNanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public int tryAcquire(String key, RateLimit limit, int permits) {
        if (permits <= 0) {
            return 0;
        }
        Bucket b = bucket(key, limit);
        synchronized (b) {
            b.refill(nowNanos());
            int granted = (int) Math.min(permits, Math.floor(b.tokens));
            b.tokens -= granted;
            return granted;
        }
    }

    @Override
    public Duration timeToNextPermit(String key, RateLimit limit) {
        Bucket b = bucket(key, limit);
        synchronized (b) {
            b.refill(nowNanos());
            if (b.tokens >= 1) {
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - b.tokens) * b.nanosPerPermit));
        }
    }

    @Override
    public void refund(String key, RateLimit limit, int permits) {
        if (permits <= 0) {
            return;
        }
        Bucket b = bucket(key, limit);
        synchronized (b) {
            b.tokens = Math.min(b.capacity, b.tokens + permits);
        }
    }

    private Bucket bucket(String key, RateLimit limit) {
        return buckets.get(key, k -> new Bucket(limit, nowNanos()));
    }

    /** How long past "full again" an idle bucket is kept before it is forgotten. */
    private static final long FORGET_SLACK_NANOS = 2_000_000_000L;

    /** One token bucket; its fields are guarded by the bucket itself. */
    private static final class Bucket {
        final double capacity;
        final double nanosPerPermit;
        final long idleNanos;
        double tokens;
        long lastRefill;

        Bucket(RateLimit limit, long now) {
            this.capacity = limit.capacity();
            this.nanosPerPermit = limit.nanosPerPermit();
            // Forgetting a bucket is only harmless once it would be full again. Caffeine does not
            // move an entry's expiry for changes under about a second, so leave that much slack.
            this.idleNanos = limit.nanosToFill() + FORGET_SLACK_NANOS;
            this.tokens = capacity;
            this.lastRefill = now;
        }

        void refill(long now) {
            if (now > lastRefill) {
                tokens = Math.min(capacity, tokens + (now - lastRefill) / nanosPerPermit);
                lastRefill = now;
            }
        }
    }
}
