package io.leadreach.memory;

import io.leadreach.DuplicateKeyException;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/** A {@link TemplateStore} in memory. */
public final class InMemoryTemplateStore implements TemplateStore {

    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, MessageTemplate> byId = new ConcurrentHashMap<>();

    @Override
    public synchronized MessageTemplate save(MessageTemplate template) {
        Optional<MessageTemplate> sameName = findByName(template.name());
        if (sameName.isPresent() && sameName.get().id() != template.id()) {
            throw new DuplicateKeyException("template name", "a template named '" + template.name() + "' already exists", null);
        }
        MessageTemplate stored = template.id() == 0 ? template.withId(ids.incrementAndGet()) : template;
        byId.put(stored.id(), stored);
        return stored;
    }

    /** {@inheritDoc} Atomic against {@link #incrementUsage} and {@link #updateBindingStatus}. */
    @Override
    public synchronized boolean replace(MessageTemplate expected, MessageTemplate next) {
        if (expected.id() == 0 || next.id() != expected.id()) {
            throw new IllegalArgumentException("replace needs the stored template and its edit, with one id");
        }
        Optional<MessageTemplate> sameName = findByName(next.name());
        if (sameName.isPresent() && sameName.get().id() != next.id()) {
            throw new DuplicateKeyException("template name", "a template named '" + next.name() + "' already exists", null);
        }
        boolean[] replaced = new boolean[1];
        byId.computeIfPresent(next.id(), (k, t) -> {
            if (!TemplateStore.sameCountAndStatus(t, expected)) {
                return t;
            }
            replaced[0] = true;
            return next;
        });
        return replaced[0];
    }

    @Override
    public Optional<MessageTemplate> findById(long id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public Optional<MessageTemplate> findByName(String name) {
        return byId.values().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    @Override
    public List<MessageTemplate> findAll(boolean activeOnly) {
        return byId.values().stream()
                .filter(t -> !activeOnly || t.active())
                .sorted(Comparator.comparing(MessageTemplate::name))
                .collect(Collectors.toList());
    }

    @Override
    public synchronized boolean delete(long id) {
        return byId.remove(id) != null;
    }

    /** {@inheritDoc} The same as {@code updateBindingStatus(id, null, status, at)}. */
    @Override
    public boolean updateBindingStatus(long id, String status, java.time.Instant at) {
        return updateBindingStatus(id, null, status, at);
    }

    /** {@inheritDoc} Atomic: one compute on the template's entry. */
    @Override
    public boolean updateBindingStatus(long id, String wabaId, String status, java.time.Instant at) {
        boolean[] changed = new boolean[1];
        byId.computeIfPresent(id, (k, t) -> {
            if (t.binding() == null) {
                return t;
            }
            var next = t.binding().afterReport(wabaId, status, at);
            changed[0] = next.isPresent();
            return next.map(t::withBinding).orElse(t);
        });
        return changed[0];
    }

    @Override
    public void incrementUsage(long id, long count) {
        byId.computeIfPresent(id, (k, t) -> new MessageTemplate(t.id(), t.name(), t.category(), t.body(),
                t.attachment(), t.active(), t.usageCount() + count, t.createdBy(), t.createdAt(), t.binding()));
    }
}
