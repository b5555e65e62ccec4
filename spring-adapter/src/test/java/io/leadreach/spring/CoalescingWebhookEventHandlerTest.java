package io.leadreach.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.leadreach.tracking.ConsentChange;
import io.leadreach.tracking.DeliveryEvent;
import io.leadreach.tracking.DeliveryStatus;
import io.leadreach.tracking.TrackingEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class CoalescingWebhookEventHandlerTest {

    private static List<TrackingEvent> delivery(int request, int events) {
        List<TrackingEvent> list = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            list.add(new ConsentChange("+1555010" + (request % 100), i % 2 == 0, "r" + request + "-e" + i,
                    Instant.EPOCH.plusSeconds(i)));
        }
        return list;
    }

    @Test
    void everyRequestReturnsOnlyAfterItsEventsWereAppliedInOrderAndConcurrentOnesAreAppliedTogether()
            throws Exception {
        List<List<TrackingEvent>> batches = new CopyOnWriteArrayList<>();
        Set<TrackingEvent> applied = ConcurrentHashMap.newKeySet();
        CountDownLatch firstHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean first = new AtomicBoolean(true);
        int threads = 16;
        try (CoalescingWebhookEventHandler handler = new CoalescingWebhookEventHandler(events -> {
            if (first.getAndSet(false)) {
                firstHeld.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            batches.add(List.copyOf(events));
            applied.addAll(events);
        }, 64, 1_000, 5_000)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                Future<?> held = pool.submit(() -> handler.handle(delivery(0, 3)));
                firstHeld.await();
                List<Future<?>> others = new ArrayList<>();
                for (int r = 1; r < threads; r++) {
                    int request = r;
                    others.add(pool.submit(() -> {
                        List<TrackingEvent> mine = delivery(request, 1 + request % 4);
                        handler.handle(mine);
                        assertThat(applied).as("request %d answered after its events were applied", request)
                                .containsAll(mine);
                    }));
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> others.stream().noneMatch(Future::isDone)
                        && handlerQueued(handler) == threads - 1);
                release.countDown();
                held.get();
                for (Future<?> f : others) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        assertThat(batches).as("the held batch, then every request that waited, together").hasSize(2);
        assertThat(batches.get(1)).hasSize(java.util.stream.IntStream.range(1, threads)
                .map(r -> 1 + r % 4).sum());
        for (int r = 1; r < threads; r++) {
            List<TrackingEvent> mine = delivery(r, 1 + r % 4);
            int at = batches.get(1).indexOf(mine.get(0));
            assertThat(batches.get(1).subList(at, at + mine.size())).as("request %d's events in order", r)
                    .isEqualTo(mine);
        }
    }

    private static int handlerQueued(CoalescingWebhookEventHandler handler) {
        return handler.queued();
    }

    @Test
    void aFailureFailsEveryRequestOfTheBatchAndTheNextBatchStillApplies() throws Exception {
        AtomicBoolean fail = new AtomicBoolean(true);
        List<TrackingEvent> applied = new CopyOnWriteArrayList<>();
        try (CoalescingWebhookEventHandler handler = new CoalescingWebhookEventHandler(events -> {
            if (fail.get()) {
                throw new IllegalStateException("database down");
            }
            applied.addAll(events);
        }, 8, 1_000, 5_000)) {
            assertThatThrownBy(() -> handler.handle(delivery(1, 2))).hasMessage("database down");
            assertThat(applied).isEmpty();
            fail.set(false);
            handler.handle(delivery(2, 2));
            assertThat(applied).isEqualTo(delivery(2, 2));
        }
    }

    @Test
    void aFullQueueRefusesAndAClosedHandlerFailsWhatWaits() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        CoalescingWebhookEventHandler handler = new CoalescingWebhookEventHandler(events -> {
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException("closed while applying", e);
            }
        }, 1, 1_000, 50);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> applying = pool.submit(() -> handler.handle(delivery(1, 1)));
            assertThat(entered.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            Future<?> waiting = pool.submit(() -> handler.handle(delivery(2, 1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> handler.queued() == 1);
            assertThatThrownBy(() -> handler.handle(delivery(3, 1))).hasMessageContaining("too many");
            handler.close();
            assertThatThrownBy(waiting::get).hasRootCauseMessage("the webhook applier is closed");
            assertThatThrownBy(applying::get).hasRootCauseInstanceOf(InterruptedException.class);
            assertThatThrownBy(() -> handler.handle(delivery(4, 1))).hasMessageContaining("closed");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    /** Statuses of {@code messages} messages to {@code number}, each sent, delivered, read in turn, as deliveries of one event. */
    private static List<TrackingEvent> statuses(String number, int messages) {
        List<TrackingEvent> list = new ArrayList<>();
        for (int m = 0; m < messages; m++) {
            for (DeliveryStatus s : List.of(DeliveryStatus.SENT, DeliveryStatus.DELIVERED, DeliveryStatus.READ)) {
                list.add(new DeliveryEvent("wamid." + number + "." + m, null, s, Instant.EPOCH.plusSeconds(list.size()),
                        number, null, null, null));
            }
        }
        return list;
    }

    @Test
    void withSeveralAppliersEachNumbersEventsAreAppliedByOneApplierInTheOrderTheyCame() throws Exception {
        int appliers = 3;
        List<String> numbers = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "1555010" + (10 + i)).toList();
        assertThat(numbers.stream().map(n -> Math.floorMod(CoalescingWebhookEventHandler.keyOf(
                statuses(n, 1).get(0)).hashCode(), appliers)).distinct()).as("the numbers reach every applier")
                .hasSize(appliers);
        Map<String, List<TrackingEvent>> appliedByNumber = new ConcurrentHashMap<>();
        Map<String, Set<String>> appliersByNumber = new ConcurrentHashMap<>();
        try (CoalescingWebhookEventHandler handler = new CoalescingWebhookEventHandler(events -> {
            for (TrackingEvent e : events) {
                String number = ((DeliveryEvent) e).recipient();
                appliedByNumber.computeIfAbsent(number, k -> new CopyOnWriteArrayList<>()).add(e);
                appliersByNumber.computeIfAbsent(number, k -> ConcurrentHashMap.newKeySet())
                        .add(Thread.currentThread().getName());
            }
        }, appliers, 64, 1_000, 5_000)) {
            ExecutorService pool = Executors.newFixedThreadPool(numbers.size() + 1);
            try {
                List<Future<?>> senders = new ArrayList<>();
                for (String number : numbers) {
                    // one number's deliveries one after the other, the numbers at the same time
                    senders.add(pool.submit(() -> {
                        for (TrackingEvent e : statuses(number, 20)) {
                            handler.handle(List.of(e));
                        }
                    }));
                }
                // one delivery about two numbers of different appliers answers once both applied it
                String a = numbers.get(0);
                String b = numbers.stream().filter(n -> applierOf(n, appliers) != applierOf(a, appliers))
                        .findFirst().orElseThrow();
                List<TrackingEvent> both = List.of(statuses(a + "9", 1).get(0), statuses(b + "9", 1).get(0));
                assertThat(applierOf(a + "9", appliers)).isNotEqualTo(applierOf(b + "9", appliers));
                senders.add(pool.submit(() -> {
                    handler.handle(both);
                    assertThat(appliedByNumber.get(a + "9")).containsExactly(both.get(0));
                    assertThat(appliedByNumber.get(b + "9")).containsExactly(both.get(1));
                }));
                for (Future<?> f : senders) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
        for (String number : numbers) {
            assertThat(appliedByNumber.get(number)).as("%s's events, in order", number)
                    .isEqualTo(statuses(number, 20));
            assertThat(appliersByNumber.get(number)).as("%s's applier", number).hasSize(1);
        }
    }

    private static int applierOf(String number, int appliers) {
        return Math.floorMod(CoalescingWebhookEventHandler.keyOf(statuses(number, 1).get(0)).hashCode(), appliers);
    }

    @Test
    void anEventsApplierFollowsItsNumberWhateverItsKindOrFormat() {
        Instant at = Instant.EPOCH;
        String status = CoalescingWebhookEventHandler.keyOf(
                new DeliveryEvent("wamid.1", null, DeliveryStatus.READ, at, "15550100123", null, null, null));
        assertThat(status).isEqualTo("15550100123");
        assertThat(CoalescingWebhookEventHandler.keyOf(new io.leadreach.tracking.InboundReply("+1 555 010 0123",
                "wamid.in", "STOP", null, null, "text", null, at))).isEqualTo(status);
        assertThat(CoalescingWebhookEventHandler.keyOf(new ConsentChange("+15550100123", true, "stop", at)))
                .isEqualTo(status);
        assertThat(CoalescingWebhookEventHandler.keyOf(DeliveryEvent.of("wamid.2", null, DeliveryStatus.READ, at)))
                .as("without its number: its message").isEqualTo("wamid.2");
    }
}
