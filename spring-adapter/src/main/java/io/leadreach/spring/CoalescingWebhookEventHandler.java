package io.leadreach.spring;

import io.leadreach.tracking.ConsentChange;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.InboundReply;
import io.leadreach.tracking.TemplateStatusChange;
import io.leadreach.tracking.TrackingEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Group commit of webhook deliveries: concurrent requests' events are applied together. A request
 * queues its events and waits; an applier thread takes whatever requests are queued (up to
 * {@code maxEvents} events, never waiting for more), hands them to {@code apply} as one list in
 * queue order (so each request's events keep their order) and lets the requests answer. Each
 * request returns only once its events were applied, so nothing is acknowledged that is not
 * recorded; when applying throws, every request of that batch throws (the endpoint answers 500
 * and the provider delivers again; the tracker's writes are idempotent). Bounded: at most
 * {@code capacity} requests wait for each applier; a request that finds no room within
 * {@code offerTimeout} throws. {@link #close()} stops the appliers and fails the requests still
 * queued.
 *
 * <p>With several appliers, one applies while another waits for the database. The events are
 * shared out by the number they are about ({@link #keyOf}): the events of one number (its
 * messages' statuses, its replies, its consent) always go to the same applier, in the order they
 * came, so every message's statuses are applied in order and a reply after the statuses before
 * it; a request whose events are about numbers of several appliers waits for each of them.
 */
final class CoalescingWebhookEventHandler implements WebhookEventHandler, AutoCloseable {

    private record Part(List<TrackingEvent> events, CompletableFuture<Void> done) {
    }

    private final Consumer<List<TrackingEvent>> apply;
    private final int maxEvents;
    private final long offerTimeoutMillis;
    private final List<BlockingQueue<Part>> queues = new ArrayList<>();
    private final List<Thread> appliers = new ArrayList<>();
    private volatile boolean closed;

    /** A handler with one applier. */
    CoalescingWebhookEventHandler(Consumer<List<TrackingEvent>> apply, int capacity, int maxEvents,
                                  long offerTimeoutMillis) {
        this(apply, 1, capacity, maxEvents, offerTimeoutMillis);
    }

    /** A handler with {@code appliers} appliers, each with room for {@code capacity} waiting requests. */
    CoalescingWebhookEventHandler(Consumer<List<TrackingEvent>> apply, int appliers, int capacity, int maxEvents,
                                  long offerTimeoutMillis) {
        this.apply = Objects.requireNonNull(apply, "apply");
        if (appliers < 1) {
            throw new IllegalArgumentException("appliers must be at least 1, got " + appliers);
        }
        this.maxEvents = maxEvents;
        this.offerTimeoutMillis = offerTimeoutMillis;
        for (int i = 0; i < appliers; i++) {
            BlockingQueue<Part> queue = new ArrayBlockingQueue<>(capacity);
            Thread applier = new Thread(() -> run(queue), "leadreach-webhook-applier" + (appliers == 1 ? "" : "-" + i));
            applier.setDaemon(true);
            queues.add(queue);
            this.appliers.add(applier);
        }
        this.appliers.forEach(Thread::start);
    }

    @Override
    public void handle(List<TrackingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        List<List<TrackingEvent>> byApplier = new ArrayList<>();
        for (int i = 0; i < queues.size(); i++) {
            byApplier.add(new ArrayList<>());
        }
        for (TrackingEvent e : events) {
            byApplier.get(queues.size() == 1 ? 0 : Math.floorMod(keyOf(e).hashCode(), queues.size())).add(e);
        }
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        try {
            for (int i = 0; i < queues.size(); i++) {
                if (byApplier.get(i).isEmpty()) {
                    continue;
                }
                Part part = new Part(byApplier.get(i), new CompletableFuture<>());
                if (closed || !queues.get(i).offer(part, offerTimeoutMillis, TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(closed ? "the webhook applier is closed"
                            : "too many webhook deliveries waiting to be applied");
                }
                waits.add(part.done());
            }
            if (closed) {
                failQueued();
            }
            for (CompletableFuture<Void> done : waits) {
                done.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the webhook's events were applied", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /**
     * What decides an event's applier: the digits of the number it is about (a status's recipient,
     * a reply's sender, a consent change's number), else its provider message id (a status without
     * its recipient) or template name.
     */
    static String keyOf(TrackingEvent e) {
        String number = null;
        String otherwise;
        if (e instanceof DeliveryEvent d) {
            number = d.recipient();
            otherwise = d.providerMessageId();
        } else if (e instanceof InboundReply r) {
            number = r.from();
            otherwise = r.providerMessageId();
        } else if (e instanceof ConsentChange c) {
            number = c.mobile();
            otherwise = c.mobile();
        } else {
            otherwise = ((TemplateStatusChange) e).templateName();
        }
        if (number != null) {
            StringBuilder digits = new StringBuilder(number.length());
            number.chars().filter(Character::isDigit).forEach(ch -> digits.append((char) ch));
            if (digits.length() > 0) {
                return digits.toString();
            }
        }
        return String.valueOf(otherwise);
    }

    /** How many applier threads it has. */
    int appliers() {
        return appliers.size();
    }

    /** How many requests wait to be applied. */
    int queued() {
        return queues.stream().mapToInt(BlockingQueue::size).sum();
    }

    private void run(BlockingQueue<Part> queue) {
        List<Part> batch = new ArrayList<>();
        List<TrackingEvent> events = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            events.addAll(batch.get(0).events());
            for (Part next; events.size() < maxEvents && (next = queue.poll()) != null; ) {
                batch.add(next);
                events.addAll(next.events());
            }
            try {
                apply.accept(events);
                batch.forEach(d -> d.done().complete(null));
            } catch (RuntimeException | Error e) {
                batch.forEach(d -> d.done().completeExceptionally(e));
            }
            batch.clear();
            events.clear();
        }
        failQueued();
    }

    private void failQueued() {
        for (BlockingQueue<Part> queue : queues) {
            for (Part d; (d = queue.poll()) != null; ) {
                d.done().completeExceptionally(new IllegalStateException("the webhook applier is closed"));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        appliers.forEach(Thread::interrupt);
        for (Thread applier : appliers) {
            applier.join(TimeUnit.SECONDS.toMillis(30));
        }
        failQueued();
    }
}
