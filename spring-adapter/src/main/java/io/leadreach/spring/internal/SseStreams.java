package io.leadreach.spring.internal;

import io.leadreach.ThrottledException;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-sent event streams that poll a value: one event on connect, then one per poll (or only
 * when the value changed), until the value is final, the client goes away or the timeout passes.
 * At most {@code maxStreams} are open at once (beyond: 429 with {@code Retry-After}); one thread
 * polls them all. Used by the job progress and campaign figures streams.
 */
public final class SseStreams implements AutoCloseable {

    /** How often a stream polls. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** How long a stream stays open at most. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
    /** How many streams may be open at once. */
    public static final int DEFAULT_MAX_STREAMS = 200;

    private final Duration interval;
    private final Duration timeout;
    private final Semaphore slots;
    private final int maxStreams;
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "leadreach-sse-streams");
        t.setDaemon(true);
        return t;
    });

    /** Streams with the defaults. */
    public SseStreams() {
        this(DEFAULT_MAX_STREAMS, DEFAULT_INTERVAL, DEFAULT_TIMEOUT);
    }

    /** Streams polling every {@code interval}, open at most {@code timeout}, at most {@code maxStreams} at once. */
    public SseStreams(int maxStreams, Duration interval, Duration timeout) {
        if (maxStreams < 1) {
            throw new IllegalArgumentException("maxStreams must be at least 1");
        }
        this.maxStreams = maxStreams;
        this.slots = new Semaphore(maxStreams);
        this.interval = Objects.requireNonNull(interval, "interval");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** How many streams are open now. */
    public int openStreams() {
        return maxStreams - slots.availablePermits();
    }

    /**
     * Opens a stream of {@code event} events with JSON data: {@code first} at once, then
     * {@code poll}'s value every interval (only when it differs from the last one sent if
     * {@code onlyOnChange}); completes after sending a value that is {@code last}.
     *
     * @throws ThrottledException when {@code maxStreams} are already open
     */
    public <T> SseEmitter open(String event, T first, Supplier<T> poll, Predicate<T> last, boolean onlyOnChange) {
        if (!slots.tryAcquire()) {
            throw new ThrottledException("too many open event streams (" + maxStreams + "); try again later",
                    Duration.ofSeconds(30));
        }
        SseEmitter emitter = new SseEmitter(timeout.toMillis());
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        AtomicBoolean closed = new AtomicBoolean();
        Runnable stop = () -> {
            if (closed.compareAndSet(false, true)) {
                slots.release();
            }
            ScheduledFuture<?> f = task.get();
            if (f != null) {
                f.cancel(false);
            }
        };
        emitter.onCompletion(stop);
        emitter.onTimeout(stop);
        emitter.onError(e -> stop.run());
        if (!emit(emitter, event, first, last)) {
            stop.run();
            return emitter;
        }
        AtomicReference<T> previous = new AtomicReference<>(first);
        task.set(poller.scheduleWithFixedDelay(() -> {
            try {
                T value = poll.get();
                if (onlyOnChange && Objects.equals(value, previous.get())) {
                    return;
                }
                previous.set(value);
                if (!emit(emitter, event, value, last)) {
                    stop.run();
                }
            } catch (RuntimeException e) {
                stop.run();
                emitter.completeWithError(e);
            }
        }, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS));
        if (closed.get()) {
            // the client went away before the task was scheduled
            task.get().cancel(false);
        }
        return emitter;
    }

    /** Sends one event; completes the stream and answers false once the value is final or the client is gone. */
    private static <T> boolean emit(SseEmitter emitter, String event, T value, Predicate<T> last) {
        try {
            emitter.send(SseEmitter.event().name(event).data(value, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
            return false;
        }
        if (last.test(value)) {
            emitter.complete();
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
