package io.leadreach.template;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where library templates are kept.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #save} inserts a template whose id is 0 (assigning an id) and replaces one whose id
 *       exists; names are unique, and saving a second template under a taken name throws
 *       {@link io.leadreach.DuplicateKeyException} without storing it.</li>
 *   <li>{@link #incrementUsage} is atomic.</li>
 *   <li>{@link #updateBindingStatus} is atomic and changes nothing but the binding's status (the one
 *       reported without a WABA, or that one WABA's); a status reported later than the one it would
 *       replace stands.</li>
 *   <li>{@link #replace} is a compare-and-set: an edit read before a usage count or a provider
 *       status arrived never overwrites them.</li>
 * </ul>
 */
public interface TemplateStore {

    MessageTemplate save(MessageTemplate template);

    /**
     * Replaces the stored template with {@code next} (whose id is {@code expected}'s) only if what
     * changes behind an edit's back is still as {@code expected} read it: the usage count
     * ({@link #incrementUsage}) and the binding's provider statuses and their times, without a WABA
     * and per WABA ({@link #updateBindingStatus}). Returns false, storing nothing, when either changed or the
     * template is gone: read it again and re-apply the edit. Names are unique as for {@link #save}
     * ({@link io.leadreach.DuplicateKeyException}). The default compares and saves in two steps (not atomic);
     * stores override it with one atomic step (a row lock, a conditional update).
     */
    default boolean replace(MessageTemplate expected, MessageTemplate next) {
        if (expected.id() == 0 || next.id() != expected.id()) {
            throw new IllegalArgumentException("replace needs the stored template and its edit, with one id");
        }
        Optional<MessageTemplate> now = findById(expected.id());
        if (now.isEmpty() || !sameCountAndStatus(now.get(), expected)) {
            return false;
        }
        save(next);
        return true;
    }

    /**
     * Whether the two have the same usage count and binding provider statuses (and their times),
     * without a WABA and per WABA.
     */
    static boolean sameCountAndStatus(MessageTemplate a, MessageTemplate b) {
        WhatsAppTemplateBinding x = a.binding();
        WhatsAppTemplateBinding y = b.binding();
        return a.usageCount() == b.usageCount()
                && java.util.Objects.equals(x == null ? null : x.status(), y == null ? null : y.status())
                && java.util.Objects.equals(x == null ? null : x.statusAt(), y == null ? null : y.statusAt())
                && java.util.Objects.equals(x == null ? java.util.Map.of() : x.wabaStatuses(),
                        y == null ? java.util.Map.of() : y.wabaStatuses());
    }

    Optional<MessageTemplate> findById(long id);

    Optional<MessageTemplate> findByName(String name);

    /** All templates, or only the active ones, ordered by name. */
    List<MessageTemplate> findAll(boolean activeOnly);

    /** Deletes the template; false when it did not exist. */
    boolean delete(long id);

    /** Adds {@code count} to the template's usage count. */
    void incrementUsage(long id, long count);

    /**
     * Sets the provider status of the template's binding as reported without a WABA
     * ({@link WhatsAppTemplateBinding#status}), unless the template has no binding or its status is
     * the same or was reported later than {@code at}; true when it changed. The default reads and
     * saves the template (not atomic against a concurrent save); stores override it with one update.
     */
    default boolean updateBindingStatus(long id, String status, Instant at) {
        Optional<MessageTemplate> t = findById(id);
        if (t.isEmpty() || t.get().binding() == null) {
            return false;
        }
        Optional<WhatsAppTemplateBinding> next = t.get().binding().afterReport(null, status, at);
        next.ifPresent(b -> save(t.get().withBinding(b)));
        return next.isPresent();
    }

    /**
     * Sets the provider status of the template's binding as the WABA {@code wabaId} reported it
     * ({@link WhatsAppTemplateBinding#wabaStatuses}), or as reported without a WABA when it is null
     * ({@link WhatsAppTemplateBinding#status}), unless the template has no binding, or the status it
     * would replace is the same or was reported later than {@code at}
     * ({@link WhatsAppTemplateBinding#afterReport}); true when it changed. One WABA's report leaves
     * the other statuses as they are. The default hands a report without a WABA to
     * {@link #updateBindingStatus(long, String, Instant)} (so a store that overrides only that one
     * keeps its atomic update), and reads and saves the template for a WABA's (not atomic against a
     * concurrent save); stores override it with one atomic step.
     */
    default boolean updateBindingStatus(long id, String wabaId, String status, Instant at) {
        if (wabaId == null) {
            return updateBindingStatus(id, status, at);
        }
        Optional<MessageTemplate> t = findById(id);
        if (t.isEmpty() || t.get().binding() == null) {
            return false;
        }
        Optional<WhatsAppTemplateBinding> next = t.get().binding().afterReport(wabaId, status, at);
        next.ifPresent(b -> save(t.get().withBinding(b)));
        return next.isPresent();
    }
}
