package io.leadreach.testing;

import io.leadreach.sending.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A {@link WorkQueue} that runs nothing by itself: a test runs what is due with {@link #runDue()}
 * on its own thread, with time from a controlled clock. Background work becomes deterministic and
 * needs no sleeping.
 */
public final class ManualWorkQueue implements WorkQueue {

    private record Task(Instant due, long seq, Runnable work) {
    }

    private final Clock clock;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            Comparator.comparing(Task::due).thenComparingLong(Task::seq));
    private long seq;
    private boolean closed;

    public ManualWorkQueue(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized void submit(Runnable task) {
        schedule(task, Duration.ZERO);
    }

    @Override
    public synchronized void schedule(Runnable task, Duration delay) {
        if (!closed) {
            tasks.add(new Task(clock.instant().plus(delay), seq++, task));
        }
    }

    /**
     * Runs every task due by the clock's current time, including tasks those tasks submit, until
     * none is due. Returns how many ran. Stops after a million tasks to expose a task that keeps
     * resubmitting itself.
     */
    public int runDue() {
        int ran = 0;
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due().isAfter(clock.instant())) {
                    return ran;
                }
                tasks.poll();
            }
            next.work().run();
            if (++ran > 1_000_000) {
                throw new IllegalStateException("more than a million tasks ran without the clock moving");
            }
        }
    }

    /** When the next task is due, if any is waiting. */
    public synchronized java.util.Optional<Instant> nextDue() {
        return tasks.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(tasks.peek().due());
    }

    /** How many tasks wait. */
    public synchronized int size() {
        return tasks.size();
    }

    /** The due times of waiting tasks, soonest first. */
    public synchronized List<Instant> dueTimes() {
        List<Task> copy = new ArrayList<>(tasks);
        copy.sort(tasks.comparator());
        return copy.stream().map(Task::due).toList();
    }

    @Override
    public synchronized void close() {
        closed = true;
        tasks.clear();
    }
}
