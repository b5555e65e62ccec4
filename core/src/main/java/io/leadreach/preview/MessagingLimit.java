package io.leadreach.preview;

/**
 * WhatsApp's messaging-limit tiers: unique users a business portfolio may reach outside a
 * service window per rolling 24 hours.
 */
public enum MessagingLimit {
    TIER_250(250), TIER_2K(2_000), TIER_10K(10_000), TIER_100K(100_000), UNLIMITED(Long.MAX_VALUE);

    private final long uniqueRecipientsPer24h;

    MessagingLimit(long uniqueRecipientsPer24h) {
        this.uniqueRecipientsPer24h = uniqueRecipientsPer24h;
    }

    /** Unique users reachable outside a service window per 24 hours. */
    public long uniqueRecipientsPer24h() {
        return uniqueRecipientsPer24h;
    }
}
