package io.leadreach.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.tracking.ConversationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link ConversationStore} passes; a store adapter's test is a subclass. */
public abstract class ConversationStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String NUMBER = "+12015550123";
    private static final String BUSINESS = "106540352242922";
    private static final String OTHER_BUSINESS = "106540352242923";

    protected ConversationStore store;

    protected abstract ConversationStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void aNumberThatNeverWroteHasNoInboundTime() {
        assertThat(store.lastInboundAt(BUSINESS, NUMBER)).isEmpty();
    }

    @Test
    void theLatestInboundTimeIsKept() {
        assertThat(store.recordInbound(BUSINESS, NUMBER, "wamid.in1", T0)).isTrue();
        assertThat(store.recordInbound(BUSINESS, NUMBER, "wamid.in2", T0.plusSeconds(60))).isTrue();
        assertThat(store.lastInboundAt(BUSINESS, NUMBER)).contains(T0.plusSeconds(60));
    }

    @Test
    void anOlderMessageArrivingLateDoesNotMoveTheTimeBack() {
        store.recordInbound(BUSINESS, NUMBER, "wamid.in2", T0.plusSeconds(60));
        assertThat(store.recordInbound(BUSINESS, NUMBER, "wamid.in1", T0)).isTrue();
        assertThat(store.lastInboundAt(BUSINESS, NUMBER)).contains(T0.plusSeconds(60));
    }

    @Test
    void theSameInboundIdTwiceIsARepeat() {
        assertThat(store.recordInbound(BUSINESS, NUMBER, "wamid.in1", T0)).isTrue();
        assertThat(store.recordInbound(BUSINESS, NUMBER, "wamid.in1", T0)).isFalse();
        assertThat(store.recordInbound(BUSINESS, NUMBER, "wamid.in1", T0.plusSeconds(5))).isFalse();
        assertThat(store.lastInboundAt(BUSINESS, NUMBER)).contains(T0);
    }

    @Test
    void oneInboundIdRecordedConcurrentlyIsHandedOverOnceAndTheLatestTimeWins() throws Exception {
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Boolean>> same = new ArrayList<>();
            List<Future<Boolean>> distinct = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int n = t;
                same.add(pool.submit(() -> {
                    start.await();
                    return store.recordInbound(BUSINESS, NUMBER, "wamid.same", T0);
                }));
                distinct.add(pool.submit(() -> {
                    start.await();
                    return store.recordInbound(BUSINESS, "+12015550124", "wamid.d" + n, T0.plusSeconds(n));
                }));
            }
            start.countDown();
            int handed = 0;
            for (Future<Boolean> f : same) {
                handed += f.get() ? 1 : 0;
            }
            for (Future<Boolean> f : distinct) {
                assertThat(f.get()).isTrue();
            }
            assertThat(handed).as("handed over once").isEqualTo(1);
            assertThat(store.lastInboundAt(BUSINESS, "+12015550124")).contains(T0.plusSeconds(threads - 1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void numbersAreKeptApart() {
        store.recordInbound(BUSINESS, NUMBER, "wamid.in1", T0);
        assertThat(store.lastInboundAt(BUSINESS, "+12015550124")).isEmpty();
        assertThat(store.lastInboundAt("+12015550124")).isEmpty();
    }

    @Test
    void theWindowBelongsToTheBusinessNumberWrittenTo() {
        store.recordInbound(BUSINESS, NUMBER, "wamid.in1", T0);
        store.recordInbound(OTHER_BUSINESS, NUMBER, "wamid.in2", T0.plusSeconds(30));
        store.recordInbound(BUSINESS, "+12015550124", "wamid.in3", T0.plusSeconds(90));
        assertThat(store.lastInboundAt(BUSINESS, NUMBER)).contains(T0);
        assertThat(store.lastInboundAt(OTHER_BUSINESS, NUMBER)).contains(T0.plusSeconds(30));
        assertThat(store.lastInboundAt(OTHER_BUSINESS, "+12015550124")).isEmpty();
        assertThat(store.lastInboundAt("third-number", NUMBER)).isEmpty();
    }

    @Test
    void theLatestInboundToAnyBusinessNumberIsKeptToo() {
        assertThat(store.lastInboundAt(NUMBER)).isEmpty();
        store.recordInbound(OTHER_BUSINESS, NUMBER, "wamid.in2", T0.plusSeconds(30));
        store.recordInbound(BUSINESS, NUMBER, "wamid.in1", T0);
        assertThat(store.lastInboundAt(NUMBER)).contains(T0.plusSeconds(30));
    }

    @Test
    void anInboundIdIsARepeatWhicheverBusinessNumberItNames() {
        assertThat(store.recordInbound(BUSINESS, NUMBER, "wamid.in1", T0)).isTrue();
        assertThat(store.recordInbound(OTHER_BUSINESS, NUMBER, "wamid.in1", T0.plusSeconds(5))).isFalse();
        assertThat(store.lastInboundAt(OTHER_BUSINESS, NUMBER)).isEmpty();
    }
}
