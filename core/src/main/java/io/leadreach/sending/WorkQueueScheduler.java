package io.leadreach.sending;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link EngineScheduler}: everything runs on a {@link WorkQueue} in this JVM, nothing
 * is stored. Right for a single node, and for several nodes that each run all recurring jobs
 * (the engine's own sweep is safe to run on every node at once).
 *
 * <p>A campaign tick scheduled again replaces the pending one: the earlier timer still fires but
 * finds it is no longer the latest and does nothing.
 */
public final class WorkQueueScheduler implements EngineScheduler {

    private static final Logger log = LoggerFactory.getLogger(WorkQueueScheduler.class);

    private final WorkQueue queue;
    private final Clock clock;
    private final Map<Long, Long> pending = new ConcurrentHashMap<>();
    private final AtomicLong tokens = new AtomicLong();
    private volatile Work work;
    private volatile boolean closed;

    /** A scheduler on this queue, with due times read from this clock. */
    public WorkQueueScheduler(WorkQueue queue, Clock clock) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void start(Work w) {
        Objects.requireNonNull(w, "work");
        if (work != null) {
            throw new IllegalStateException("already started");
        }
        work = w;
        for (RecurringJob job : w.recurringJobs()) {
            queue.submit(() -> runAndReschedule(job));
        }
    }

    private void runAndReschedule(RecurringJob job) {
        if (closed) {
            return;
        }
        try {
            job.task().run();
        } catch (RuntimeException e) {
            log.warn("job {} failed; trying again in {}", job.name(), job.interval(), e);
        }
        queue.schedule(() -> runAndReschedule(job), job.interval());
    }

    @Override
    public void scheduleCampaign(long campaignId, Instant at) {
        Objects.requireNonNull(at, "at");
        if (work == null) {
            throw new IllegalStateException("not started");
        }
        long token = tokens.incrementAndGet();
        pending.put(campaignId, token);
        Instant now = clock.instant();
        Duration delay = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        queue.schedule(() -> {
            if (!closed && pending.remove(campaignId, token)) {
                work.runCampaign(campaignId);
            }
        }, delay);
    }

    /** Whether {@link #start} was called. */
    public boolean started() {
        return work != null;
    }

    @Override
    public void close() {
        closed = true;
    }
}
