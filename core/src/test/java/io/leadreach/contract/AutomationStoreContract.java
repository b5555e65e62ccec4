package io.leadreach.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadreach.automation.AutomationRule;
import io.leadreach.automation.AutomationStore;
import io.leadreach.automation.AutomationTrigger;
import io.leadreach.lead.TargetCriteria;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The contract every {@link AutomationStore} passes; a store adapter's test is a subclass. */
public abstract class AutomationStoreContract {

    protected static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    protected AutomationStore store;

    protected abstract AutomationStore newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }

    protected static AutomationRule rule(String name, AutomationTrigger trigger, Integer days, boolean active) {
        return new AutomationRule(0, name, trigger, days, null, null, 42, TargetCriteria.all(), active, T0, T0);
    }

    @Test
    void savingAssignsAnIdAndKeepsEveryField() {
        AutomationRule asked = new AutomationRule(0, "Qualified follow-up", AutomationTrigger.STATUS_CHANGED, null,
                "new", "qualified", 42, TargetCriteria.builder().sources("web").priorities("high")
                        .attribute("segment", "vip").build(), true, T0, T0.plusSeconds(5));
        AutomationRule saved = store.save(asked);
        assertThat(saved.id()).isPositive();
        assertThat(store.find(saved.id())).contains(saved);
        assertThat(saved.criteria()).isEqualTo(asked.criteria());
        assertThat(store.find(saved.id() + 1000)).isEmpty();
    }

    @Test
    void savingAnExistingRuleReplacesItAndListingFiltersActiveOnes() {
        AutomationRule a = store.save(rule("A", AutomationTrigger.BIRTHDAY, null, true));
        AutomationRule b = store.save(rule("B", AutomationTrigger.COLD_LEAD, 30, true));
        AutomationRule bOff = new AutomationRule(b.id(), "B off", AutomationTrigger.COLD_LEAD, 60, null, null, 43,
                TargetCriteria.all(), false, T0, T0.plusSeconds(60));
        store.save(bOff);
        assertThat(store.find(b.id())).contains(bOff);
        assertThat(store.list(false)).extracting(AutomationRule::id).containsExactly(a.id(), b.id());
        assertThat(store.list(true)).extracting(AutomationRule::id).containsExactly(a.id());
    }

    @Test
    void savingARuleDeletedMeanwhileIsRefusedAndDoesNotBringItBack() {
        AutomationRule a = store.save(rule("A", AutomationTrigger.BIRTHDAY, null, true));
        assertThat(store.delete(a.id())).isTrue();
        AutomationRule edited = new AutomationRule(a.id(), "A edited", AutomationTrigger.BIRTHDAY, null, null, null,
                42, TargetCriteria.all(), true, T0, T0.plusSeconds(60));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.save(edited))
                .isInstanceOf(java.util.NoSuchElementException.class);
        assertThat(store.find(a.id())).isEmpty();
        assertThat(store.list(false)).isEmpty();
    }

    @Test
    void anOccurrenceIsRecordedOnce() {
        AutomationRule r = store.save(rule("A", AutomationTrigger.BIRTHDAY, null, true));
        assertThat(store.hasFired(r.id(), 7, "2027")).isFalse();
        assertThat(store.recordIfAbsent(r.id(), 7, "2027", T0)).isTrue();
        assertThat(store.recordIfAbsent(r.id(), 7, "2027", T0.plusSeconds(60))).isFalse();
        assertThat(store.hasFired(r.id(), 7, "2027")).isTrue();
        assertThat(store.recordIfAbsent(r.id(), 7, "2028", T0)).isTrue();
        assertThat(store.recordIfAbsent(r.id(), 8, "2027", T0)).isTrue();
    }

    @Test
    void deletingARuleDeletesItsOccurrences() {
        AutomationRule r = store.save(rule("A", AutomationTrigger.BIRTHDAY, null, true));
        AutomationRule other = store.save(rule("B", AutomationTrigger.BIRTHDAY, null, true));
        store.recordIfAbsent(r.id(), 7, "2027", T0);
        store.recordIfAbsent(other.id(), 7, "2027", T0);
        assertThat(store.delete(r.id())).isTrue();
        assertThat(store.delete(r.id())).isFalse();
        assertThat(store.find(r.id())).isEmpty();
        assertThat(store.hasFired(r.id(), 7, "2027")).isFalse();
        assertThat(store.hasFired(other.id(), 7, "2027")).isTrue();
    }

    @Test
    void concurrentRecordsOfOneOccurrenceHaveOneWinner() throws Exception {
        AutomationRule r = store.save(rule("A", AutomationTrigger.RENEWAL_DUE, 7, true));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 5; round++) {
                String key = "2027-03-0" + (round + 1);
                List<Callable<Boolean>> calls = new ArrayList<>();
                for (int i = 0; i < 8; i++) {
                    calls.add(() -> store.recordIfAbsent(r.id(), 11, key, T0));
                }
                int winners = 0;
                for (Future<Boolean> f : pool.invokeAll(calls)) {
                    winners += f.get() ? 1 : 0;
                }
                assertThat(winners).as("winners for %s", key).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
