package io.leadreach.sending;

import java.time.Duration;
import java.util.Objects;

/**
 * A token bucket: {@code capacity} permits at most at once, refilled at {@code refillPermits} every
 * {@code refillPeriod}. The capacity is the burst a caller may borrow; over any interval T the
 * permits granted never exceed {@code capacity + refillPermits * T / refillPeriod}.
 */
public record RateLimit(long capacity, long refillPermits, Duration refillPeriod) {

    public RateLimit {
        Objects.requireNonNull(refillPeriod, "refillPeriod");
        if (capacity <= 0 || refillPermits <= 0) {
            throw new IllegalArgumentException("a rate limit needs a positive capacity and refill, got "
                    + capacity + " and " + refillPermits);
        }
        if (refillPeriod.isZero() || refillPeriod.isNegative()) {
            throw new IllegalArgumentException("refillPeriod must be positive: " + refillPeriod);
        }
    }

    /** {@code permits} per second, with a burst of one second's worth. */
    public static RateLimit perSecond(long permits) {
        return new RateLimit(permits, permits, Duration.ofSeconds(1));
    }

    /** {@code permits} per minute, with a burst of {@code max(1, permits / 60)} (about one second's worth). */
    public static RateLimit perMinute(long permits) {
        return new RateLimit(Math.max(1, permits / 60), permits, Duration.ofMinutes(1));
    }

    /** One permit every {@code interval}, no burst: pacing. */
    public static RateLimit oneEvery(Duration interval) {
        return new RateLimit(1, 1, interval);
    }

    /** Nanoseconds to refill one permit. */
    public double nanosPerPermit() {
        return (double) refillPeriod.toNanos() / refillPermits;
    }

    /** Nanoseconds for an empty bucket to become full again. */
    public long nanosToFill() {
        return (long) Math.ceil(nanosPerPermit() * capacity);
    }
}
