package io.leadreach.memory;

import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.TargetCriteria;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.UnaryOperator;

/**
 * A {@link LeadDirectory} over leads held in memory, for tests, demos and hosts whose leads are
 * few. Leads can be added and changed at any time.
 */
public final class InMemoryLeadDirectory implements LeadDirectory {

    private final ConcurrentNavigableMap<Long, Lead> leads = new ConcurrentSkipListMap<>();
    private final UnaryOperator<String> mobileNormaliser;

    /** A directory that matches inbound numbers against leads' mobiles exactly as stored. */
    public InMemoryLeadDirectory() {
        this(UnaryOperator.identity());
    }

    /**
     * A directory that normalises each lead's stored mobile with {@code mobileNormaliser} before
     * matching inbound numbers (the normaliser returns null for numbers it cannot read).
     */
    public InMemoryLeadDirectory(UnaryOperator<String> mobileNormaliser) {
        this.mobileNormaliser = Objects.requireNonNull(mobileNormaliser, "mobileNormaliser");
    }

    /** Adds or replaces leads. */
    public InMemoryLeadDirectory put(Lead... toAdd) {
        for (Lead lead : toAdd) {
            leads.put(lead.id(), lead);
        }
        return this;
    }

    /** Adds or replaces leads. */
    public InMemoryLeadDirectory putAll(Collection<Lead> toAdd) {
        toAdd.forEach(this::put);
        return this;
    }

    /** Removes a lead, as when the CRM deletes it. */
    public void remove(long id) {
        leads.remove(id);
    }

    /** How many leads are held. */
    public int size() {
        return leads.size();
    }

    @Override
    public Optional<Lead> findById(long id) {
        return Optional.ofNullable(leads.get(id));
    }

    @Override
    public List<Lead> findByIds(Collection<Long> ids) {
        List<Lead> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            Lead lead = leads.get(id);
            if (lead != null) {
                out.add(lead);
            }
        }
        return out;
    }

    @Override
    public long count(TargetCriteria criteria) {
        return leads.values().stream().filter(criteria::matches).count();
    }

    @Override
    public List<Lead> page(TargetCriteria criteria, long afterId, int limit) {
        List<Lead> out = new ArrayList<>(Math.min(limit, 1024));
        for (Map.Entry<Long, Lead> e : leads.tailMap(afterId, false).entrySet()) {
            if (criteria.matches(e.getValue())) {
                out.add(e.getValue());
                if (out.size() >= limit) {
                    break;
                }
            }
        }
        return out;
    }

    @Override
    public List<Lead> findByMobile(String e164) {
        List<Lead> out = new ArrayList<>(1);
        for (Lead lead : leads.values()) {
            if (lead.mobile() != null && e164.equals(mobileNormaliser.apply(lead.mobile()))) {
                out.add(lead);
            }
        }
        return out;
    }
}
