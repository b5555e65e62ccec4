package io.leadreach.campaign;

import io.leadreach.StoreUnavailableException;
import io.leadreach.internal.Wiring;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives campaigns on this node: per campaign one {@link Lane} per worker, each run on the work
 * queue, batch after batch (claim, check, dispatch), until nothing is due; then the lane is timed
 * for the next due recipient, or the campaign is completed. Lane 0 also adds the recipients.
 */
final class Lanes {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    /** How long a lane without work waits while lane 0 is still adding recipients. */
    private static final Duration MATERIALIZE_WAIT = Duration.ofMillis(20);
    /** Batches one drive runs before it yields its thread to other campaigns. */
    private static final int BATCHES_PER_SLICE = 50;

    private final Wiring engine;
    private final int lanes;
    private final BooleanSupplier closed;
    private final Materializing materializing;
    private final Claiming claiming;
    private final PreSendChecks checks;
    private final Dispatch dispatch;
    /** Per campaign, one lane per worker: lanes send one campaign from several threads at once. */
    private final Map<Long, Lane[]> drivers = new ConcurrentHashMap<>();
    private final AtomicLong timerTokens = new AtomicLong();

    Lanes(Wiring engine, int lanes, BooleanSupplier closed, Materializing materializing, Claiming claiming,
          PreSendChecks checks, Dispatch dispatch) {
        this.engine = engine;
        this.lanes = lanes;
        this.closed = closed;
        this.materializing = materializing;
        this.claiming = claiming;
        this.checks = checks;
        this.dispatch = dispatch;
    }

    /** Makes sure every lane of the campaign is being driven now (a lane stops if it is not ACTIVE). */
    void wake(long campaignId) {
        Lane[] lanesOfCampaign = drivers.computeIfAbsent(campaignId, id -> {
            Lane[] ds = new Lane[lanes];
            for (int i = 0; i < lanes; i++) {
                ds[i] = new Lane(id, i);
            }
            return ds;
        });
        for (Lane d : lanesOfCampaign) {
            engine.workQueue().submit(() -> run(d, 0));
        }
    }

    /** What a drive decided to do next. */
    private record Next(Instant at, boolean stop) {
        static final Next STOP = new Next(null, true);

        static Next at(Instant at) {
            return new Next(at, false);
        }
    }

    private void run(Lane d, long token) {
        if (closed.getAsBoolean()) {
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

    private void scheduleAt(Lane d, Instant at) {
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
    private Next drive(Lane d) {
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
            List<String> unknown = engine.senders().unknown(c.senderNumbers());
            if (!unknown.isEmpty()) {
                // registered when it was created, gone since (the host's numbers changed): paused, not failed
                String reason = "paused by the engine: it sends from " + (unknown.size() == 1 ? "number " : "numbers ")
                        + String.join(", ", unknown) + ", which " + (unknown.size() == 1 ? "is" : "are")
                        + " not registered; register " + (unknown.size() == 1 ? "it" : "them") + " and resume";
                engine.campaigns().transition(c.id(), CampaignStatus.ACTIVE, CampaignStatus.PAUSED,
                        engine.clock().instant(), reason).ifPresent(p -> log.warn("campaign {} {}", c.id(), reason));
                return Next.STOP;
            }
            boolean progressed = false;
            if (!c.materialized() && d.index == 0) {
                materializing.step(c);
                progressed = true;
            }
            Claiming.Batch batch = sendBatch(c, d);
            if (batch.throttledFor() != null && !progressed) {
                return Next.at(engine.clock().instant().plus(batch.throttledFor()));
            }
            if (!batch.claimed().isEmpty() || progressed) {
                continue;
            }
            if (!c.materialized()) {
                return Next.at(engine.clock().instant().plus(MATERIALIZE_WAIT)); // lane 0 is adding recipients
            }
            return whenIdle(c, d);
        }
        return Next.at(engine.clock().instant());
    }

    /** Claims a batch, checks it, and dispatches what is to be sent; returns the batch claimed. */
    private Claiming.Batch sendBatch(Campaign c, Lane d) {
        Instant now = engine.clock().instant();
        Claiming.Batch batch = claiming.claim(c, now);
        if (!batch.claimed().isEmpty()) {
            List<Ready> ready = checks.check(c, batch, now);
            dispatch.send(c, d, ready, batch.tokens(), now);
        }
        return batch;
    }

    private Next whenIdle(Campaign c, Lane d) {
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
}
