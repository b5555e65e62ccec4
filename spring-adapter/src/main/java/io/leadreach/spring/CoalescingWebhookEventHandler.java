package io.leadreach.spring;

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
 * queues its events and waits; one applier thread takes whatever requests are queued (up to
 * {@code maxEvents} events, never waiting for more), hands them to {@code apply} as one list in
 * queue order (so each request's events keep their order) and lets the requests answer. Each
 * request returns only once its events were applied, so nothing is acknowledged that is not
 * recorded; when applying throws, every request of that batch throws (the endpoint answers 500
 * and the provider delivers again; the tracker's writes are idempotent). Bounded: at most
 * {@code capacity} requests wait; a request that finds no room within {@code offerTimeout} throws.
 * {@link #close()} stops the applier and fails the requests still queued.
 */
final class CoalescingWebhookEventHandler implements WebhookEventHandler, AutoCloseable {

    private record Delivery(List<TrackingEvent> events, CompletableFuture<Void> done) {
    }

    private final Consumer<List<TrackingEvent>> apply;
    private final int maxEvents;
    private final long offerTimeoutMillis;
    private final BlockingQueue<Delivery> queue;
    private final Thread applier;
    private volatile boolean closed;

    CoalescingWebhookEventHandler(Consumer<List<TrackingEvent>> apply, int capacity, int maxEvents,
                                  long offerTimeoutMillis) {
        this.apply = Objects.requireNonNull(apply, "apply");
        this.maxEvents = maxEvents;
        this.offerTimeoutMillis = offerTimeoutMillis;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.applier = new Thread(this::run, "leadreach-webhook-applier");
        applier.setDaemon(true);
        applier.start();
    }

    @Override
    public void handle(List<TrackingEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Delivery d = new Delivery(List.copyOf(events), new CompletableFuture<>());
        try {
            if (closed || !queue.offer(d, offerTimeoutMillis, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(closed ? "the webhook applier is closed"
                        : "too many webhook deliveries waiting to be applied");
            }
            if (closed) {
                failQueued();
            }
            d.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the webhook's events were applied", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** How many deliveries wait to be applied. */
    int queued() {
        return queue.size();
    }

    private void run() {
        List<Delivery> batch = new ArrayList<>();
        List<TrackingEvent> events = new ArrayList<>();
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            events.addAll(batch.get(0).events());
            for (Delivery next; events.size() < maxEvents && (next = queue.poll()) != null; ) {
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
        for (Delivery d; (d = queue.poll()) != null; ) {
            d.done().completeExceptionally(new IllegalStateException("the webhook applier is closed"));
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        applier.interrupt();
        applier.join(TimeUnit.SECONDS.toMillis(30));
        failQueued();
    }
}
