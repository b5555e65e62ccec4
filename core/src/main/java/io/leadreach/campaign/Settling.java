package io.leadreach.campaign;

import io.leadreach.StoreUnavailableException;
import io.leadreach.internal.Wiring;
import io.leadreach.message.LeadMessage;
import io.leadreach.sending.RateLimit;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records send outcomes: settles their recipients in one store call (tried again while the store is
 * out of reach), pauses a campaign the provider refuses for quality or configuration, and logs the
 * final ones in the message log.
 */
final class Settling {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    private final Wiring engine;
    private final StoreRetry retry;
    private final MessageLogging messages;
    private final RetryDecision decision;

    Settling(Wiring engine, StoreRetry retry, MessageLogging messages, RetryDecision decision) {
        this.engine = engine;
        this.retry = retry;
        this.messages = messages;
        this.decision = decision;
    }

    /**
     * Settles these outcomes in one store call and logs the final ones in another. A store that
     * cannot reach its database is tried again with backoff (the outcomes are known, only not yet
     * recorded) for up to a lease. A failure is logged, not thrown: the leases hold the sends in doubt.
     */
    void settle(List<Outcome> outcomes) {
        try {
            Instant now = engine.clock().instant();
            Map<String, Settlement> settlements = new LinkedHashMap<>(outcomes.size() * 2);
            for (Outcome o : outcomes) {
                if (o.outcome() instanceof SendOutcome.Rejected j && j.errorClass() != ErrorClass.PAIR_RATE_LIMITED
                        && !engine.config().leadPacing().isZero()) {
                    // Nothing reached the lead, so the pacing slot this send took is given back for its retry.
                    engine.rateLimiter().refund(Wiring.leadKey(o.send().from().id(), o.send().recipient().leadId()),
                            RateLimit.oneEvery(engine.config().leadPacing()), 1);
                }
                settlements.put(o.send().correlationId(),
                        decision.decide(o.campaign(), o.send().recipient(), o.send().e164(), o.send().from(), o.outcome(),
                                now));
            }
            Set<String> settled = settleAll(settlements, now);
            Set<Long> retrying = new HashSet<>();
            for (Outcome o : outcomes) {
                if (settled.contains(o.send().correlationId())
                        && settlements.get(o.send().correlationId()) instanceof Settlement.Retry) {
                    retrying.add(o.campaign().id());
                }
            }
            // a retry scheduled while the campaign was being cancelled
            retrying.forEach(id -> Cancellation.cancelOpenIfCancelled(engine, id));
            Map<String, String> pausedNumbers = new LinkedHashMap<>();
            for (Outcome o : outcomes) {
                Campaign c = o.campaign();
                if (settled.contains(o.send().correlationId()) && o.outcome() instanceof SendOutcome.Rejected j
                        && (j.errorClass() == ErrorClass.QUALITY_PAUSE || j.errorClass() == ErrorClass.CONFIGURATION)) {
                    String reason = "paused by the engine after error " + j.code() + " (" + j.errorClass() + ") from number "
                            + o.send().from().id() + ": " + j.message();
                    engine.campaigns().transition(c.id(), CampaignStatus.ACTIVE, CampaignStatus.PAUSED, now, reason)
                            .ifPresent(p -> log.warn("campaign {} {}", c.id(), reason));
                    pausedNumbers.putIfAbsent(o.send().from().id(), reason);
                }
            }
            // The error is the number's (its quality rating, its registration): every other campaign
            // that sends from it pauses too, and campaigns on the other numbers go on.
            pausedNumbers.forEach((number, reason) -> pauseCampaignsSendingFrom(number, reason, now));
            List<LeadMessage> logs = new ArrayList<>(settled.size());
            for (Outcome o : outcomes) {
                Ready send = o.send();
                if (!settled.contains(send.correlationId())) {
                    continue;
                }
                String raw = o.outcome() instanceof SendOutcome.Accepted a ? a.rawResponse()
                        : o.outcome() instanceof SendOutcome.Rejected j ? j.rawResponse() : null;
                LeadMessage m = MessageLogging.message(o.campaign(), send.recipient().leadId(), send.correlationId(),
                        send.recipient().attempts() + 1, send.e164(), send.body(),
                        settlements.get(send.correlationId()), now, raw, send.from().id());
                if (m != null) {
                    logs.add(m);
                }
            }
            try {
                messages.saveMessages(logs);
            } catch (RuntimeException e) {
                log.error("{} sends were settled but could not be logged", logs.size(), e);
            }
        } catch (RuntimeException e) {
            log.error("could not settle {} sends; their leases will hold them in doubt", outcomes.size(), e);
        }
    }

