package io.leadreach.sending;

import io.leadreach.internal.FieldErrors;
import java.time.Duration;
import java.util.Objects;

/**
 * How often and when a send refused for a passing reason is tried again: exponential backoff with
 * jitter, never sooner than the provider's retry-after, up to a number of attempts.
 *
 * <p>A send refused because the sender is too fast (a rate limit, not the recipient's fault) has a
 * backoff of its own, which clears within seconds: {@link #rateLimitInitialBackoff()} doubling up
 * to {@link #rateLimitMaxBackoff()}, spread by ±20 %, for up to {@link #rateLimitedAttempts()}
 * attempts (or {@link #maxAttempts()}, if that is more).
 */
public final class RetryPolicy {

    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    /** The most attempts a policy allows per recipient, for campaigns and for the engine's default alike. */
    public static final int MAX_ATTEMPTS = 10;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(30);
    public static final double DEFAULT_MULTIPLIER = 2.0;
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(30);
    public static final double DEFAULT_JITTER = 0.2;
    /** Attempts a recipient refused only for rate limits gets (at least; {@link #maxAttempts()} if more). */
    public static final int DEFAULT_RATE_LIMITED_ATTEMPTS = 10;
    public static final Duration DEFAULT_RATE_LIMIT_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_RATE_LIMIT_MAX_BACKOFF = Duration.ofMinutes(1);

    private static final RetryPolicy DEFAULTS = custom().build();

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final double multiplier;
    private final Duration maxBackoff;
    private final double jitter;
    private final int rateLimitedAttempts;
    private final Duration rateLimitInitialBackoff;
    private final Duration rateLimitMaxBackoff;

    private RetryPolicy(Builder b) {
        this.maxAttempts = b.maxAttempts;
        this.initialBackoff = b.initialBackoff;
        this.multiplier = b.multiplier;
        this.maxBackoff = b.maxBackoff;
        this.jitter = b.jitter;
        this.rateLimitedAttempts = b.rateLimitedAttempts;
        this.rateLimitInitialBackoff = b.rateLimitInitialBackoff;
        this.rateLimitMaxBackoff = b.rateLimitMaxBackoff;
    }

    public static RetryPolicy ofDefaults() {
        return DEFAULTS;
    }

    public static Builder custom() {
        return new Builder();
    }

    /** A builder that starts from every setting of this policy. */
    public Builder toBuilder() {
        return custom().maxAttempts(maxAttempts).initialBackoff(initialBackoff).multiplier(multiplier)
                .maxBackoff(maxBackoff).jitter(jitter).rateLimitedAttempts(rateLimitedAttempts)
                .rateLimitInitialBackoff(rateLimitInitialBackoff).rateLimitMaxBackoff(rateLimitMaxBackoff);
    }

