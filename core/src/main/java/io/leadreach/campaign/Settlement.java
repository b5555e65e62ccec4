package io.leadreach.campaign;

import java.time.Instant;

/** What a runner (or a later status event) decided about one send attempt. */
public sealed interface Settlement {

    /** The provider took it. */
    record Sent(String providerMessageId, Instant at) implements Settlement {
    }

    /** Refused for a passing reason: back to PENDING, due at {@code nextAttemptAt}. */
    record Retry(Instant nextAttemptAt, String errorCode, String errorMessage) implements Settlement {
    }

    /** Failed for good (or until an operator retries it, when {@code retryable}). */
    record Failed(String errorCode, String errorMessage, boolean retryable) implements Settlement {
    }

    /** The outcome is unknown: held IN_DOUBT, never resent. */
    record InDoubt(String reason) implements Settlement {
    }
}
