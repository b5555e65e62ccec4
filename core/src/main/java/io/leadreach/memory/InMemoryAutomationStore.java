package io.leadreach.memory;

import io.leadreach.automation.AutomationRule;
import io.leadreach.automation.AutomationStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** An {@link AutomationStore} in memory. */
public final class InMemoryAutomationStore implements AutomationStore {

    private record Occurrence(long ruleId, long leadId, String key) {
    }

    private final AtomicLong ids = new AtomicLong();
    private final ConcurrentSkipListMap<Long, AutomationRule> rules = new ConcurrentSkipListMap<>();
    private final Set<Occurrence> fired = ConcurrentHashMap.newKeySet();

    @Override
    public AutomationRule save(AutomationRule rule) {
        if (rule.id() == 0) {
            AutomationRule stored = rule.withId(ids.incrementAndGet());
            rules.put(stored.id(), stored);
            return stored;
        }
        if (rules.replace(rule.id(), rule) == null) {
            throw new java.util.NoSuchElementException("no automation rule with id " + rule.id());
        }
        return rule;
    }

    @Override
    public Optional<AutomationRule> find(long id) {
        return Optional.ofNullable(rules.get(id));
    }

    @Override
    public List<AutomationRule> list(boolean activeOnly) {
        List<AutomationRule> out = new ArrayList<>();
        for (AutomationRule r : rules.values()) {
            if (!activeOnly || r.active()) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public boolean delete(long id) {
        boolean removed = rules.remove(id) != null;
        fired.removeIf(o -> o.ruleId() == id);
        return removed;
    }

    @Override
    public boolean recordIfAbsent(long ruleId, long leadId, String occurrenceKey, Instant firedAt) {
        return fired.add(new Occurrence(ruleId, leadId, Objects.requireNonNull(occurrenceKey, "occurrenceKey")));
    }

    @Override
    public boolean hasFired(long ruleId, long leadId, String occurrenceKey) {
        return fired.contains(new Occurrence(ruleId, leadId, occurrenceKey));
    }
}
