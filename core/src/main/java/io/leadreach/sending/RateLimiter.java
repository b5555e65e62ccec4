package io.leadreach.sending;

import java.time.Duration;

/**
 * Token buckets by key. The engine keys buckets by sender number ({@code sender:...}), campaign
 * ({@code campaign:...}) and lead ({@code lead:...}, pacing). The in-memory limiter serves one
 * node; a shared implementation (e.g. on Bucket4j) makes the same limits hold across nodes.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #tryAcquire} is atomic per key: concurrent callers never together take more than
 *       the bucket holds. It never blocks.</li>
 *   <li>A key's bucket is created full on first use with the given limit; callers always pass the
 *       same limit for the same key.</li>
 *   <li>{@link #refund} gives back permits that were taken but not used, never beyond capacity.</li>
 * </ul>
 */
public interface RateLimiter {

    /** Takes up to {@code permits} from the bucket and returns how many it took (0 to {@code permits}). */
    int tryAcquire(String key, RateLimit limit, int permits);

    /** How long until the bucket holds at least one permit ({@link Duration#ZERO} when it does now). */
    Duration timeToNextPermit(String key, RateLimit limit);

    /** Gives back permits taken but not used. */
    void refund(String key, RateLimit limit, int permits);
}