    /** Attempts in all, the first included; 1 means never retry. */
    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public double multiplier() {
        return multiplier;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public double jitter() {
        return jitter;
    }

    /** Attempts in all, the first included, of a recipient refused only for rate limits (at least {@link #maxAttempts()}). */
    public int rateLimitedAttempts() {
        return rateLimitedAttempts;
    }

    public Duration rateLimitInitialBackoff() {
        return rateLimitInitialBackoff;
    }

    public Duration rateLimitMaxBackoff() {
        return rateLimitMaxBackoff;
    }

    /** Whether another attempt is allowed after {@code attemptsMade} attempts. */
    public boolean allowsAnotherAttempt(int attemptsMade) {
        return attemptsMade < maxAttempts;
    }

    /**
     * The wait before the next attempt after {@code attemptsMade} attempts (1 after the first):
     * {@code initial * multiplier^(attemptsMade-1)}, capped at the maximum, spread by ±jitter, and
     * never less than {@code retryAfter}.
     *
     * @param random a number in [0, 1) that picks the jitter
     */
    public Duration backoff(int attemptsMade, Duration retryAfter, double random) {
        double base = initialBackoff.toMillis() * Math.pow(multiplier, Math.max(0, attemptsMade - 1));
        double capped = Math.min(base, maxBackoff.toMillis());
        double spread = capped * (1 + jitter * (2 * random - 1));
        long millis = Math.max(1, Math.round(spread));
        Duration d = Duration.ofMillis(millis);
        return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
    }

    /**
     * The wait before the next attempt of a send refused for a rate limit after {@code attemptsMade}
     * attempts (1 after the first): {@code rateLimitInitialBackoff * 2^(attemptsMade-1)}, capped at
     * {@link #rateLimitMaxBackoff()}, spread by ±20 %, and never less than {@code retryAfter}.
     *
     * @param random a number in [0, 1) that picks the spread
     */
    public Duration rateLimitBackoff(int attemptsMade, Duration retryAfter, double random) {
        double base = rateLimitInitialBackoff.toMillis() * Math.pow(2, Math.max(0, attemptsMade - 1));
        double capped = Math.min(base, rateLimitMaxBackoff.toMillis());
        Duration d = Duration.ofMillis((long) (capped * (0.8 + 0.4 * random))); // ±20 %
        return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy r && r.maxAttempts == maxAttempts && r.initialBackoff.equals(initialBackoff)
                && r.multiplier == multiplier && r.maxBackoff.equals(maxBackoff) && r.jitter == jitter
                && r.rateLimitedAttempts == rateLimitedAttempts
                && r.rateLimitInitialBackoff.equals(rateLimitInitialBackoff)
                && r.rateLimitMaxBackoff.equals(rateLimitMaxBackoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, multiplier, maxBackoff, jitter, rateLimitedAttempts,
                rateLimitInitialBackoff, rateLimitMaxBackoff);
    }

    @Override
    public String toString() {
        return "RetryPolicy[maxAttempts=" + maxAttempts + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", maxBackoff=" + maxBackoff + ", jitter=" + jitter + ", rateLimitedAttempts="
                + rateLimitedAttempts + ", rateLimitInitialBackoff=" + rateLimitInitialBackoff
                + ", rateLimitMaxBackoff=" + rateLimitMaxBackoff + "]";
    }

    /**
     * Builds a {@link RetryPolicy}. {@link #build()} checks every setting and refuses them with one
     * {@link io.leadreach.ValidationException} naming each at fault by its method.
     */
    public static final class Builder {
        private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
        private Duration initialBackoff = DEFAULT_INITIAL_BACKOFF;
        private double multiplier = DEFAULT_MULTIPLIER;
        private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
        private double jitter = DEFAULT_JITTER;
        private int rateLimitedAttempts = DEFAULT_RATE_LIMITED_ATTEMPTS;
        private Duration rateLimitInitialBackoff = DEFAULT_RATE_LIMIT_INITIAL_BACKOFF;
        private Duration rateLimitMaxBackoff = DEFAULT_RATE_LIMIT_MAX_BACKOFF;

        /** Attempts per recipient in all, 1 to {@link #MAX_ATTEMPTS}. */
        public Builder maxAttempts(int v) {
            maxAttempts = v;
            return this;
        }

        /** The wait before the second attempt; positive. */
        public Builder initialBackoff(Duration v) {
            initialBackoff = v;
            return this;
        }

        /** How much each wait grows on the one before; at least 1. */
        public Builder multiplier(double v) {
            multiplier = v;
            return this;
        }

        /** The longest wait; positive, not below the initial backoff. */
        public Builder maxBackoff(Duration v) {
            maxBackoff = v;
            return this;
        }

        /** How far each wait is spread both ways, as a share of it: 0 to below 1. */
        public Builder jitter(double v) {
            jitter = v;
            return this;
        }

        /** Attempts in all of a recipient refused only for rate limits, 1 to {@link #MAX_ATTEMPTS}. */
        public Builder rateLimitedAttempts(int v) {
            rateLimitedAttempts = v;
            return this;
        }

        /** The wait before the second attempt of a send refused for a rate limit; positive. */
        public Builder rateLimitInitialBackoff(Duration v) {
            rateLimitInitialBackoff = v;
            return this;
        }

        /** The longest wait of a send refused for a rate limit; positive, not below its initial backoff. */
        public Builder rateLimitMaxBackoff(Duration v) {
            rateLimitMaxBackoff = v;
            return this;
        }

        /**
         * The policy.
         *
         * @throws io.leadreach.ValidationException naming each setting at fault
         */
        public RetryPolicy build() {
            FieldErrors errors = new FieldErrors()
                    .between("maxAttempts", maxAttempts, 1, MAX_ATTEMPTS)
                    .positive("initialBackoff", initialBackoff)
                    .check(multiplier >= 1.0 && !Double.isInfinite(multiplier), "multiplier", "out_of_range",
                            "must be at least 1, got " + multiplier)
                    .positive("maxBackoff", maxBackoff)
                    .check(jitter >= 0 && jitter < 1, "jitter", "out_of_range",
                            "must be at least 0 and below 1, got " + jitter);
            errors.notBelow("maxBackoff", maxBackoff, "initialBackoff", initialBackoff)
                    .between("rateLimitedAttempts", rateLimitedAttempts, 1, MAX_ATTEMPTS)
                    .positive("rateLimitInitialBackoff", rateLimitInitialBackoff)
                    .positive("rateLimitMaxBackoff", rateLimitMaxBackoff)
                    .notBelow("rateLimitMaxBackoff", rateLimitMaxBackoff, "rateLimitInitialBackoff",
                            rateLimitInitialBackoff)
                    .throwIfAny();
            return new RetryPolicy(this);
        }
    }
}
