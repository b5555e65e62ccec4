package io.leadreach.campaign;

import io.leadreach.DuplicateKeyException;
import io.leadreach.StoreUnavailableException;
import io.leadreach.internal.CorrelationIds;
import io.leadreach.internal.Engine;
import io.leadreach.internal.LeadVariables;
import io.leadreach.internal.SendDecision;
import io.leadreach.lead.Lead;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import io.leadreach.sending.EngineScheduler;
import io.leadreach.sending.RateLimit;
import io.leadreach.sending.RecurringJob;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.TemplateRenderer;
import io.leadreach.transport.ErrorClass;
import io.leadreach.transport.MessageContent;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
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
 */
public final class CampaignRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    /** Leads added per materialisation step. */
    static final int MATERIALIZE_PAGE = 1_000;
    /** Attempts a recipient gets when refused only for rate limits (they are not the recipient's fault). */
    static final int RATE_LIMITED_ATTEMPTS = 10;
    /** How long a lane without work waits while lane 0 is still adding recipients. */
    private static final Duration MATERIALIZE_WAIT = Duration.ofMillis(20);
    /** Most outcomes settled by one store call when they arrive after their chunk. */
    private static final int SETTLE_GROUP = 256;
    /** Batches one drive runs before it yields its thread to other campaigns. */
    private static final int BATCHES_PER_SLICE = 50;

    private final Engine engine;
    private final String owner;
    private final Semaphore inFlight;
    /** Whether and what each recipient is sent: the rules the service and the preview apply too. */
    private final SendDecision decision;
    /** Per campaign, one driver per lane: lanes send one campaign from several threads at once. */
    private final Map<Long, Driver[]> drivers = new ConcurrentHashMap<>();
    private final int lanes;
    private final AtomicLong timerTokens = new AtomicLong();
    private final AtomicBoolean started = new AtomicBoolean();
    private volatile boolean closed;

    /**
     * Where outcomes that arrive after their chunk was out are settled: not on the thread that
     * completed the send (an HTTP client's I/O thread, or the timeout's timer), which the store
     * calls would hold, and not on the work queue, whose threads may all be waiting for the very
     * in-flight slots that settling gives back. One daemon thread, so late outcomes are settled in
     * groups, one group at a time.
     */
    private final java.util.concurrent.ExecutorService settler;

    public CampaignRunner(Engine engine) {
        this.engine = engine;
        this.owner = engine.nodeId();
        this.inFlight = new Semaphore(engine.config().maxInFlight());
        this.decision = SendDecision.of(engine);
        this.lanes = engine.config().workers();
        String name = "leadreach-settle-" + owner;
        this.settler = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
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
        Driver[] lanesOfCampaign = drivers.computeIfAbsent(campaignId, id -> {
            Driver[] ds = new Driver[lanes];
            for (int i = 0; i < lanes; i++) {
                ds[i] = new Driver(id, i);
            }
            return ds;
        });
        for (Driver d : lanesOfCampaign) {
            engine.workQueue().submit(() -> run(d, 0));
        }
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
            Lead lead = engine.leads().findById(r.leadId()).orElse(null);
            LeadMessage m = message(c, r.leadId(), r.correlationId(), r.attempts(),
                    lead == null ? null : engine.phones().tryE164(lead.mobile()).orElse(null),
                    lead == null ? null : render(c, lead), settlement, now, null);
            if (m != null) {
                saveMessages(List.of(m));
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
            Lead lead = engine.leads().findById(r.leadId()).orElse(null);
            LeadMessage m = message(c, r.leadId(), r.correlationId(), r.attempts(),
                    lead == null ? null : engine.phones().tryE164(lead.mobile()).orElse(null),
                    lead == null ? null : render(c, lead), new Settlement.Sent(null, resolution.at()),
                    resolution.at(), null);
            try {
                saveMessages(List.of(m));
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
    public int cancelOpenIfCancelled(long campaignId) {
        Optional<Campaign> now = engine.campaigns().find(campaignId);
        if (now.isPresent() && now.get().status() == CampaignStatus.CANCELLED) {
            return engine.campaigns().cancelOpen(campaignId, engine.clock().instant());
        }
        return 0;
    }

    @Override
    public void close() {
        closed = true;
        settler.shutdown(); // late outcomes already handed over are still settled
    }

    // ---------------------------------------------------------------- driving

    /** One lane of one campaign's drive on this node. */
    private static final class Driver {
        final long campaignId;
        final int lane;
        final ReentrantLock lock = new ReentrantLock();
        final AtomicBoolean again = new AtomicBoolean();
        final AtomicInteger inFlight = new AtomicInteger();
        volatile boolean waitingForInFlight;
        Instant timerAt;
        long timerToken;

        Driver(long campaignId, int lane) {
            this.campaignId = campaignId;
            this.lane = lane;
        }
    }

    /** What a drive decided to do next. */
    private record Next(Instant at, boolean stop) {
        static final Next STOP = new Next(null, true);

        static Next at(Instant at) {
            return new Next(at, false);
        }
    }

    private void run(Driver d, long token) {
        if (closed) {
            return;
        }
        if (token != 0) {
            synchronized (d) {
                if (token != d.timerToken) {
                    return;
                }
                d.timerAt = null;
                d.timerToken = 0;
            }
        }
        if (!d.lock.tryLock()) {
            d.again.set(true);
            return;
        }
        Next next;
        try {
            d.again.set(false);
            next = drive(d);
        } catch (StoreUnavailableException e) {
            log.warn("campaign {}: the store is out of reach ({}); trying again in {}", d.campaignId, e.getMessage(),
                    engine.config().pollInterval());
            next = Next.at(engine.clock().instant().plus(engine.config().pollInterval()));
        } catch (RuntimeException e) {
            log.warn("campaign {}: drive failed; trying again in {}", d.campaignId, engine.config().pollInterval(), e);
            next = Next.at(engine.clock().instant().plus(engine.config().pollInterval()));
        } finally {
            d.lock.unlock();
        }
        if (d.again.getAndSet(false)) {
            engine.workQueue().submit(() -> run(d, 0));
            return;
        }
        if (!next.stop()) {
            scheduleAt(d, next.at());
        }
    }

    private void scheduleAt(Driver d, Instant at) {
        Instant now = engine.clock().instant();
        long token;
        synchronized (d) {
            if (d.timerAt != null && !d.timerAt.isAfter(at)) {
                return;
            }
            token = timerTokens.incrementAndGet();
            d.timerAt = at;
            d.timerToken = token;
        }
        Duration delay = at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        engine.workQueue().schedule(() -> run(d, token), delay);
    }

    /**
     * Runs batches until nothing is due, the slice is used up, or the campaign stops. Lane 0 also
     * adds the recipients, a page per batch; the other lanes only send.
     */
    private Next drive(Driver d) {
        d.waitingForInFlight = false;
        for (int slice = 0; slice < BATCHES_PER_SLICE; slice++) {
            Optional<Campaign> found = engine.campaigns().find(d.campaignId);
            if (found.isEmpty() || found.get().status() != CampaignStatus.ACTIVE) {
                if (found.isEmpty() || found.get().status() == CampaignStatus.CANCELLED) {
                    drivers.remove(d.campaignId); // nothing will wake it again; forget its lanes
                }
                return Next.STOP;
            }
            Campaign c = found.get();
            boolean progressed = false;
            if (!c.materialized() && d.lane == 0) {
                materializeStep(c);
                progressed = true;
            }
            BatchResult batch = sendBatch(c, d);
            if (batch.throttledFor != null && !progressed) {
                return Next.at(engine.clock().instant().plus(batch.throttledFor));
            }
            if (batch.claimed > 0 || progressed) {
                continue;
            }
            if (!c.materialized()) {
                return Next.at(engine.clock().instant().plus(MATERIALIZE_WAIT)); // lane 0 is adding recipients
            }
            return whenIdle(c, d);
        }
        return Next.at(engine.clock().instant());
    }

    private Next whenIdle(Campaign c, Driver d) {
        Instant now = engine.clock().instant();
        CampaignCounters counts = engine.campaigns().counts(c.id());
        if (counts.open() == 0) {
            if (engine.campaigns().transition(c.id(), CampaignStatus.ACTIVE, CampaignStatus.COMPLETED, now, null)
                    .isEmpty()) {
                return Next.STOP;
            }
            // Failures retried between the count and the transition are PENDING in a COMPLETED
            // campaign: counted again after the transition, they make it ACTIVE again.
            CampaignCounters after = engine.campaigns().counts(c.id());
            if (after.open() > 0) {
                // (if this transition finds it no longer COMPLETED, the retry already made it ACTIVE)
                engine.campaigns().transition(c.id(), CampaignStatus.COMPLETED, CampaignStatus.ACTIVE, now, null);
                return Next.at(now);
            }
            log.info("campaign {} completed: {}", c.id(), after);
            if (c.templateId() != null && after.sent() > 0) {
                engine.templates().incrementUsage(c.templateId(), after.sent());
            }
            return Next.STOP;
        }
        Optional<Instant> due = engine.campaigns().nextDueAt(c.id());
        Instant poll = now.plus(engine.config().pollInterval());
        d.waitingForInFlight = d.inFlight.get() > 0;
        Instant at = due.orElse(poll);
        if (d.waitingForInFlight && poll.isBefore(at)) {
            at = poll; // a completing send wakes the drive sooner; the poll only guards against a missed wake
        }
        return Next.at(at);
    }

    // ---------------------------------------------------------------- materialising

    private void materializeStep(Campaign c) {
        Instant now = engine.clock().instant();
        TargetCriteria t = c.target();
        List<Long> ids;
        if (t.isLeadIdsOnly()) {
            ids = t.leadIds().stream().filter(id -> id > c.materializedUpTo()).sorted().limit(MATERIALIZE_PAGE)
                    .toList();
        } else {
            ids = engine.leads().page(t, c.materializedUpTo(), MATERIALIZE_PAGE).stream().map(Lead::id).toList();
        }
        if (engine.campaigns().addRecipients(c.id(), ids, now) > 0) {
            cancelOpenIfCancelled(c.id());
        }
        long upTo = ids.isEmpty() ? c.materializedUpTo() : ids.get(ids.size() - 1);
        engine.campaigns().recordMaterialized(c.id(), upTo, ids.size() < MATERIALIZE_PAGE);
    }

    // ---------------------------------------------------------------- sending

    private static final class BatchResult {
        int claimed;
        Duration throttledFor;
    }

    private BatchResult sendBatch(Campaign c, Driver d) {
        BatchResult result = new BatchResult();
        Instant now = engine.clock().instant();
        String senderKey = engine.senderKey();
        RateLimit senderLimit = engine.config().senderRateLimit();
        String campaignKey = io.leadreach.internal.Engine.campaignKey(c.id());
        RateLimit campaignLimit = c.throttle().toRateLimit();

        int want = engine.config().batchSize();
        int bySender = engine.rateLimiter().tryAcquire(senderKey, senderLimit, want);
        if (bySender == 0) {
            result.throttledFor = atLeastAMilli(engine.rateLimiter().timeToNextPermit(senderKey, senderLimit));
            return result;
        }
        int granted = engine.rateLimiter().tryAcquire(campaignKey, campaignLimit, bySender);
        engine.rateLimiter().refund(senderKey, senderLimit, bySender - granted);
        if (granted == 0) {
            result.throttledFor = atLeastAMilli(engine.rateLimiter().timeToNextPermit(campaignKey, campaignLimit));
            return result;
        }
        Tokens tokens = new Tokens(senderKey, senderLimit, campaignKey, campaignLimit);
        List<CampaignRecipient> claimed = engine.campaigns().claim(c.id(), owner, now,
                now.plus(engine.config().lease()), granted);
        tokens.refund(granted - claimed.size());
        result.claimed = claimed.size();
        if (claimed.isEmpty()) {
            return result;
        }
        List<Long> leadIds = new ArrayList<>(claimed.size());
        for (CampaignRecipient r : claimed) {
            leadIds.add(r.leadId());
        }
        Map<Long, Lead> leads = new HashMap<>(claimed.size() * 2);
        for (Lead l : engine.leads().findByIds(leadIds)) {
            leads.put(l.id(), l);
        }
        Map<Long, String> numbers = new HashMap<>(claimed.size() * 2);
        for (Lead l : leads.values()) {
            engine.phones().tryE164(l.mobile()).ifPresent(e164 -> numbers.put(l.id(), e164));
        }
        Set<String> optedOut = engine.consent().optedOutAmong(numbers.values());
        List<Ready> ready = new ArrayList<>(claimed.size());
        SendDecision.Draft draft = draft(c);
        for (CampaignRecipient r : claimed) {
            Ready send = process(c, draft, r, leads.get(r.leadId()), numbers.get(r.leadId()), optedOut, tokens, now);
            if (send != null) {
                ready.add(send);
            }
        }
        sendReady(c, d, ready, tokens, now);
        return result;
    }

    /** A recipient that passed every check, with what to send it. */
    private record Ready(CampaignRecipient recipient, Lead lead, String e164, String body, String correlationId,
                         MessageContent content) {
    }

    /**
     * Sends the checked recipients in chunks of at most a lane's share of the in-flight slots: the
     * slots are taken, the chunk is marked SENDING in one store call, handed to the transport, and
     * the outcomes that are already in when the chunk is out are settled together.
     */
    private void sendReady(Campaign c, Driver d, List<Ready> ready, Tokens tokens, Instant now) {
        int chunk = Math.max(1, engine.config().maxInFlight() / lanes);
        for (int from = 0; from < ready.size(); from += chunk) {
            List<Ready> part = ready.subList(from, Math.min(ready.size(), from + chunk));
            // Take the in-flight slots before marking SENDING: a crash then leaves only sends that
            // were really under way IN_DOUBT, not ones still waiting for a slot.
            try {
                inFlight.acquire(part.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                for (Ready r : ready.subList(from, ready.size())) {
                    defer(r.recipient(), now, tokens);
                }
                return;
            }
            Map<Long, String> correlationIds = new LinkedHashMap<>(part.size() * 2);
            for (Ready r : part) {
                correlationIds.put(r.recipient().id(), r.correlationId());
            }
            Set<Long> marked;
            try {
                // Tried again while the store is out of reach: the same call again is safe (see markSendingAll).
                marked = whileStoreUnavailable("marking " + part.size() + " sends",
                        () -> engine.campaigns().markSendingAll(correlationIds, owner, now));
            } catch (RuntimeException e) {
                inFlight.release(part.size()); // nothing was sent; the claims lapse back to PENDING
                throw e;
            }
            int unmarked = part.size() - marked.size();
            if (unmarked > 0) {
                inFlight.release(unmarked);
                tokens.refund(unmarked);
            }
            Outcomes early = new Outcomes();
            for (Ready r : part) {
                if (marked.contains(r.recipient().id())) {
                    dispatch(c, d, r, early);
                }
            }
            settleOutcomes(early.close());
        }
    }

    private static Duration atLeastAMilli(Duration d) {
        return d.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : d;
    }

    /** The sender and campaign permits taken for a batch, so unused ones can be given back. */
    private final class Tokens {
        final String senderKey;
        final RateLimit senderLimit;
        final String campaignKey;
        final RateLimit campaignLimit;

        Tokens(String senderKey, RateLimit senderLimit, String campaignKey, RateLimit campaignLimit) {
            this.senderKey = senderKey;
            this.senderLimit = senderLimit;
            this.campaignKey = campaignKey;
            this.campaignLimit = campaignLimit;
        }

        void refund(int n) {
            if (n > 0) {
                engine.rateLimiter().refund(senderKey, senderLimit, n);
                engine.rateLimiter().refund(campaignKey, campaignLimit, n);
            }
        }
    }

    /**
     * The campaign's message as the {@link SendDecision} takes it; whether its approved template is
     * a MARKETING one is read from the campaign's library template (once a batch, only with a binding).
     */
    private SendDecision.Draft draft(Campaign c) {
        boolean marketing = false;
        if (c.binding() != null) {
            TemplateCategory library = c.templateId() == null ? null
                    : engine.templates().findById(c.templateId()).map(MessageTemplate::category).orElse(null);
            marketing = engine.categories().isMarketing(c.binding(), library);
        }
        return new SendDecision.Draft(c.body(), c.attachment() != null, c.binding(), marketing);
    }

    /**
     * Checks a claimed recipient by the {@link SendDecision} and maps its verdict: a skip skips the
     * recipient, a deferral releases it until then; a send is paced per lead (a side effect, so
     * here, after the decision). Returns what to send it, or null when it was skipped or deferred.
     */
    private Ready process(Campaign c, SendDecision.Draft draft, CampaignRecipient r, Lead lead, String e164,
                          Set<String> optedOut, Tokens tokens, Instant now) {
        boolean opted = lead != null && e164 != null && (lead.optedOut() || optedOut.contains(e164));
        // (the window is looked up only when an earlier rule has not decided already)
        boolean inWindow = lead != null && e164 != null && !opted && engine.inServiceWindow(e164, now);
        SendDecision.Verdict verdict = decision.decide(new SendDecision.Facts(lead, e164, opted, inWindow), draft, now);
        if (verdict instanceof SendDecision.Skip s) {
            skip(r, s.reason(), tokens, now);
            return null;
        }
        if (verdict instanceof SendDecision.Defer later) {
            defer(r, later.until(), tokens);
            return null;
        }
        SendDecision.Send send = (SendDecision.Send) verdict;
        Duration pacing = engine.config().leadPacing();
        if (!pacing.isZero()) {
            RateLimit paceLimit = RateLimit.oneEvery(pacing);
            String key = io.leadreach.internal.Engine.leadKey(lead.id());
            if (engine.rateLimiter().tryAcquire(key, paceLimit, 1) == 0) {
                defer(r, now.plus(engine.rateLimiter().timeToNextPermit(key, paceLimit)), tokens);
                return null;
            }
        }
        String correlationId = CorrelationIds.forRecipient(c.id(), r.id(), r.attempts() + 1, r.leaseUntil());
        MessageContent content = SendDecision.content(send, lead, c.binding(), c.attachment(), engine::mediaFile);
        return new Ready(r, lead, e164, send.body(), correlationId, content);
    }

    private void skip(CampaignRecipient r, SkipReason reason, Tokens tokens, Instant now) {
        engine.campaigns().skip(r.id(), owner, reason, now);
        tokens.refund(1);
    }

    private void defer(CampaignRecipient r, Instant at, Tokens tokens) {
        engine.campaigns().release(r.id(), owner, at);
        tokens.refund(1);
    }

    private String render(Campaign c, Lead lead) {
        TemplateRenderer renderer = engine.renderer();
        return renderer.render(renderer.compile(c.body()), LeadVariables.of(lead));
    }

    /** A send's outcome, waiting to be settled. */
    private record Outcome(Campaign campaign, Driver driver, Ready send, SendOutcome outcome) {
    }

    /**
     * Collects the outcomes that arrive while a chunk is being handed to the transport (a transport
     * that answers at once answers on the sending thread), so they are settled together; once
     * closed, a later outcome is settled on its own thread.
     */
    private static final class Outcomes {
        private List<Outcome> collected = new ArrayList<>();

        synchronized boolean offer(Outcome o) {
            if (collected == null) {
                return false;
            }
            collected.add(o);
            return true;
        }

        synchronized List<Outcome> close() {
            List<Outcome> out = collected;
            collected = null;
            return out;
        }
    }

    /** Outcomes that arrived after their chunk was out, settled in groups on the {@link #settler}. */
    private final ConcurrentLinkedQueue<Outcome> lateOutcomes = new ConcurrentLinkedQueue<>();
    /** Whether a drain of {@link #lateOutcomes} is handed to the settler and has not started yet. */
    private final AtomicBoolean lateDrainPending = new AtomicBoolean();

    private void dispatch(Campaign c, Driver d, Ready send, Outcomes early) {
        d.inFlight.incrementAndGet(); // the runner's in-flight slot was taken before the recipient was marked
        OutboundMessage message = new OutboundMessage(send.e164(), send.correlationId(), send.content());
        CompletionStage<SendOutcome> stage;
        try {
            stage = engine.send(message);
        } catch (RuntimeException e) {
            log.error("transport threw instead of answering; holding {} in doubt", message.correlationId(), e);
            stage = CompletableFuture.completedFuture(new SendOutcome.Unknown("transport threw: " + e));
        }
        stage.toCompletableFuture()
                .orTimeout(engine.config().sendTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .handle((outcome, error) -> {
                    SendOutcome o = outcome != null ? outcome : new SendOutcome.Unknown(
                            error instanceof TimeoutException || error.getCause() instanceof TimeoutException
                                    ? "no answer within " + engine.config().sendTimeout()
                                    : "send failed: " + error);
                    Outcome done = new Outcome(c, d, send, o);
                    if (!early.offer(done)) {
                        settleLate(done);
                    }
                    return null;
                });
    }

    /** Queues a late outcome and makes sure a drain on the settler will pick it up. */
    private void settleLate(Outcome o) {
        lateOutcomes.add(o);
        if (lateDrainPending.compareAndSet(false, true)) {
            try {
                settler.execute(this::drainLate);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                drainLate(); // closed: settled here rather than left to the lease
            }
        }
    }

    /** Settles the late outcomes in groups until none is left. */
    private void drainLate() {
        lateDrainPending.set(false); // an outcome queued from now on schedules a drain of its own
        while (true) {
            List<Outcome> group = new ArrayList<>();
            Outcome next;
            while (group.size() < SETTLE_GROUP && (next = lateOutcomes.poll()) != null) {
                group.add(next);
            }
            if (group.isEmpty()) {
                return;
            }
            settleOutcomes(group);
        }
    }

    /**
     * Settles these outcomes in one store call and logs the final ones in another, then gives back
     * their in-flight slots. A store that cannot reach its database is tried again with backoff
     * (the outcomes are known, only not yet recorded) for up to a lease; sending waits meanwhile,
     * since the slots are held.
     */
    private void settleOutcomes(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            Instant now = engine.clock().instant();
            Map<String, Settlement> settlements = new LinkedHashMap<>(outcomes.size() * 2);
            for (Outcome o : outcomes) {
                if (o.outcome() instanceof SendOutcome.Rejected j && j.errorClass() != ErrorClass.PAIR_RATE_LIMITED
                        && !engine.config().leadPacing().isZero()) {
                    // Nothing reached the lead, so the pacing slot this send took is given back for its retry.
                    engine.rateLimiter().refund(io.leadreach.internal.Engine.leadKey(o.send().recipient().leadId()),
                            RateLimit.oneEvery(engine.config().leadPacing()), 1);
                }
                settlements.put(o.send().correlationId(),
                        decide(o.campaign(), o.send().recipient(), o.send().e164(), o.outcome(), now));
            }
            Set<String> settled = settleAll(settlements, now);
            Set<Long> retrying = new java.util.HashSet<>();
            for (Outcome o : outcomes) {
                if (settled.contains(o.send().correlationId())
                        && settlements.get(o.send().correlationId()) instanceof Settlement.Retry) {
                    retrying.add(o.campaign().id());
                }
            }
            retrying.forEach(this::cancelOpenIfCancelled);   // a retry scheduled while the campaign was being cancelled
            for (Outcome o : outcomes) {
                Campaign c = o.campaign();
                if (settled.contains(o.send().correlationId()) && o.outcome() instanceof SendOutcome.Rejected j
                        && (j.errorClass() == ErrorClass.QUALITY_PAUSE || j.errorClass() == ErrorClass.CONFIGURATION)) {
                    String reason = "paused by the engine after error " + j.code() + " (" + j.errorClass() + "): "
                            + j.message();
                    engine.campaigns().transition(c.id(), CampaignStatus.ACTIVE, CampaignStatus.PAUSED, now, reason)
                            .ifPresent(p -> log.warn("campaign {} {}", c.id(), reason));
                }
            }
            List<LeadMessage> logs = new ArrayList<>(settled.size());
            for (Outcome o : outcomes) {
                Ready send = o.send();
                if (!settled.contains(send.correlationId())) {
                    continue;
                }
                String raw = o.outcome() instanceof SendOutcome.Accepted a ? a.rawResponse()
                        : o.outcome() instanceof SendOutcome.Rejected j ? j.rawResponse() : null;
                LeadMessage m = message(o.campaign(), send.recipient().leadId(), send.correlationId(),
                        send.recipient().attempts() + 1, send.e164(), send.body(),
                        settlements.get(send.correlationId()), now, raw);
                if (m != null) {
                    logs.add(m);
                }
            }
            try {
                saveMessages(logs);
            } catch (RuntimeException e) {
                log.error("{} sends were settled but could not be logged", logs.size(), e);
            }
        } catch (RuntimeException e) {
            log.error("could not settle {} sends; their leases will hold them in doubt", outcomes.size(), e);
        } finally {
            for (Outcome o : outcomes) {
                inFlight.release();
                Driver d = o.driver();
                if (d.inFlight.decrementAndGet() == 0 && d.waitingForInFlight) {
                    d.waitingForInFlight = false;
                    wake(o.campaign().id());
                }
            }
        }
    }

    /**
     * Settles these attempts in one store call, tried again while the store is out of reach. A try
     * that failed may have committed before its answer was lost; the next try then finds those
     * attempts settled already and does not return them. So after a failed try, an attempt the
     * last try did not return is looked up, and counts as settled by this call when its recipient
     * shows exactly this settlement under its correlation id (the ids are fresh for each attempt),
     * so that its message is still logged. A status webhook that settled the same attempt
     * meanwhile settled it the same way; its message is logged once, since the log keys it by
     * correlation id.
     */
    private Set<String> settleAll(Map<String, Settlement> settlements, Instant now) {
        boolean[] failedOnce = {false};
        Set<String> settled = whileStoreUnavailable("settling " + settlements.size() + " sends", () -> {
            try {
                return engine.campaigns().settleAll(settlements, now);
            } catch (StoreUnavailableException e) {
                failedOnce[0] = true;
                throw e;
            }
        });
        if (!failedOnce[0] || settled.size() == settlements.size()) {
            return settled;
        }
        Set<String> all = new java.util.LinkedHashSet<>(settled);
        for (Map.Entry<String, Settlement> e : settlements.entrySet()) {
            if (!all.contains(e.getKey()) && whileStoreUnavailable("reading a settled send",
                    () -> engine.campaigns().findRecipientByCorrelationId(e.getKey()))
                    .filter(r -> showsSettlement(r, e.getKey(), e.getValue())).isPresent()) {
                log.info("send {} was settled by a try whose answer was lost", e.getKey());
                all.add(e.getKey());
            }
        }
        return all;
    }

    /** Whether the recipient is where this settlement of its attempt {@code correlationId} put it. */
    private static boolean showsSettlement(CampaignRecipient r, String correlationId, Settlement s) {
        if (!correlationId.equals(r.correlationId())) {
            return false;
        }
        if (s instanceof Settlement.Sent ok) {
            return r.sentAt() != null && java.util.Objects.equals(ok.providerMessageId(), r.providerMessageId());
        }
        if (s instanceof Settlement.Failed failed) {
            return r.status() == RecipientStatus.FAILED && r.sentAt() == null
                    && java.util.Objects.equals(failed.errorCode(), r.errorCode());
        }
        if (s instanceof Settlement.Retry retry) {
            return (r.status() == RecipientStatus.PENDING || r.status() == RecipientStatus.CLAIMED)
                    && retry.nextAttemptAt().equals(r.nextAttemptAt());
        }
        return r.status() == RecipientStatus.IN_DOUBT;
    }

    /** Logs the messages in one store call; if one clashes with a logged one, logs the others one by one. */
    private void saveMessages(List<LeadMessage> logs) {
        if (logs.isEmpty()) {
            return;
        }
        try {
            whileStoreUnavailable("logging " + logs.size() + " messages", () -> {
                engine.messages().insertAll(logs);
                return null;
            });
        } catch (DuplicateKeyException clash) {
            // Already logged (a commit whose answer was lost, then tried again): keep the first. A
            // provider id another message holds (the provider issued it again) goes to the new one.
            // Only a clash: any other failure (a closed store, say) is let through to be reported.
            for (LeadMessage m : logs) {
                try {
                    whileStoreUnavailable("logging a message", () -> io.leadreach.internal.MessageLog.save(
                            engine.messages(), m));
                } catch (DuplicateKeyException duplicate) {
                    log.debug("message {} was logged already", m.correlationId());
                }
            }
        }
    }

    /**
     * Runs a store call, trying it again with backoff (50 ms doubling to 2 s) while the store
     * reports its database out of reach, for up to the lease; then lets the failure through.
     */
    private <T> T whileStoreUnavailable(String what, Supplier<T> call) {
        long deadline = System.nanoTime() + engine.config().lease().toNanos();
        long pause = 50;
        while (true) {
            try {
                return call.get();
            } catch (StoreUnavailableException e) {
                if (closed || System.nanoTime() + pause * 1_000_000 > deadline) {
                    throw e;
                }
                log.warn("{}: the store is out of reach ({}); trying again in {} ms", what, e.getMessage(), pause);
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                pause = Math.min(2_000, pause * 2);
            }
        }
    }

    private Settlement decide(Campaign c, CampaignRecipient r, String e164, SendOutcome outcome, Instant now) {
        if (outcome instanceof SendOutcome.Accepted a) {
            return new Settlement.Sent(a.providerMessageId(), now);
        }
        if (outcome instanceof SendOutcome.Unknown u) {
            return new Settlement.InDoubt(u.reason());
        }
        SendOutcome.Rejected j = (SendOutcome.Rejected) outcome;
        if (j.errorClass() == ErrorClass.OPTED_OUT) {
            engine.consent().optOut(e164, "error-" + j.code(), now);
        }
        int attemptsMade = r.attempts() + 1;
        boolean rateLimited = j.errorClass() == ErrorClass.RATE_LIMITED || j.errorClass() == ErrorClass.PAIR_RATE_LIMITED;
        if (j.errorClass() == ErrorClass.RATE_LIMITED) {
            // The provider says the sender is too fast: empty the sender's bucket so every campaign
            // on this node pauses for about a second, instead of each recipient finding out alone.
            RateLimit senderLimit = engine.config().senderRateLimit();
            engine.rateLimiter().tryAcquire(engine.senderKey(), senderLimit, (int) senderLimit.capacity());
        }
        // Rate limits are not the recipient's fault: they get more attempts than real failures.
        int allowed = rateLimited ? Math.max(c.retryPolicy().maxAttempts(), RATE_LIMITED_ATTEMPTS)
                : c.retryPolicy().maxAttempts();
        if (j.errorClass().isRetryable() && attemptsMade < allowed) {
            Duration wait;
            if (j.errorClass() == ErrorClass.PAIR_RATE_LIMITED) {
                // Too soon for this one recipient: a pacing interval, not the general backoff.
                Duration pace = engine.config().leadPacing().isZero() ? Duration.ofSeconds(6) : engine.config().leadPacing();
                wait = j.retryAfter() != null && j.retryAfter().compareTo(pace) > 0 ? j.retryAfter() : pace;
            } else if (j.errorClass() == ErrorClass.RATE_LIMITED) {
                // Throughput limits clear within seconds: 1 s, 2 s, 4 s ... at most a minute, or what the provider said.
                long seconds = Math.min(60, 1L << Math.min(6, attemptsMade - 1));
                Duration base = Duration.ofMillis((long) (seconds * 1000 * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble())));
                wait = j.retryAfter() != null && j.retryAfter().compareTo(base) > 0 ? j.retryAfter() : base;
            } else {
                wait = c.retryPolicy().backoff(attemptsMade, j.retryAfter(), ThreadLocalRandom.current().nextDouble());
            }
            if (j.errorClass() == ErrorClass.MARKETING_CAP && wait.compareTo(Duration.ofHours(24)) < 0) {
                wait = Duration.ofHours(24);
            }
            return new Settlement.Retry(now.plus(wait), j.code(), j.message());
        }
        return new Settlement.Failed(j.code(), j.message(), j.errorClass().isRetryable());
    }

    /** The log entry of a final settlement (SENT or FAILED); null for retries and doubts, logged when they settle. */
    private static LeadMessage message(Campaign c, long leadId, String correlationId, int attempts, String e164,
                                       String body, Settlement settlement, Instant now, String raw) {
        MessageStatus status;
        String code = null;
        String text = null;
        String providerId = null;
        if (settlement instanceof Settlement.Sent s) {
            status = MessageStatus.SENT;
            providerId = s.providerMessageId();
        } else if (settlement instanceof Settlement.Failed f) {
            status = MessageStatus.FAILED;
            code = f.errorCode();
            text = f.errorMessage();
        } else {
            return null;
        }
        return LeadMessage.builder().leadId(leadId).mobile(e164).body(body).attachment(c.attachment()).status(status)
                .sentBy(c.createdBy()).campaignId(c.id()).correlationId(correlationId).providerMessageId(providerId)
                .errorCode(code).errorMessage(text).rawResponse(raw).attempts(attempts).createdAt(now)
                .sentAt(status == MessageStatus.SENT ? now : null).failedAt(status == MessageStatus.FAILED ? now : null)
                .build();
    }
}
