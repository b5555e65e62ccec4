package io.leadreach.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.lead.ConsentStore;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link ConsentStore} passes; a store adapter's test is a subclass. */
public abstract class ConsentStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String NUMBER = "+15555550123";

    protected ConsentStore store;

    protected abstract ConsentStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    @Test
    void anUnknownNumberIsNotOptedOut() {
        assertThat(store.isOptedOut(NUMBER)).isFalse();
        assertThat(store.find(NUMBER)).isEmpty();
    }

    @Test
    void optOutAndOptInAreRecordedWithTheirSource() {
        store.optOut(NUMBER, "keyword", T0);
        assertThat(store.isOptedOut(NUMBER)).isTrue();
        assertThat(store.find(NUMBER)).hasValueSatisfying(c -> assertThat(c.source()).isEqualTo("keyword"));
        store.optIn(NUMBER, "user_preferences", T0.plusSeconds(60));
        assertThat(store.isOptedOut(NUMBER)).isFalse();
    }

    @Test
    void aStaleChangeDoesNotUndoANewerOne() {
        store.optOut(NUMBER, "user_preferences", T0.plusSeconds(60));
        store.optIn(NUMBER, "user_preferences", T0);
        assertThat(store.isOptedOut(NUMBER)).isTrue();
    }

    @Test
    void repeatingAChangeIsHarmless() {
        store.optOut(NUMBER, "keyword", T0);
        store.optOut(NUMBER, "keyword", T0);
        assertThat(store.isOptedOut(NUMBER)).isTrue();
    }

    @Test
    void theOptedOutAmongManyNumbersAreFoundTogether() {
        store.optOut(NUMBER, "keyword", T0);
        store.optOut("+15555550124", "keyword", T0);
        store.optIn("+15555550124", "keyword", T0.plusSeconds(1));
        assertThat(store.optedOutAmong(List.of(NUMBER, "+15555550124", "+15555550125", NUMBER)))
                .containsExactly(NUMBER);
        assertThat(store.optedOutAmong(List.of())).isEmpty();
    }
}
