package io.leadreach.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.tracking.ConversationStore;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link ConversationStore} passes; a store adapter's test is a subclass. */
public abstract class ConversationStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String NUMBER = "+12015550123";

    protected ConversationStore store;

    protected abstract ConversationStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void aNumberThatNeverWroteHasNoInboundTime() {
        assertThat(store.lastInboundAt(NUMBER)).isEmpty();
    }

    @Test
    void theLatestInboundTimeIsKept() {
        assertThat(store.recordInbound(NUMBER, "wamid.in1", T0)).isTrue();
        assertThat(store.recordInbound(NUMBER, "wamid.in2", T0.plusSeconds(60))).isTrue();
        assertThat(store.lastInboundAt(NUMBER)).contains(T0.plusSeconds(60));
    }

    @Test
    void anOlderMessageArrivingLateDoesNotMoveTheTimeBack() {
        store.recordInbound(NUMBER, "wamid.in2", T0.plusSeconds(60));
        assertThat(store.recordInbound(NUMBER, "wamid.in1", T0)).isTrue();
        assertThat(store.lastInboundAt(NUMBER)).contains(T0.plusSeconds(60));
    }

    @Test
    void theSameInboundIdTwiceIsARepeat() {
        assertThat(store.recordInbound(NUMBER, "wamid.in1", T0)).isTrue();
        assertThat(store.recordInbound(NUMBER, "wamid.in1", T0)).isFalse();
        assertThat(store.recordInbound(NUMBER, "wamid.in1", T0.plusSeconds(5))).isFalse();
        assertThat(store.lastInboundAt(NUMBER)).contains(T0);
    }

    @Test
    void numbersAreKeptApart() {
        store.recordInbound(NUMBER, "wamid.in1", T0);
        assertThat(store.lastInboundAt("+12015550124")).isEmpty();
    }
}