    /** Pauses each active campaign that sends from this number (alone or in a pool). */
    private void pauseCampaignsSendingFrom(String number, String reason, Instant now) {
        for (Campaign other : engine.campaigns().list(Set.of(CampaignStatus.ACTIVE))) {
            boolean sendsFrom = other.senderNumbers().isEmpty() ? engine.defaultSender().id().equals(number)
                    : other.senderNumbers().contains(number);
            if (sendsFrom) {
                engine.campaigns().transition(other.id(), CampaignStatus.ACTIVE, CampaignStatus.PAUSED, now, reason)
                        .ifPresent(p -> log.warn("campaign {} {}", other.id(), reason));
            }
        }
    }

    /**
     * Settles these attempts in one store call, tried again while the store is out of reach. A try
     * that failed may have committed before its answer was lost; the next try then finds those
     * attempts settled already and does not return them. So after a failed try, an attempt the
     * last try did not return is looked up, and counts as settled by this call when its recipient
     * shows exactly this settlement under its correlation id (the ids are fresh for each attempt),
     * so that its message is still logged. A status webhook that settled the same attempt
     * meanwhile settled it the same way; its message is logged once, since the log keys it by
     * correlation id.
     */
    private Set<String> settleAll(Map<String, Settlement> settlements, Instant now) {
        boolean[] failedOnce = {false};
        Set<String> settled = retry.whileStoreUnavailable("settling " + settlements.size() + " sends", () -> {
            try {
                return engine.campaigns().settleAll(settlements, now);
            } catch (StoreUnavailableException e) {
                failedOnce[0] = true;
                throw e;
            }
        });
        if (!failedOnce[0] || settled.size() == settlements.size()) {
            return settled;
        }
        Set<String> all = new LinkedHashSet<>(settled);
        for (Map.Entry<String, Settlement> e : settlements.entrySet()) {
            if (!all.contains(e.getKey()) && retry.whileStoreUnavailable("reading a settled send",
                    () -> engine.campaigns().findRecipientByCorrelationId(e.getKey()))
                    .filter(r -> showsSettlement(r, e.getKey(), e.getValue())).isPresent()) {
                log.info("send {} was settled by a try whose answer was lost", e.getKey());
                all.add(e.getKey());
            }
        }
        return all;
    }

    /** Whether the recipient is where this settlement of its attempt {@code correlationId} put it. */
    private static boolean showsSettlement(CampaignRecipient r, String correlationId, Settlement s) {
        if (!correlationId.equals(r.correlationId())) {
            return false;
        }
        if (s instanceof Settlement.Sent ok) {
            return r.sentAt() != null && Objects.equals(ok.providerMessageId(), r.providerMessageId());
        }
        if (s instanceof Settlement.Failed failed) {
            return r.status() == RecipientStatus.FAILED && r.sentAt() == null
                    && Objects.equals(failed.errorCode(), r.errorCode());
        }
        if (s instanceof Settlement.Retry retry) {
            return (r.status() == RecipientStatus.PENDING || r.status() == RecipientStatus.CLAIMED)
                    && retry.nextAttemptAt().equals(r.nextAttemptAt());
        }
        return r.status() == RecipientStatus.IN_DOUBT;
    }
}
