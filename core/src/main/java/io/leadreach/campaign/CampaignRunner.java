package io.leadreach.campaign;

import io.leadreach.internal.Access;
import io.leadreach.internal.Wiring;
import io.leadreach.message.LeadMessage;
import io.leadreach.sending.EngineScheduler;
import io.leadreach.sending.RecurringJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine that sends campaigns (and bulk jobs, which are campaigns of kind BULK).
 *
 * <p>For each ACTIVE campaign it adds recipients from the target by streaming pages of the lead
 * directory, then repeatedly claims a batch of due recipients under a lease, checks each by the
 * {@link SendDecision} and its pacing (skip, defer, or send), marks it SENDING, hands it
 * to the transport, and settles the outcome: SENT, a retry later with backoff, FAILED, or IN_DOUBT
 * when the outcome is unknown. A recipient marked SENDING is never sent again by the engine, so a
 * crash can at worst leave it IN_DOUBT, to be settled by the status event that echoes its
 * correlation id ({@link #settle}).
 *
 * <p>All work runs on the {@link io.leadreach.sending.WorkQueue}, except the settling of send
 * outcomes that arrive after their chunk was handed out, which runs on one daemon thread of the
 * runner's own ({@code leadreach-settle-<node id>}), never on the thread that completed the send;
 * no caller thread blocks. Several
 * runners (threads, or nodes sharing a store) may work on one campaign: claims keep them apart.
 *
 * <p>This class is the runner's lifecycle (start, ticks, close) and its handling of settlements
 * that arrive later; the sending is done by its package's collaborators, one job each: the lanes
 * that drive a campaign ({@code Lanes}), adding recipients ({@code Materializing}), claiming under
 * rate-limit permits ({@code Claiming}), the pre-send checks ({@code PreSendChecks}), handing sends
 * to the transport ({@code Dispatch}), recording outcomes ({@code Settling}, {@code MessageLogging},
 * {@code StoreRetry}) and the retry decision ({@code RetryDecision}, by the campaign's
 * {@link io.leadreach.sending.RetryPolicy}). All of them log under this class's name.
 */
public final class CampaignRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    static {
        Access.register(new Access.OfRunner() {
            @Override
            public CampaignRunner create(Wiring wiring) {
                return new CampaignRunner(wiring);
            }

            @Override
            public int cancelOpenIfCancelled(CampaignRunner runner, long campaignId) {
                return runner.cancelOpenIfCancelled(campaignId);
            }
        });
    }

    private final Wiring engine;
    private final String owner;
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;
    private final MessageLogging messageLog;
    private final Dispatch dispatch;
    private final Lanes lanes;

    /** Made by {@link Access#newRunner}: the wiring is not API. */
    CampaignRunner(Wiring engine) {
        this.engine = engine;
        this.owner = engine.nodeId();
        StoreRetry retry = new StoreRetry(engine.config().lease(), () -> closed);
        this.messageLog = new MessageLogging(engine, retry);
        Claiming claiming = new Claiming(engine, owner);
        Settling settling = new Settling(engine, retry, messageLog, new RetryDecision(engine));
        int workers = engine.config().workers();
        this.dispatch = new Dispatch(engine, owner, workers, retry, claiming, settling, this::wake);
        this.lanes = new Lanes(engine, workers, () -> closed, new Materializing(engine), claiming,
                new PreSendChecks(engine, claiming), dispatch);
    }

    /** The id this runner claims recipients under. */
    public String owner() {
        return owner;
    }

    /** Starts the periodic tick: scheduled starts, lease expiry, and picking up ACTIVE campaigns after a restart. */
    public void start() {
        start(List.of());
    }

    /**
     * Starts the engine's {@link io.leadreach.sending.EngineScheduler} with the campaign sweep
     * ({@link RecurringJob#CAMPAIGN_SWEEP}, every {@code pollInterval}: {@link #tick()}) and these
     * further recurring jobs; campaign ticks run {@link #tick(long)}. Only the first call counts.
     */
    public void start(List<RecurringJob> moreJobs) {
        if (started.compareAndSet(false, true)) {
            List<RecurringJob> jobs = new ArrayList<>();
            jobs.add(new RecurringJob(RecurringJob.CAMPAIGN_SWEEP, engine.config().pollInterval(), this::sweep));
            jobs.addAll(moreJobs);
            List<RecurringJob> all = List.copyOf(jobs);
            engine.scheduler().start(new EngineScheduler.Work() {
                @Override
                public void runCampaign(long campaignId) {
                    if (!closed) {
                        tick(campaignId);
                    }
                }

                @Override
                public List<RecurringJob> recurringJobs() {
                    return all;
                }
            });
            if (engine.scheduler().sharedByNodes()) {
                engine.workQueue().submit(this::pickUpActiveAndReschedule);
            }
        }
    }

    /**
     * With a scheduler shared by nodes the sweep runs on one node at a time: each node still looks
     * for ACTIVE campaigns itself (reads only; claims keep the nodes apart) so that all of them send.
     */
    private void pickUpActiveAndReschedule() {
        if (closed) {
            return;
        }
        try {
            for (Campaign c : engine.campaigns().list(EnumSet.of(CampaignStatus.ACTIVE))) {
                wake(c.id());
            }
        } catch (RuntimeException e) {
            log.warn("looking for active campaigns failed; trying again in {}", engine.config().pollInterval(), e);
        }
        engine.workQueue().schedule(this::pickUpActiveAndReschedule, engine.config().pollInterval());
    }

    private void sweep() {
        if (!closed) {
            tick();
        }
    }

    /**
     * Asks the scheduler for a tick of this campaign at {@code at} ({@link #tick(long)}), replacing
     * a pending one: how a SCHEDULED campaign starts on time. Before {@link #start} (or after
     * {@link #close}) it does nothing; the sweep finds the campaign then.
     */
    public void scheduleTick(long campaignId, Instant at) {
        if (started.get() && !closed) {
            engine.scheduler().scheduleCampaign(campaignId, at);
        }
    }

    /**
     * One round of housekeeping: starts SCHEDULED campaigns whose time has come, expires lapsed
     * leases of ACTIVE campaigns, and makes sure every ACTIVE campaign is being driven.
     */
    public void tick() {
        Instant now = engine.clock().instant();
        for (Campaign c : engine.campaigns().list(EnumSet.of(CampaignStatus.SCHEDULED))) {
            startIfDue(c, now);
        }
        for (Campaign c : engine.campaigns().list(EnumSet.of(CampaignStatus.ACTIVE))) {
            pickUp(c.id(), now);
        }
    }

    /**
     * The same housekeeping for one campaign: starts it if it is SCHEDULED and due (a SCHEDULED
     * campaign not yet due gets a tick at its time), takes back its lapsed claims and drives it if it
     * is ACTIVE. Does nothing for an unknown or finished campaign.
     */
    public void tick(long campaignId) {
        Instant now = engine.clock().instant();
        Optional<Campaign> found = engine.campaigns().find(campaignId);
        if (found.isEmpty()) {
            return;
        }
        Campaign c = found.get();
        if (c.status() == CampaignStatus.SCHEDULED && !startIfDue(c, now)) {
            scheduleTick(c.id(), c.scheduledAt());
            return;
        }
        if (engine.campaigns().find(campaignId).map(Campaign::status).orElse(null) == CampaignStatus.ACTIVE) {
            pickUp(campaignId, now);
        }
    }

    private boolean startIfDue(Campaign c, Instant now) {
        if (c.scheduledAt() == null || !c.scheduledAt().isAfter(now)) {
            engine.campaigns().transition(c.id(), CampaignStatus.SCHEDULED, CampaignStatus.ACTIVE, now, null)
                    .ifPresent(started -> log.info("campaign {} started on schedule", c.id()));
            return true;
        }
        return false;
    }

    private void pickUp(long campaignId, Instant now) {
        int expired = engine.campaigns().expireLeases(campaignId, now);
        if (expired > 0) {
            log.info("campaign {}: {} lapsed claims taken back", campaignId, expired);
        }
        wake(campaignId);
    }

    /** Makes sure the campaign is being driven now (it does nothing if it is not ACTIVE). */
    public void wake(long campaignId) {
        if (closed) {
            return;
        }
        lanes.wake(campaignId);
    }

    /**
     * Settles a send attempt whose outcome arrived later, by its correlation id: a status event for
     * a recipient held IN_DOUBT, or for one still SENDING. Returns the updated recipient, or empty
     * when nothing changed (unknown id, or already settled).
     */
    public Optional<CampaignRecipient> settle(String correlationId, Settlement settlement) {
        Instant now = engine.clock().instant();
        Optional<CampaignRecipient> settled = engine.campaigns().settle(correlationId, settlement, now);
        settled.ifPresent(r -> engine.campaigns().find(r.campaignId()).ifPresent(c -> {
            LeadMessage m = messageLog.laterMessage(c, r, settlement, now);
            if (m != null) {
                messageLog.saveMessages(List.of(m));
            }
            wake(c.id());
        }));
        return settled;
    }

    /**
     * Lets a recipient held IN_DOUBT out as the resolution says ({@link CampaignStore#resolveInDoubt}),
     * and does what follows: a recipient treated as sent gets its message-log row (SENT, without a
     * provider id, under the attempt's correlation id); one to be sent again is PENDING, its
     * campaign, if COMPLETED, is ACTIVE again and driven. Empty when it was no longer IN_DOUBT.
     * Checks no permission: the service's callers do.
     */
    public Optional<CampaignRecipient> resolveInDoubt(long recipientId, InDoubtResolution resolution) {
        Optional<CampaignRecipient> resolved = engine.campaigns().resolveInDoubt(recipientId, resolution);
        resolved.ifPresent(r -> engine.campaigns().find(r.campaignId()).ifPresent(c -> {
            if (resolution.kind() == InDoubtResolution.Kind.SEND_AGAIN) {
                log.warn("recipient {} of campaign {} held in doubt is sent again, as {} decided", r.id(), c.id(),
                        resolution.actor());
                cancelOpenIfCancelled(c.id());
                engine.campaigns().transition(c.id(), CampaignStatus.COMPLETED, CampaignStatus.ACTIVE,
                        resolution.at(), null);
                wake(c.id());
                return;
            }
            log.info("recipient {} of campaign {} held in doubt counts as sent ({} by {})", r.id(), c.id(),
                    resolution.kind(), resolution.actor());
            LeadMessage m = messageLog.laterMessage(c, r, new Settlement.Sent(null, resolution.at()),
                    resolution.at());
            try {
                messageLog.saveMessages(List.of(m));
            } catch (RuntimeException e) {
                log.error("recipient {} was resolved as sent but its message could not be logged", r.id(), e);
            }
        }));
        return resolved;
    }

    /**
     * Marks SENT, unconfirmed ({@link InDoubtResolution.Kind#SENT_UNCONFIRMED}, by
     * {@value InDoubtResolution#RECONCILER}), every recipient held IN_DOUBT for longer than
     * {@code heldFor} (no status webhook settled it meanwhile; WhatsApp retries a webhook for up
     * to 7 days), logging its message as a doubt treated as sent is logged. Nothing is sent.
     * Returns how many it marked.
     */
    public int reconcileInDoubt(Duration heldFor) {
        Instant now = engine.clock().instant();
        Instant before = now.minus(heldFor);
        int marked = 0;
        long after = 0;
        while (!closed) {
            List<CampaignRecipient> page = engine.campaigns().inDoubtSince(before, after, 500);
            for (CampaignRecipient r : page) {
                if (resolveInDoubt(r.id(), new InDoubtResolution(InDoubtResolution.Kind.SENT_UNCONFIRMED,
                        InDoubtResolution.RECONCILER, now)).isPresent()) {
                    marked++;
                }
            }
            if (page.size() < 500) {
                break;
            }
            after = page.get(page.size() - 1).id();
        }
        if (marked > 0) {
            log.warn("{} recipient(s) held in doubt for over {} with no status report were marked sent, unconfirmed",
                    marked, heldFor);
        }
        return marked;
    }

    /**
     * Cancels the campaign's open recipients again if the campaign is CANCELLED by now; returns
     * how many. For a step that has just made recipients PENDING (added, retried, requeued) on the
     * strength of an earlier read of the status: a cancel whose own sweep ran before that step
     * committed would otherwise leave them PENDING in a campaign nothing drives. Checking after
     * the write closes the race, because cancelling moves the status first and sweeps after.
     */
    int cancelOpenIfCancelled(long campaignId) {
        return Cancellation.cancelOpenIfCancelled(engine, campaignId);
    }

    @Override
    public void close() {
        closed = true;
        dispatch.close(); // late outcomes already handed over are still settled
    }
}
