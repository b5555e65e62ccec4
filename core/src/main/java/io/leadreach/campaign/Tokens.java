package io.leadreach.campaign;

import io.leadreach.internal.Wiring;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.SenderNumber;

/**
 * The permits taken for a batch, so unused ones can be given back: one of the campaign's and one
 * of the sender number's for each recipient kept. A recipient's number is the one the campaign
 * sends to its lead from ({@link Wiring#senderFor}).
 */
final class Tokens {
    private final Wiring engine;
    private final Campaign campaign;
    private final String campaignKey;
    private final RateLimit campaignLimit;

    Tokens(Wiring engine, Campaign campaign, String campaignKey, RateLimit campaignLimit) {
        this.engine = engine;
        this.campaign = campaign;
        this.campaignKey = campaignKey;
        this.campaignLimit = campaignLimit;
    }

    /** Gives back the permits this recipient took. */
    void refund(CampaignRecipient r) {
        SenderNumber n = engine.senderFor(campaign, r.leadId());
        engine.rateLimiter().refund(Wiring.senderKey(n), engine.senderLimit(n), 1);
        engine.rateLimiter().refund(campaignKey, campaignLimit, 1);
    }
}
