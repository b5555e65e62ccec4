package io.leadreach.jpa.internal;

import io.leadreach.lead.TargetCriteria;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON text columns: a campaign's target criteria and a binding's parameter names, written
 * with Jackson. Sets are written sorted and maps by key, so equal values are written alike.
 */
public final class JsonText {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** The stored shape of {@link TargetCriteria}. */
    record Criteria(List<String> statuses, List<String> sources, List<String> priorities, Instant createdFrom,
                    Instant createdTo, List<Long> leadIds, Map<String, String> attributes) {
    }

    private JsonText() {
    }

    public static String writeCriteria(TargetCriteria c) {
        return MAPPER.writeValueAsString(new Criteria(sorted(c.statuses()), sorted(c.sources()),
                sorted(c.priorities()), c.createdFrom(), c.createdTo(), sorted(c.leadIds()),
                new TreeMap<>(c.attributes())));
    }

    public static TargetCriteria readCriteria(String json) {
        Criteria c = MAPPER.readValue(json, Criteria.class);
        return new TargetCriteria(set(c.statuses()), set(c.sources()), set(c.priorities()), c.createdFrom(),
                c.createdTo(), set(c.leadIds()), c.attributes());
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
