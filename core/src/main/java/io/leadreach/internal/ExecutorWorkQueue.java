package io.leadreach.internal;

import io.leadreach.sending.WorkQueue;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default {@link WorkQueue}: a small pool of daemon threads in this JVM. */
public final class ExecutorWorkQueue implements WorkQueue {

    private static final Logger log = LoggerFactory.getLogger(ExecutorWorkQueue.class);

    private final ScheduledThreadPoolExecutor executor;

    public ExecutorWorkQueue(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "leadreach-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ScheduledThreadPoolExecutor(threads, factory);
        this.executor.setRemoveOnCancelPolicy(true);
    }

    @Override
    public void submit(Runnable task) {
        executor.execute(guard(task));
    }

    @Override
    public void schedule(Runnable task, Duration delay) {
        executor.schedule(guard(task), Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    private static Runnable guard(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                log.error("background task failed", e);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
