package io.leadreach.lead;

import java.time.Instant;
import java.time.LocalDate;
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
 * @param leadIds     explicit lead ids, as from an uploaded CSV, in the order given
 * @param attributes  custom attributes that must equal the given values
 * @param lastContactBefore     the lead's last contact must be before this time (null: no bound)
 * @param includeNeverContacted with {@code lastContactBefore}: whether a lead never contacted matches too
 * @param birthdayOn            the lead's birthday must be today in its own zone (null: any)
 * @param anniversaryOn         the lead's anniversary must be today in its own zone (null: any)
 * @param renewalFrom           earliest renewal date, inclusive (null: no lower bound)
 * @param renewalTo             latest renewal date, inclusive (null: no upper bound)
 */
public record TargetCriteria(Set<String> statuses, Set<String> sources, Set<String> priorities,
                             Instant createdFrom, Instant createdTo, Set<Long> leadIds,
                             Map<String, String> attributes, Instant lastContactBefore,
                             boolean includeNeverContacted, LocalDayMatch birthdayOn, LocalDayMatch anniversaryOn,
                             LocalDate renewalFrom, LocalDate renewalTo) {

    private static final TargetCriteria ALL = new TargetCriteria(Set.of(), Set.of(), Set.of(), null, null,
            Set.of(), Map.of());

    public TargetCriteria {
        statuses = lower(statuses);
        sources = lower(sources);
        priorities = lower(priorities);
        // In the order given (a bulk send's or a CSV's), without repeats.
        leadIds = leadIds == null ? Set.of() : java.util.Collections.unmodifiableSet(
                new java.util.LinkedHashSet<>(java.util.List.copyOf(leadIds)));
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        if (createdFrom != null && createdTo != null && !createdFrom.isBefore(createdTo)) {
            throw new IllegalArgumentException("createdFrom must be before createdTo");
        }
        if (renewalFrom != null && renewalTo != null && renewalFrom.isAfter(renewalTo)) {
            throw new IllegalArgumentException("renewalFrom must not be after renewalTo");
        }
    }

    /** Criteria without the date parts added for automation triggers. */
    public TargetCriteria(Set<String> statuses, Set<String> sources, Set<String> priorities, Instant createdFrom,
                          Instant createdTo, Set<Long> leadIds, Map<String, String> attributes) {
        this(statuses, sources, priorities, createdFrom, createdTo, leadIds, attributes, null, false, null, null,
                null, null);
    }

    /** Whether these criteria are explicit lead ids and nothing else, so the ids alone are the targets. */
    public boolean isLeadIdsOnly() {
        return !leadIds.isEmpty() && statuses.isEmpty() && sources.isEmpty() && priorities.isEmpty()
                && createdFrom == null && createdTo == null && attributes.isEmpty() && lastContactBefore == null
                && birthdayOn == null && anniversaryOn == null && renewalFrom == null && renewalTo == null;
    }

    /**
     * Whether some part ({@link #birthdayOn}, {@link #anniversaryOn}) depends on each lead's time
     * zone, which a database query can only narrow to candidates: a directory checks those
     * candidates with {@link #matches} before it returns or counts them.
     */
    public boolean needsZoneCheck() {
        return birthdayOn != null || anniversaryOn != null;
    }

    /** These criteria with exactly these explicit lead ids instead of the current ones. */
    public TargetCriteria withLeadIds(Collection<Long> ids) {
        return new TargetCriteria(statuses, sources, priorities, createdFrom, createdTo, Set.copyOf(ids), attributes,
                lastContactBefore, includeNeverContacted, birthdayOn, anniversaryOn, renewalFrom, renewalTo);
    }

    /**
     * Whether the lead passes the zone-dependent parts alone ({@link #birthdayOn}, {@link #anniversaryOn}):
     * the exact check a database-backed directory runs on the candidates its query found.
     */
    public boolean matchesLocalDays(Lead lead) {
        return (birthdayOn == null || birthdayOn.matches(lead.birthday(), lead.timeZone()))
                && (anniversaryOn == null || anniversaryOn.matches(lead.anniversary(), lead.timeZone()));
    }

    /** A builder that starts from these criteria. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.statuses.addAll(statuses);
        b.sources.addAll(sources);
        b.priorities.addAll(priorities);
        b.leadIds.addAll(leadIds);
        b.attributes.putAll(attributes);
        b.createdFrom = createdFrom;
        b.createdTo = createdTo;
        b.lastContactBefore = lastContactBefore;
        b.includeNeverContacted = includeNeverContacted;
        b.birthdayOn = birthdayOn;
        b.anniversaryOn = anniversaryOn;
        b.renewalFrom = renewalFrom;
        b.renewalTo = renewalTo;
        return b;
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
                        .allMatch(e -> e.getValue().equals(lead.attributes().get(e.getKey())))
                && (lastContactBefore == null || (lead.lastContactAt() == null ? includeNeverContacted
                        : lead.lastContactAt().isBefore(lastContactBefore)))
                && matchesLocalDays(lead)
                && (renewalFrom == null || (lead.renewalDate() != null && !lead.renewalDate().isBefore(renewalFrom)))
                && (renewalTo == null || (lead.renewalDate() != null && !lead.renewalDate().isAfter(renewalTo)));
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
        private Instant lastContactBefore;
        private boolean includeNeverContacted;
        private LocalDayMatch birthdayOn;
        private LocalDayMatch anniversaryOn;
        private LocalDate renewalFrom;
        private LocalDate renewalTo;

        public Builder statuses(String... v) { statuses.addAll(Set.of(v)); return this; }
        public Builder sources(String... v) { sources.addAll(Set.of(v)); return this; }
        public Builder priorities(String... v) { priorities.addAll(Set.of(v)); return this; }
        public Builder createdFrom(Instant v) { createdFrom = v; return this; }
        public Builder createdTo(Instant v) { createdTo = v; return this; }
        public Builder leadIds(Collection<Long> v) { leadIds.addAll(v); return this; }
        public Builder attribute(String name, String value) { attributes.put(name, value); return this; }
        /** Leads last contacted before {@code v}; with {@code orNever}, also leads never contacted. */
        public Builder lastContactBefore(Instant v, boolean orNever) {
            lastContactBefore = v;
            includeNeverContacted = orNever;
            return this;
        }
        /** Leads whose birthday is today in their own zone at {@code at}. */
        public Builder birthdayOn(Instant at, java.time.ZoneId defaultZone) { birthdayOn = new LocalDayMatch(at, defaultZone); return this; }
        /** Leads whose anniversary is today in their own zone at {@code at}. */
        public Builder anniversaryOn(Instant at, java.time.ZoneId defaultZone) { anniversaryOn = new LocalDayMatch(at, defaultZone); return this; }
        /** Leads whose renewal date lies in {@code [from, to]} (either may be null). */
        public Builder renewalBetween(LocalDate from, LocalDate to) { renewalFrom = from; renewalTo = to; return this; }

        public TargetCriteria build() {
            return new TargetCriteria(statuses, sources, priorities, createdFrom, createdTo, leadIds, attributes,
                    lastContactBefore, includeNeverContacted, birthdayOn, anniversaryOn, renewalFrom, renewalTo);
        }
    }
}
