package io.leadreach.campaign;

import io.leadreach.internal.Wiring;
import io.leadreach.lead.Lead;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RateLimiter;
import io.leadreach.sending.SenderNumber;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Claims a batch of a campaign's due recipients under a lease, as many as its sender numbers' and
 * the campaign's rate limits grant permits for, and looks up what the checks need of them: their
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
        RateLimiter limiter = engine.rateLimiter();
        List<SenderNumber> senders = engine.sendersOf(c);
        String campaignKey = Wiring.campaignKey(c.id());
        RateLimit campaignLimit = c.throttle().toRateLimit();

        // Each of the campaign's numbers offers up to a batch; the campaign's own bucket then grants
        // at most what they offer together. Which number a claimed recipient needs is known only once
        // it is claimed (the spread is by lead), so a pool's unused offers are given back after.
        int want = engine.config().batchSize();
        int[] offered = new int[senders.size()];
        int offeredInAll = 0;
        Duration senderWait = null;
        for (int i = 0; i < senders.size(); i++) {
            SenderNumber n = senders.get(i);
            offered[i] = limiter.tryAcquire(Wiring.senderKey(n), engine.senderLimit(n), want);
            offeredInAll += offered[i];
            if (offered[i] == 0) {
                Duration w = limiter.timeToNextPermit(Wiring.senderKey(n), engine.senderLimit(n));
                senderWait = senderWait == null || w.compareTo(senderWait) < 0 ? w : senderWait;
            }
        }
        if (offeredInAll == 0) {
            return Batch.throttled(atLeastAMilli(senderWait));
        }
        int granted = limiter.tryAcquire(campaignKey, campaignLimit, Math.min(want, offeredInAll));
        if (granted == 0) {
            refundOffers(senders, offered, new int[senders.size()]);
            return Batch.throttled(atLeastAMilli(limiter.timeToNextPermit(campaignKey, campaignLimit)));
        }
        Tokens tokens = new Tokens(engine, c, campaignKey, campaignLimit);
        List<CampaignRecipient> all = engine.campaigns().claim(c.id(), owner, now,
                now.plus(engine.config().lease()), granted);
        if (granted > all.size()) {
            limiter.refund(campaignKey, campaignLimit, granted - all.size());
        }
        List<CampaignRecipient> claimed = senders.size() == 1 ? all : new ArrayList<>(all.size());
        int[] used = new int[senders.size()];
        if (senders.size() == 1) {
            used[0] = all.size(); // at most granted, which is at most offered[0]
        } else {
            Map<String, Integer> index = new HashMap<>(senders.size() * 2);
            for (int i = 0; i < senders.size(); i++) {
                index.put(senders.get(i).id(), i);
            }
            for (CampaignRecipient r : all) {
                int i = index.get(engine.senderFor(c, r.leadId()).id());
                if (used[i] < offered[i]) {
                    used[i]++;
                    claimed.add(r);
                } else {
                    // its number has no permit left: back until it has, and the campaign's permit back
                    SenderNumber n = senders.get(i);
                    engine.campaigns().release(r.id(), owner,
                            now.plus(limiter.timeToNextPermit(Wiring.senderKey(n), engine.senderLimit(n))));
                    limiter.refund(campaignKey, campaignLimit, 1);
                }
            }
        }
        refundOffers(senders, offered, used);
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

    /** Gives back each number's permits that no claimed recipient uses. */
    private void refundOffers(List<SenderNumber> senders, int[] offered, int[] used) {
        for (int i = 0; i < senders.size(); i++) {
            if (offered[i] > used[i]) {
                SenderNumber n = senders.get(i);
                engine.rateLimiter().refund(Wiring.senderKey(n), engine.senderLimit(n), offered[i] - used[i]);
            }
        }
    }

    /** Gives back a claimed recipient the checks skipped, and its permits. */
    void skip(CampaignRecipient r, SkipReason reason, Tokens tokens, Instant now) {
        engine.campaigns().skip(r.id(), owner, reason, now);
        tokens.refund(r);
    }

    /** Releases a claimed recipient until {@code at}, and gives back its permits. */
    void defer(CampaignRecipient r, Instant at, Tokens tokens) {
        engine.campaigns().release(r.id(), owner, at);
        tokens.refund(r);
    }

    private static Duration atLeastAMilli(Duration d) {
        return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
    }
}
