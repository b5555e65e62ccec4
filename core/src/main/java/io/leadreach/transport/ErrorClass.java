package io.leadreach.transport;

/** How the engine treats a refused send. Transports map provider error codes onto these. */
public enum ErrorClass {
    /** A passing fault (service unavailable, maintenance, refused connection): retry with backoff. */
    RETRYABLE(true),
    /** A throughput or account rate limit: retry after the given time, backing off. */
    RATE_LIMITED(true),
    /** Too many messages to this one recipient too quickly (pair rate): retry that recipient later. */
    PAIR_RATE_LIMITED(true),
    /** The recipient's daily cap of marketing messages was reached: not before 24 hours. */
    MARKETING_CAP(true),
    /** A free-form message outside the 24-hour service window: never as free text, needs a template. */
    OUTSIDE_SERVICE_WINDOW(false),
    /** The user stopped marketing messages: never, and the opt-out is recorded. */
    OPTED_OUT(false),
    /** The sender's quality dropped (spam rate limit): do not retry; the campaign is paused. */
    QUALITY_PAUSE(false),
    /** Wrong token, restricted or locked account, payment problem: do not retry; alert an operator. */
    CONFIGURATION(false),
    /** Anything else that will fail again the same way (undeliverable number, bad template...). */
    PERMANENT(false);

    private final boolean retryable;

    ErrorClass(boolean retryable) {
        this.retryable = retryable;
    }

    /** Whether a send refused for this reason may be tried again later. */
    public boolean isRetryable() {
        return retryable;
    }
}
