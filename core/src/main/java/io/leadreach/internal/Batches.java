package io.leadreach.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** The one-by-one defaults of the stores' batch calls. */
public final class Batches {

    private Batches() {
    }

    /** What {@code find} finds for each distinct key, by key; keys it finds nothing for are absent. */
    public static <V> Map<String, V> findEach(Collection<String> keys, Function<String, Optional<V>> find) {
        Map<String, V> found = new LinkedHashMap<>();
        for (String key : keys) {
            if (!found.containsKey(key)) {
                find.apply(key).ifPresent(v -> found.put(key, v));
            }
        }
        return found;
    }

    /** {@code apply}'s answer for each item, applied in list order. */
    public static <I> List<Boolean> applyEach(List<I> items, Predicate<I> apply) {
        List<Boolean> answers = new ArrayList<>(items.size());
        for (I item : items) {
            answers.add(apply.test(item));
        }
        return answers;
    }
}
