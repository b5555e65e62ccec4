package io.leadreach.lead;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The port through which LeadReach reads the host CRM's leads. The CRM owns its leads; the
 * library only reads them.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #page} is keyset paging: leads matching the criteria with an id greater than
 *       {@code afterId}, in ascending id order, at most {@code limit} of them. Callers stream a whole
 *       target by passing the last id of each page as the next {@code afterId}; a page shorter than
 *       {@code limit} is the last. Implementations must not load the whole target to answer.</li>
 *   <li>{@link #count} agrees with what paging yields at the same moment.</li>
 *   <li>{@link #findByIds} returns the leads that exist, in no particular order; unknown ids are
 *       simply absent.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 */
public interface LeadDirectory {

    /** The lead with this id, if it exists. */
    Optional<Lead> findById(long id);

    /** The leads among these ids that exist. */
    List<Lead> findByIds(Collection<Long> ids);

    /** How many leads match. */
    long count(TargetCriteria criteria);

    /** The next page of matching leads with ids above {@code afterId}, ascending by id. */
    List<Lead> page(TargetCriteria criteria, long afterId, int limit);

    /**
     * The leads whose mobile number, normalised to E.164, equals this one. Used to match inbound
     * replies to leads; a directory that cannot search by number returns an empty list.
     */
    default List<Lead> findByMobile(String e164) {
        return List.of();
    }
}
