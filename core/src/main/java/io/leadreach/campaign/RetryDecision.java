package io.leadreach.campaign;

import io.leadreach.internal.Wiring;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.SenderNumber;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a send's outcome makes of its recipient: SENT, IN_DOUBT, a retry later, or FAILED. The
 * numbers of the retries are the campaign's {@link RetryPolicy}'s; the two waits here are
 * WhatsApp's rules, not policy.
 */
final class RetryDecision {

    /** The wait between two messages to one recipient when no lead pacing is configured (WhatsApp's pair limit). */
    static final Duration PAIR_RATE_LIMIT_WAIT = Duration.ofSeconds(6);
    /** A recipient held back by the marketing cap is not tried again sooner than this. */
    static final Duration MARKETING_CAP_WAIT = Duration.ofHours(24);

    private final Wiring engine;

    RetryDecision(Wiring engine) {
        this.engine = engine;
    }

    Settlement decide(Campaign c, CampaignRecipient r, String e164, SenderNumber from, SendOutcome outcome,
                      Instant now) {
        if (outcome instanceof SendOutcome.Accepted a) {
            return new Settlement.Sent(a.providerMessageId(), now);
        }
        if (outcome instanceof SendOutcome.Unknown u) {
            return new Settlement.InDoubt(u.reason());
        }
        SendOutcome.Rejected j = (SendOutcome.Rejected) outcome;
        if (j.errorClass() == ErrorClass.OPTED_OUT) {
            engine.consent().optOut(e164, "error-" + j.code(), now);
        }
        int attemptsMade = r.attempts() + 1;
        boolean rateLimited = j.errorClass() == ErrorClass.RATE_LIMITED || j.errorClass() == ErrorClass.PAIR_RATE_LIMITED;
        if (j.errorClass() == ErrorClass.RATE_LIMITED) {
            // The provider says the number is too fast: empty its bucket so every campaign on it
            // pauses for about a second, instead of each recipient finding out alone.
            RateLimit senderLimit = engine.senderLimit(from);
            engine.rateLimiter().tryAcquire(Wiring.senderKey(from), senderLimit, (int) senderLimit.capacity());
        }
        RetryPolicy policy = c.retryPolicy();
        // Rate limits are not the recipient's fault: they get more attempts than real failures.
        int allowed = rateLimited ? Math.max(policy.maxAttempts(), policy.rateLimitedAttempts()) : policy.maxAttempts();
        if (j.errorClass().isRetryable() && attemptsMade < allowed) {
            Duration wait;
            if (j.errorClass() == ErrorClass.PAIR_RATE_LIMITED) {
                // Too soon for this one recipient: a pacing interval, not the general backoff.
                Duration pace = engine.config().leadPacing().isZero() ? PAIR_RATE_LIMIT_WAIT : engine.config().leadPacing();
                wait = j.retryAfter() != null && j.retryAfter().compareTo(pace) > 0 ? j.retryAfter() : pace;
            } else if (j.errorClass() == ErrorClass.RATE_LIMITED) {
                // Throughput limits clear within seconds: the rate-limit backoff (by default 1 s, 2 s, 4 s ... at
                // most a minute), or what the provider said.
                wait = policy.rateLimitBackoff(attemptsMade, j.retryAfter(), ThreadLocalRandom.current().nextDouble());
            } else {
                wait = policy.backoff(attemptsMade, j.retryAfter(), ThreadLocalRandom.current().nextDouble());
            }
            if (j.errorClass() == ErrorClass.MARKETING_CAP && wait.compareTo(MARKETING_CAP_WAIT) < 0) {
                wait = MARKETING_CAP_WAIT;
            }
            return new Settlement.Retry(now.plus(wait), j.code(), j.message());
        }
        return new Settlement.Failed(j.code(), j.message(), j.errorClass().isRetryable());
    }
}
