package io.leadreach.jpa;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.leadreach.jpa.internal.Dialect;
import io.leadreach.sending.EngineScheduler;
import io.leadreach.sending.RecurringJob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link EngineScheduler} on <a href="https://github.com/kagkarlsson/db-scheduler">db-scheduler</a>:
 * campaign ticks and recurring jobs are rows of {@value #TABLE} (created by
 * {@link LeadReachJpa#migrate}), so they survive restarts and every node of a cluster shares them.
 *
 * <ul>
 *   <li>A campaign tick is the task {@value #CAMPAIGN_TASK} with the campaign id as its instance
 *       id: scheduling a campaign that already has a tick moves that tick, never adds a second. A
 *       tick asked for while the campaign's tick runs follows it (see {@link #scheduleCampaign}).</li>
 *   <li>Each {@link RecurringJob} is a recurring task of the same name with a fixed delay: one node
 *       runs it at a time.</li>
 *   <li>A running task keeps a heartbeat; when a node dies mid-task, another node finds the
 *       execution dead after {@code missedHeartbeatsLimit} heartbeats and runs it again.</li>
 * </ul>
 *
 * <pre>{@code
 * LeadReachJpa.migrate(dataSource);
 * LeadReach.builder()...scheduler(DbSchedulerEngineScheduler.builder(dataSource).build()).build();
 * }</pre>
 *
 * <p>The batches of an ACTIVE campaign still run on each node's work queue: a tick makes the node
 * that runs it drive the campaign, every node also looks for ACTIVE campaigns itself
 * ({@link #sharedByNodes()}; claims keep nodes apart), and the campaign sweep, which runs on one
 * node at a time, starts due campaigns and takes back lapsed claims.
 */
public final class DbSchedulerEngineScheduler implements EngineScheduler {

    private static final Logger log = LoggerFactory.getLogger(DbSchedulerEngineScheduler.class);

    /** The table the tasks live in (LeadReach's own, beside any {@code scheduled_tasks} of the host). */
    public static final String TABLE = "lead_whatsapp_scheduled_tasks";
    /** The task name of campaign ticks; instance id: the campaign id. */
    public static final String CAMPAIGN_TASK = "leadreach-campaign-tick";

    /** Default: how often each node looks for due tasks. */
    public static final Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(10);
    /** Default: how often a running task's heartbeat is written. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofMinutes(1);
    /** Default: heartbeats a running task may miss before another node runs it again. */
    public static final int DEFAULT_MISSED_HEARTBEATS_LIMIT = 6;
    /** Default: threads running tasks on each node (the tasks are short; sending runs elsewhere). */
    public static final int DEFAULT_THREADS = 2;
    /** Default: how long {@link #close()} waits for running tasks. */
    public static final Duration DEFAULT_SHUTDOWN_MAX_WAIT = Duration.ofSeconds(10);
    /** Default: when a task that threw runs again. */
    public static final Duration DEFAULT_FAILURE_RETRY = Duration.ofSeconds(30);

    /** The campaign whose tick runs on this thread, so that a tick asking for the next one moves itself. */
    private static final ThreadLocal<long[]> RUNNING = new ThreadLocal<>();
    private static final ThreadLocal<Instant> REQUESTED = new ThreadLocal<>();

    /** Stands for "no tick asked for" in {@link #runningHere}, whose values cannot be null. */
    private static final Instant NONE = Instant.MAX;
    /** The first wait before a tick refused while its campaign's tick runs is asked for again. */
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);

    private final Builder config;
    private volatile Scheduler scheduler;
    private volatile CustomTask<Void> campaignTask;
    private volatile ScheduledExecutorService retries;
    private volatile boolean closed;
    /**
     * The campaigns whose tick runs on this node now, with the earliest next tick another thread
     * asked for meanwhile (or {@link #NONE}): db-scheduler refuses to move an execution while it
     * runs, so the running tick takes the request with it and reschedules itself when it completes.
     */
    private final ConcurrentHashMap<Long, Instant> runningHere = new ConcurrentHashMap<>();

    private DbSchedulerEngineScheduler(Builder config) {
        this.config = config;
    }

    /** A builder over the data source whose schema {@link LeadReachJpa#migrate} prepared. */
    public static Builder builder(DataSource dataSource) {
        return new Builder(dataSource);
    }

    @Override
    public synchronized void start(Work work) {
        Objects.requireNonNull(work, "work");
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        CustomTask<Void> ticks = Tasks.custom(CAMPAIGN_TASK, Void.class)
                .onFailureReschedule(Schedules.fixedDelay(config.failureRetry))
                .onDeadExecutionRevive()
                .execute((instance, context) -> {
                    long campaignId = Long.parseLong(instance.getId());
                    RUNNING.set(new long[] {campaignId});
                    runningHere.put(campaignId, NONE);
                    Instant next;
                    try {
                        work.runCampaign(campaignId);
                    } finally {
                        next = REQUESTED.get();
                        Instant asked = runningHere.remove(campaignId);
                        if (asked != null && asked != NONE && (next == null || asked.isBefore(next))) {
                            next = asked;
                        }
                        RUNNING.remove();
                        REQUESTED.remove();
                    }
                    Instant at = next;
                    return (CompletionHandler<Void>) (complete, ops) -> {
                        if (at == null) {
                            ops.remove();
                        } else {
                            ops.reschedule(complete, at);
                        }
                    };
                });
        List<RecurringTask<Void>> recurring = new ArrayList<>();
        for (RecurringJob job : work.recurringJobs()) {
            recurring.add(Tasks.recurring(job.name(), Schedules.fixedDelay(job.interval()))
                    .onDeadExecutionRevive()
                    .execute((instance, context) -> job.task().run()));
        }
        var b = Scheduler.create(config.dataSource, List.of(ticks))
                .startTasks(recurring)
                .tableName(TABLE)
                .threads(config.threads)
                .pollingInterval(config.pollingInterval)
                .heartbeatInterval(config.heartbeatInterval)
                .missedHeartbeatsLimit(config.missedHeartbeatsLimit)
                .shutdownMaxWait(config.shutdownMaxWait)
                .enableImmediateExecution();
        if (Dialect.of(config.dataSource) == Dialect.MARIADB) {
            b.alwaysPersistTimestampInUTC(); // DATETIME holds no zone: keep UTC there, as the stores do
        }
        if (config.nodeName != null) {
            b.schedulerName(new SchedulerName.Fixed(config.nodeName));
        }
        if (config.clock != null) {
            Clock clock = config.clock;
            b.clock(clock::instant);
        }
        Scheduler s = b.build();
        campaignTask = ticks;
        scheduler = s;
        retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "leadreach-tick-retry");
            t.setDaemon(true);
            return t;
        });
        s.start();
    }

    /**
     * {@inheritDoc}
     *
     * <p>db-scheduler does not move an execution while it runs. A tick asked for while the
     * campaign's tick runs is therefore not dropped: when that tick runs on this node, it takes the
     * request and reschedules itself for it when it completes; when it runs on another node, the
     * request is made again (from 100 ms, doubling up to the polling interval) until that tick has
     * completed, for at most as long as a dead node's tick takes to be revived.
     */
    @Override
    public void scheduleCampaign(long campaignId, Instant at) {
        Objects.requireNonNull(at, "at");
        Scheduler s = scheduler;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        long[] running = RUNNING.get();
        if (running != null && running[0] == campaignId) {
            REQUESTED.set(at); // this very tick: rescheduled when it completes
            return;
        }
        schedule(s, campaignId, at, FIRST_RETRY,
                System.nanoTime() + config.heartbeatInterval.multipliedBy(config.missedHeartbeatsLimit).toNanos());
    }

    private void schedule(Scheduler s, long campaignId, Instant at, Duration wait, long giveUpAt) {
        if (handedToTheRunningTick(campaignId, at)) {
            return;
        }
        try {
            s.schedule(campaignTask.instance(Long.toString(campaignId)), at,
                    SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
        } catch (TaskInstanceCurrentlyExecutingException e) {
            // The tick runs right now, on another node (or on this one, completing): ask again after it.
            if (closed || System.nanoTime() > giveUpAt) {
                log.warn("could not schedule a tick of campaign {} at {}: its tick kept running; the campaign "
                        + "sweep covers it", campaignId, at);
                return;
            }
            log.debug("the tick of campaign {} runs now; asking for the next one again in {}", campaignId, wait);
            Duration next = wait.multipliedBy(2).compareTo(config.pollingInterval) > 0 ? config.pollingInterval
                    : wait.multipliedBy(2);
            try {
                retries.schedule(() -> schedule(s, campaignId, at, next, giveUpAt), wait.toMillis(),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                log.debug("not asking again for a tick of campaign {}: closing", campaignId);
            }
        } catch (RuntimeException e) {
            log.warn("could not schedule a tick of campaign {} at {}: {}; the campaign sweep covers it", campaignId,
                    at, e.toString());
        }
    }

    /** Hands the request to the campaign's tick if it runs on this node now; false if none runs here. */
    private boolean handedToTheRunningTick(long campaignId, Instant at) {
        return runningHere.computeIfPresent(campaignId,
                (id, asked) -> asked == NONE || at.isBefore(asked) ? at : asked) != null;
    }

    /** True: every node of the cluster shares the stored tasks. */
    @Override
    public boolean sharedByNodes() {
        return true;
    }

    /** The db-scheduler instance, once started (to inspect executions, for example). */
    public Scheduler scheduler() {
        Scheduler s = scheduler;
        if (s == null) {
            throw new IllegalStateException("not started");
        }
        return s;
    }

    /**
     * Stops polling and waits up to the shutdown wait for running tasks; stored tasks stay for the
     * other nodes. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (scheduler != null && !closed) {
            closed = true;
            retries.shutdownNow();
            scheduler.stop();
        }
    }

    /** Settings of {@link DbSchedulerEngineScheduler}; each has a {@code DEFAULT_*} constant. */
    public static final class Builder {
        private final DataSource dataSource;
        private Clock clock;
        private String nodeName;
        private Duration pollingInterval = DEFAULT_POLLING_INTERVAL;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private int missedHeartbeatsLimit = DEFAULT_MISSED_HEARTBEATS_LIMIT;
        private int threads = DEFAULT_THREADS;
        private Duration shutdownMaxWait = DEFAULT_SHUTDOWN_MAX_WAIT;
        private Duration failureRetry = DEFAULT_FAILURE_RETRY;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The clock due times are read from (default: db-scheduler's, the system clock). */
        public Builder clock(Clock v) { clock = Objects.requireNonNull(v, "clock"); return this; }

        /** This node's name in {@code picked_by} (default: the host name); at most 50 characters. */
        public Builder nodeName(String v) {
            Objects.requireNonNull(v, "nodeName");
            if (v.isBlank() || v.length() > 50) {
                throw new IllegalArgumentException("node name must have 1 to 50 characters: " + v);
            }
            nodeName = v;
            return this;
        }

        /** How often this node looks for due tasks; a campaign starts at most this late. */
        public Builder pollingInterval(Duration v) { pollingInterval = positive(v, "pollingInterval"); return this; }

        /** How often a running task's heartbeat is written. */
        public Builder heartbeatInterval(Duration v) { heartbeatInterval = positive(v, "heartbeatInterval"); return this; }

        /** Heartbeats a task may miss before it counts as dead and runs again elsewhere. */
        public Builder missedHeartbeatsLimit(int v) {
            if (v < 4) {
                throw new IllegalArgumentException("missedHeartbeatsLimit must be at least 4: " + v);
            }
            missedHeartbeatsLimit = v;
            return this;
        }

        /** Threads running tasks on this node. */
        public Builder threads(int v) {
            if (v < 1) {
                throw new IllegalArgumentException("threads must be at least 1: " + v);
            }
            threads = v;
            return this;
        }

        /** How long {@link DbSchedulerEngineScheduler#close()} waits for running tasks. */
        public Builder shutdownMaxWait(Duration v) { shutdownMaxWait = positive(v, "shutdownMaxWait"); return this; }

        /** When a campaign tick that threw runs again. */
        public Builder failureRetry(Duration v) { failureRetry = positive(v, "failureRetry"); return this; }

        public DbSchedulerEngineScheduler build() {
            return new DbSchedulerEngineScheduler(this);
        }

        private static Duration positive(Duration v, String what) {
            Objects.requireNonNull(v, what);
            if (v.isNegative() || v.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + v);
            }
            return v;
        }
    }
}
