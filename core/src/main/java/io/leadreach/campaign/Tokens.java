package io.leadreach.campaign;

import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RateLimiter;

/** The sender and campaign permits taken for a batch, so unused ones can be given back. */
final class Tokens {
    private final RateLimiter limiter;
    private final String senderKey;
    private final RateLimit senderLimit;
    private final String campaignKey;
    private final RateLimit campaignLimit;

    Tokens(RateLimiter limiter, String senderKey, RateLimit senderLimit, String campaignKey, RateLimit campaignLimit) {
        this.limiter = limiter;
        this.senderKey = senderKey;
        this.senderLimit = senderLimit;
        this.campaignKey = campaignKey;
        this.campaignLimit = campaignLimit;
    }

    void refund(int n) {
        if (n > 0) {
            limiter.refund(senderKey, senderLimit, n);
            limiter.refund(campaignKey, campaignLimit, n);
        }
    }
}
