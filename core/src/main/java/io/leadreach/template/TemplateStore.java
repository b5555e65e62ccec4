package io.leadreach.template;

import java.util.List;
import java.util.Optional;

/**
 * Where library templates are kept.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #save} inserts a template whose id is 0 (assigning an id) and replaces one whose id
 *       exists; names are unique, and saving a second template under a taken name throws
 *       {@link IllegalStateException} without storing it.</li>
 *   <li>{@link #incrementUsage} is atomic.</li>
 * </ul>
 */
public interface TemplateStore {

    MessageTemplate save(MessageTemplate template);

    Optional<MessageTemplate> findById(long id);

    Optional<MessageTemplate> findByName(String name);

    /** All templates, or only the active ones, ordered by name. */
    List<MessageTemplate> findAll(boolean activeOnly);

    /** Deletes the template; false when it did not exist. */
    boolean delete(long id);

    /** Adds {@code count} to the template's usage count. */
    void incrementUsage(long id, long count);
}
