package io.leadreach.sending;

import java.time.Instant;
import java.util.List;

/**
 * When the engine's coarse-grained work runs: each campaign's next tick at an instant (a scheduled
 * start, or a campaign to pick up again), and the recurring jobs. The fine-grained driving of a
 * campaign (batches, throttle waits of milliseconds) stays on the {@link WorkQueue} of each node.
 *
 * <p>The default, {@link WorkQueueScheduler}, runs everything on this JVM's work queue. A clustered
 * host plugs in a scheduler whose tasks survive restarts and run on one node at a time (the
 * db-scheduler one in {@code leadreach-persistence-jpa}).
 *
 * <p>Contract:
 * <ul>
 *   <li>{@link #start} is called once, before any {@link #scheduleCampaign}; the scheduler keeps
 *       the {@link Work} and calls it from its own threads, never from the caller's.</li>
 *   <li>{@link #scheduleCampaign} is de-duplicated by campaign id: one pending tick per campaign;
 *       calling it again for a campaign moves that tick to the new instant, never adds a second.
 *       A tick runs at or after its instant, at least once (again after a crash of the node that
 *       ran it); {@link Work#runCampaign} is idempotent.</li>
 *   <li>Each {@link RecurringJob} runs {@link RecurringJob#interval()} after its previous run ended,
 *       the first time soon after {@link #start}; on a cluster, on one node at a time.</li>
 *   <li>A task that throws is logged and does not stop the scheduler or the job's next run.</li>
 * </ul>
 */
public interface EngineScheduler extends AutoCloseable {

    /** What the engine hands the scheduler to run. */
    interface Work {

        /**
         * One tick of one campaign: start it if it is SCHEDULED and due, take back its lapsed
         * claims, and drive it on this node if it is ACTIVE. Idempotent; does nothing for an
         * unknown or finished campaign.
         */
        void runCampaign(long campaignId);

        /** The recurring jobs, with unique names. */
        List<RecurringJob> recurringJobs();
    }

    /** Starts running the work's recurring jobs and, from now on, campaign ticks. */
    void start(Work work);

    /**
     * Whether this scheduler is shared by several nodes, each recurring job running on one of them
     * at a time (default false). The engine then also looks for ACTIVE campaigns on each node
     * itself, every {@code pollInterval}, so that every node shares their sending.
     */
    default boolean sharedByNodes() {
        return false;
    }

    /** Runs the campaign's next tick at {@code at} (or soon after), replacing a pending one. */
    void scheduleCampaign(long campaignId, Instant at);

    /** Stops starting work; pending ticks and jobs of a durable scheduler stay stored. */
    @Override
    void close();
}
