package io.leadreach.jpa.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.leadreach.lead.LocalDayMatch;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text columns: a campaign's target criteria, a binding's parameter names and its
 * statuses per WABA, written
 * with Jackson. Sets are written sorted and maps by key, so equal values are written alike.
 */
public final class JsonText {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /**
     * The stored shape of {@link TargetCriteria}; the automation parts are left out while unset, so
     * criteria without them are written as before.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Criteria(List<String> statuses, List<String> sources, List<String> priorities, Instant createdFrom,
                    Instant createdTo, List<Long> leadIds, Map<String, String> attributes, Instant lastContactBefore,
                    Boolean includeNeverContacted, Instant birthdayAt, String birthdayZone, Instant anniversaryAt,
                    String anniversaryZone, LocalDate renewalFrom, LocalDate renewalTo) {
    }

    private JsonText() {
    }

    public static String writeCriteria(TargetCriteria c) {
        return MAPPER.writeValueAsString(new Criteria(sorted(c.statuses()), sorted(c.sources()),
                sorted(c.priorities()), c.createdFrom(), c.createdTo(), sorted(c.leadIds()),
                new TreeMap<>(c.attributes()), c.lastContactBefore(), c.includeNeverContacted() ? Boolean.TRUE : null,
                c.birthdayOn() == null ? null : c.birthdayOn().at(),
                c.birthdayOn() == null ? null : c.birthdayOn().defaultZone().getId(),
                c.anniversaryOn() == null ? null : c.anniversaryOn().at(),
                c.anniversaryOn() == null ? null : c.anniversaryOn().defaultZone().getId(),
                c.renewalFrom(), c.renewalTo()));
    }

    public static TargetCriteria readCriteria(String json) {
        Criteria c = MAPPER.readValue(json, Criteria.class);
        return new TargetCriteria(set(c.statuses()), set(c.sources()), set(c.priorities()), c.createdFrom(),
                c.createdTo(), c.leadIds() == null ? Set.of() : new java.util.LinkedHashSet<>(c.leadIds()), c.attributes(), c.lastContactBefore(),
                Boolean.TRUE.equals(c.includeNeverContacted()), day(c.birthdayAt(), c.birthdayZone()),
                day(c.anniversaryAt(), c.anniversaryZone()), c.renewalFrom(), c.renewalTo());
    }

    private static LocalDayMatch day(Instant at, String zone) {
        return at == null ? null : new LocalDayMatch(at, ZoneId.of(zone == null ? "UTC" : zone));
    }

    private static final TypeReference<TreeMap<String, StatusAt>> STATUSES = new TypeReference<>() {
    };

    /** The stored shape of a {@link WhatsAppTemplateBinding.ProviderStatus}. */
    record StatusAt(String status, Instant at) {
    }

    /** A binding's statuses per WABA as a JSON object by WABA id; null when there are none. */
    public static String writeWabaStatuses(Map<String, WhatsAppTemplateBinding.ProviderStatus> statuses) {
        if (statuses.isEmpty()) {
            return null;
        }
        TreeMap<String, StatusAt> out = new TreeMap<>();
        statuses.forEach((waba, s) -> out.put(waba, new StatusAt(s.status(), s.at())));
        return MAPPER.writeValueAsString(out);
    }

    public static Map<String, WhatsAppTemplateBinding.ProviderStatus> readWabaStatuses(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        TreeMap<String, WhatsAppTemplateBinding.ProviderStatus> out = new TreeMap<>();
        MAPPER.readValue(json, STATUSES).forEach((waba, s) -> out.put(waba,
                new WhatsAppTemplateBinding.ProviderStatus(s.status(), s.at())));
        return out;
    }

    public static String writeStrings(List<String> values) {
        return MAPPER.writeValueAsString(values);
    }

    public static List<String> readStrings(String json) {
        return List.copyOf(MAPPER.readValue(json, STRINGS));
    }

    private static <T extends Comparable<? super T>> List<T> sorted(Collection<T> values) {
        List<T> out = new ArrayList<>(values);
        out.sort(null);
        return out;
    }

    private static <T> Set<T> set(List<T> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }
}
