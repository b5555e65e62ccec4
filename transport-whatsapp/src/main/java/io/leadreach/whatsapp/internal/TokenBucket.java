package io.leadreach.whatsapp.internal;

import java.time.Clock;

/**
 * A token bucket read against a {@link Clock} (so tests move time by hand): {@code capacity}
 * tokens, refilled at {@code capacity / period}. Thread-safe.
 */
public final class TokenBucket {

    private final Clock clock;
    private final double capacity;
    private final double tokensPerMilli;
    private double tokens;
    private long lastMillis;

    /**
     * A full bucket.
     *
     * @param capacity     the most tokens (the burst)
     * @param periodMillis the time in which {@code capacity} tokens are refilled
     */
    public TokenBucket(Clock clock, double capacity, double periodMillis) {
        this.clock = clock;
        this.capacity = capacity;
        this.tokensPerMilli = capacity / periodMillis;
        this.tokens = capacity;
        this.lastMillis = clock.millis();
    }

    /** Takes a token if there is one. */
    public synchronized boolean tryTake() {
        refill();
        if (tokens >= 1.0) {
            tokens -= 1.0;
            return true;
        }
        return false;
    }

    /** Whether the bucket has been full (idle) for a while; idle buckets can be dropped. */
    public synchronized boolean isFull() {
        refill();
        return tokens >= capacity;
    }

    private void refill() {
        long now = clock.millis();
        if (now > lastMillis) {
            tokens = Math.min(capacity, tokens + (now - lastMillis) * tokensPerMilli);
            lastMillis = now;
        }
    }
}
