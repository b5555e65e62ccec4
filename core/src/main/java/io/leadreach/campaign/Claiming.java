package io.leadreach.campaign;

import io.leadreach.internal.Wiring;
import io.leadreach.lead.Lead;
import io.leadreach.sending.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims a batch of a campaign's due recipients under a lease, as many as the sender's and the
 * campaign's rate limits grant permits for, and looks up what the checks need of them: their
 * leads, numbers and opt-outs. Permits that no claimed recipient uses are given back.
 */
final class Claiming {

    private final Wiring engine;
    private final String owner;

    Claiming(Wiring engine, String owner) {
        this.engine = engine;
        this.owner = owner;
    }

    /**
     * A claimed batch, with the permits it took; or, when a rate limit granted nothing, how long
     * until it grants again ({@code claimed} is empty then).
     */
    record Batch(List<CampaignRecipient> claimed, Map<Long, Lead> leads, Map<Long, String> numbers,
                 Set<String> optedOut, Tokens tokens, Duration throttledFor) {

        static Batch throttled(Duration wait) {
            return new Batch(List.of(), Map.of(), Map.of(), Set.of(), null, wait);
        }
    }

    Batch claim(Campaign c, Instant now) {
        String senderKey = engine.senderKey();
        RateLimit senderLimit = engine.config().senderRateLimit();
        String campaignKey = Wiring.campaignKey(c.id());
        RateLimit campaignLimit = c.throttle().toRateLimit();

        int want = engine.config().batchSize();
        int bySender = engine.rateLimiter().tryAcquire(senderKey, senderLimit, want);
        if (bySender == 0) {
            return Batch.throttled(atLeastAMilli(engine.rateLimiter().timeToNextPermit(senderKey, senderLimit)));
        }
        int granted = engine.rateLimiter().tryAcquire(campaignKey, campaignLimit, bySender);
        engine.rateLimiter().refund(senderKey, senderLimit, bySender - granted);
        if (granted == 0) {
            return Batch.throttled(atLeastAMilli(engine.rateLimiter().timeToNextPermit(campaignKey, campaignLimit)));
        }
        Tokens tokens = new Tokens(engine.rateLimiter(), senderKey, senderLimit, campaignKey, campaignLimit);
        List<CampaignRecipient> claimed = engine.campaigns().claim(c.id(), owner, now,
                now.plus(engine.config().lease()), granted);
        tokens.refund(granted - claimed.size());
        if (claimed.isEmpty()) {
            return new Batch(claimed, Map.of(), Map.of(), Set.of(), tokens, null);
        }
        List<Long> leadIds = new ArrayList<>(claimed.size());
        for (CampaignRecipient r : claimed) {
            leadIds.add(r.leadId());
        }
        Map<Long, Lead> leads = new HashMap<>(claimed.size() * 2);
        for (Lead l : engine.leads().findByIds(leadIds)) {
            leads.put(l.id(), l);
        }
        Map<Long, String> numbers = new HashMap<>(claimed.size() * 2);
        for (Lead l : leads.values()) {
            engine.phones().tryE164(l.mobile()).ifPresent(e164 -> numbers.put(l.id(), e164));
        }
        Set<String> optedOut = engine.consent().optedOutAmong(numbers.values());
        return new Batch(claimed, leads, numbers, optedOut, tokens, null);
    }

    /** Gives back a claimed recipient the checks skipped, and its permits. */
    void skip(CampaignRecipient r, SkipReason reason, Tokens tokens, Instant now) {
        engine.campaigns().skip(r.id(), owner, reason, now);
        tokens.refund(1);
    }

    /** Releases a claimed recipient until {@code at}, and gives back its permits. */
    void defer(CampaignRecipient r, Instant at, Tokens tokens) {
        engine.campaigns().release(r.id(), owner, at);
        tokens.refund(1);
    }

    private static Duration atLeastAMilli(Duration d) {
        return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
    }
}
