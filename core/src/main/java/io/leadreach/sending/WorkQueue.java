package io.leadreach.sending;

import java.time.Duration;

/**
 * Where the engine runs its background work (campaign batches, scheduled starts, lease sweeps).
 * The default is a small in-process thread pool; tests use a manual queue driven by a controlled
 * clock; a clustered host may run the same tasks on a cluster scheduler.
 *
 * <p>Contract: tasks run at most once each, never on the caller's thread for {@link #submit}, and
 * not before their delay. A task that throws is logged and does not stop the queue.
 */
public interface WorkQueue extends AutoCloseable {

    /** Runs the task soon. */
    void submit(Runnable task);

    /** Runs the task after the delay. */
    void schedule(Runnable task, Duration delay);

    /** Stops taking tasks and waits briefly for running ones. */
    @Override
    void close();
}
