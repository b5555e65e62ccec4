package io.leadreach.lead;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Which leads a campaign targets. Every non-empty part must match (AND); within a set, any value
 * matches (OR). An empty criteria object targets every lead. Statuses, sources and priorities
 * compare ignoring case.
 *
 * @param statuses    CRM statuses to include
 * @param sources     lead sources to include
 * @param priorities  priorities to include
 * @param createdFrom earliest creation time, inclusive (null: no lower bound)
 * @param createdTo   latest creation time, exclusive (null: no upper bound)
 * @param leadIds     explicit lead ids, as from an uploaded CSV
 * @param attributes  custom attributes that must equal the given values
 */
public record TargetCriteria(Set<String> statuses, Set<String> sources, Set<String> priorities,
                             Instant createdFrom, Instant createdTo, Set<Long> leadIds,
                             Map<String, String> attributes) {

    private static final TargetCriteria ALL = new TargetCriteria(Set.of(), Set.of(), Set.of(), null, null,
            Set.of(), Map.of());

    public TargetCriteria {
        statuses = lower(statuses);
        sources = lower(sources);
        priorities = lower(priorities);
        leadIds = leadIds == null ? Set.of() : Set.copyOf(leadIds);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
            throw new IllegalArgumentException("createdFrom must be before createdTo");
        }
    }

    /** Every lead. */
    public static TargetCriteria all() {
        return ALL;
    }

    /** Exactly these leads. */
    public static TargetCriteria ofLeadIds(Collection<Long> ids) {
        return builder().leadIds(ids).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Whether the lead matches; what an in-memory directory uses, and the reference for query translations. */
    public boolean matches(Lead lead) {
        return (leadIds.isEmpty() || leadIds.contains(lead.id()))
                && in(statuses, lead.status())
                && in(sources, lead.source())
                && in(priorities, lead.priority())
                && (createdFrom == null || (lead.createdAt() != null && !lead.createdAt().isBefore(createdFrom)))
                && (createdTo == null || (lead.createdAt() != null && lead.createdAt().isBefore(createdTo)))
                && attributes.entrySet().stream()
                        .allMatch(e -> e.getValue().equals(lead.attributes().get(e.getKey())));
    }

    private static boolean in(Set<String> allowed, String value) {
        return allowed.isEmpty() || (value != null && allowed.contains(value.toLowerCase(java.util.Locale.ROOT)));
    }

    private static Set<String> lower(Set<String> values) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        Set<String> out = new LinkedHashSet<>();
        for (String v : values) {
            out.add(v.toLowerCase(java.util.Locale.ROOT));
        }
        return Set.copyOf(out);
    }

    /** Builds {@link TargetCriteria}. */
    public static final class Builder {
        private final Set<String> statuses = new LinkedHashSet<>();
        private final Set<String> sources = new LinkedHashSet<>();
        private final Set<String> priorities = new LinkedHashSet<>();
        private final Set<Long> leadIds = new LinkedHashSet<>();
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private Instant createdFrom;
        private Instant createdTo;

        public Builder statuses(String... v) { statuses.addAll(Set.of(v)); return this; }
        public Builder sources(String... v) { sources.addAll(Set.of(v)); return this; }
        public Builder priorities(String... v) { priorities.addAll(Set.of(v)); return this; }
        public Builder createdFrom(Instant v) { createdFrom = v; return this; }
        public Builder createdTo(Instant v) { createdTo = v; return this; }
        public Builder leadIds(Collection<Long> v) { leadIds.addAll(v); return this; }
        public Builder attribute(String name, String value) { attributes.put(name, value); return this; }

        public TargetCriteria build() {
            return new TargetCriteria(statuses, sources, priorities, createdFrom, createdTo, leadIds, attributes);
        }
    }
}
