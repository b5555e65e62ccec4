package io.leadreach.memory;

import io.leadreach.contract.RateLimiterContract;
import io.leadreach.sending.RateLimiter;
import io.leadreach.testing.MutableClock;

class InMemoryRateLimiterTest extends RateLimiterContract {

    @Override
    protected RateLimiter newLimiter(MutableClock clock) {
        return new InMemoryRateLimiter(clock);
    }
}
