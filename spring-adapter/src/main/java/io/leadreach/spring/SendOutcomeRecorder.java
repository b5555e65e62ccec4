package io.leadreach.spring;

import io.leadreach.metrics.EngineObserver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers the transport's latest answers for the health check: when a message last went through,
 * and the latest failure's reason and time. Thread-safe; never throws.
 */
public final class SendOutcomeRecorder implements EngineObserver {

    /** A failure as the health check shows it. */
    public record Failure(String reason, Instant at) {
    }

    private final Clock clock;
    /** Orders the answers: a success and a failure stamped with the same instant still have an order. */
    private final AtomicLong answers = new AtomicLong();
    private volatile Instant lastSentAt;
    private volatile long lastSentOrder;
    private volatile Failure lastFailure;
    private volatile long lastFailureOrder;

    /** A recorder that stamps answers with this clock. */
    public SendOutcomeRecorder(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void onSent(Duration latency) {
        lastSentAt = clock.instant();
        lastSentOrder = answers.incrementAndGet();
    }

    @Override
    public void onFailed(String reason, Duration latency) {
        lastFailure = new Failure(reason, clock.instant());
        lastFailureOrder = answers.incrementAndGet();
    }

    /** When the provider last accepted a message. */
    public Optional<Instant> lastSentAt() {
        return Optional.ofNullable(lastSentAt);
    }

    /** The latest failed send. */
    public Optional<Failure> lastFailure() {
        return Optional.ofNullable(lastFailure);
    }

    /**
     * Whether the latest failure came after the latest success and says the account or number is
     * misconfigured (token, permissions, number not registered), so no send can succeed until it is fixed.
     */
    public boolean misconfigured() {
        Failure f = lastFailure;
        return f != null && "configuration".equals(f.reason()) && lastFailureOrder > lastSentOrder;
    }
}
