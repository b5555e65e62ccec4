package io.leadreach.automation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where automation rules and their fired occurrences are kept.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #save} inserts a rule whose id is 0 (assigning an id) and replaces one whose id is
 *       known; it returns the stored rule. A rule whose id is not stored (deleted meanwhile) is
 *       refused with {@link java.util.NoSuchElementException} and not stored again.</li>
 *   <li>{@link #recordIfAbsent} is atomic across threads and nodes: of any number of concurrent
 *       calls with the same (rule, lead, occurrence key), exactly one returns true. This is what
 *       makes a rule fire at most once per lead per occurrence.</li>
 *   <li>{@link #delete} removes the rule and its fired occurrences.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 * The contract suite {@code AutomationStoreContract} in core's test-jar checks this.
 */
public interface AutomationStore {

    /** The longest occurrence key a store must keep. */
    int MAX_OCCURRENCE_KEY = 64;

    /**
     * Stores a new rule (id 0) or replaces an existing one.
     *
     * @throws java.util.NoSuchElementException when the rule has an id that is not stored (any more)
     */
    AutomationRule save(AutomationRule rule);

    /** The rule with this id, if any. */
    Optional<AutomationRule> find(long id);

    /** Every rule, or only the active ones, by ascending id. */
    List<AutomationRule> list(boolean activeOnly);

    /** Deletes the rule and its fired occurrences; false when there was none. */
    boolean delete(long id);

    /**
     * Records that the rule fired for the lead for this occurrence, unless it already did: true
     * when the record is new (the caller goes on to send), false when it existed.
     */
    boolean recordIfAbsent(long ruleId, long leadId, String occurrenceKey, Instant firedAt);

    /** Whether the rule already fired for the lead for this occurrence. */
    boolean hasFired(long ruleId, long leadId, String occurrenceKey);
}
