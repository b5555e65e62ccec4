package io.leadreach;

import java.time.Duration;

/**
 * A single send was refused because it would exceed a throttle (the sender's rate, or the pacing
 * of messages to one lead) or fall in quiet hours. Nothing was sent; try again after {@link #retryAfter()}.
 */
public class ThrottledException extends LeadReachException {

    private final Duration retryAfter;

    public ThrottledException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    /** How long to wait before the same send can go. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
