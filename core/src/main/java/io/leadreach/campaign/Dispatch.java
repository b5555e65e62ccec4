package io.leadreach.campaign;

import io.leadreach.internal.Wiring;
import io.leadreach.transport.OutboundMessage;
import io.leadreach.transport.SendOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands checked recipients to the transport under the node's in-flight limit, and has their
 * outcomes settled: those already in when a chunk is out together on the sending thread, later
 * ones in groups on the runner's settling thread. Each settled send gives back its in-flight slot.
 */
final class Dispatch {

    private static final Logger log = LoggerFactory.getLogger(CampaignRunner.class);

    /** Most outcomes settled by one store call when they arrive after their chunk. */
    private static final int SETTLE_GROUP = 256;

    private final Wiring engine;
    private final String owner;
    private final int lanes;
    private final Semaphore inFlight;
    private final StoreRetry retry;
    private final Claiming claiming;
    private final Settling settling;
    /** Drives a campaign again: for a lane that went idle waiting for its sends under way. */
    private final LongConsumer wake;

    /**
     * Where outcomes that arrive after their chunk was out are settled: not on the thread that
     * completed the send (an HTTP client's I/O thread, or the timeout's timer), which the store
     * calls would hold, and not on the work queue, whose threads may all be waiting for the very
     * in-flight slots that settling gives back. One daemon thread, so late outcomes are settled in
     * groups, one group at a time.
     */
    private final ExecutorService settler;
    /** Outcomes that arrived after their chunk was out, settled in groups on the {@link #settler}. */
    private final ConcurrentLinkedQueue<Outcome> lateOutcomes = new ConcurrentLinkedQueue<>();
    /** Whether a drain of {@link #lateOutcomes} is handed to the settler and has not started yet. */
    private final AtomicBoolean lateDrainPending = new AtomicBoolean();

    Dispatch(Wiring engine, String owner, int lanes, StoreRetry retry, Claiming claiming, Settling settling,
             LongConsumer wake) {
        this.engine = engine;
        this.owner = owner;
        this.lanes = lanes;
        this.inFlight = new Semaphore(engine.config().maxInFlight());
        this.retry = retry;
        this.claiming = claiming;
        this.settling = settling;
        this.wake = wake;
        String name = "leadreach-settle-" + owner;
        this.settler = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Sends the checked recipients in chunks of at most a lane's share of the in-flight slots: the
     * slots are taken, the chunk is marked SENDING in one store call, handed to the transport, and
     * the outcomes that are already in when the chunk is out are settled together.
     */
    void send(Campaign c, Lane d, List<Ready> ready, Tokens tokens, Instant now) {
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
                    claiming.defer(r.recipient(), now, tokens);
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
                marked = retry.whileStoreUnavailable("marking " + part.size() + " sends",
                        () -> engine.campaigns().markSendingAll(correlationIds, owner, now));
            } catch (RuntimeException e) {
                inFlight.release(part.size()); // nothing was sent; the claims lapse back to PENDING
                throw e;
            }
            int unmarked = part.size() - marked.size();
            if (unmarked > 0) {
                inFlight.release(unmarked);
                for (Ready r : part) {
                    if (!marked.contains(r.recipient().id())) {
                        tokens.refund(r.recipient());
                    }
                }
            }
            Outcomes early = new Outcomes();
            for (Ready r : part) {
                if (marked.contains(r.recipient().id())) {
                    dispatch(c, d, r, early);
                }
            }
            settleAndRelease(early.close());
        }
    }

    /** Stops the settling thread once the late outcomes already handed over are settled. */
    void close() {
        settler.shutdown();
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

    private void dispatch(Campaign c, Lane d, Ready send, Outcomes early) {
        d.inFlight.incrementAndGet(); // the runner's in-flight slot was taken before the recipient was marked
        OutboundMessage message = new OutboundMessage(send.e164(), send.correlationId(), send.content(),
                send.from().id());
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
            } catch (RejectedExecutionException closing) {
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
            settleAndRelease(group);
        }
    }

    /**
     * Settles these outcomes, then gives back their in-flight slots (sending waits meanwhile, since
     * the slots are held), and wakes a lane whose last send under way this was, if it is waiting.
     */
    private void settleAndRelease(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        try {
            settling.settle(outcomes);
        } finally {
            for (Outcome o : outcomes) {
                inFlight.release();
                Lane d = o.lane();
                if (d.inFlight.decrementAndGet() == 0 && d.waitingForInFlight) {
                    d.waitingForInFlight = false;
                    wake.accept(o.campaign().id());
                }
            }
        }
    }
}
