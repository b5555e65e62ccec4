package io.leadreach.sending;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A job the engine runs again and again, {@code interval} after each run ends: the campaign sweep
 * (scheduled starts, lapsed leases, picking up ACTIVE campaigns), and jobs the host adds with
 * {@link io.leadreach.LeadReach.Builder#recurringJob(RecurringJob)} (an automation run, for
 * example). An {@link EngineScheduler} on a cluster runs each job on one node at a time, so the
 * job's name must be the same on every node and unique among the jobs.
 *
 * @param name     stable id of the job: lower-case letters, digits, {@code .}, {@code -}, {@code _}
 * @param interval the pause between the end of one run and the start of the next, positive
 * @param task     the work; it should be safe to run again after a crash (runs are at least once)
 */
public record RecurringJob(String name, Duration interval, Runnable task) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,79}");

    /** The name of the engine's own sweep of campaigns. */
    public static final String CAMPAIGN_SWEEP = "leadreach-campaign-sweep";

    public RecurringJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(task, "task");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("job name must match " + NAME + ": " + name);
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("job interval must be positive: " + interval);
        }
    }
}
