package io.leadreach.tracking;

import java.util.List;
import java.util.Objects;

/**
 * The log of leads' replies: every inbound message matched to one lead, as the
 * {@link Tracking} hands it to the {@link LeadActivitySink}, kept so that consoles can list
 * them (all replies, or a lead's timeline).
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #record} assigns ascending ids and is idempotent by the inbound message's provider
 *       id: recording a reply whose provider id is already recorded changes nothing and returns
 *       the reply as first recorded.</li>
 *   <li>{@link #page} and {@link #pageByLead} are keyset pages that never load the whole log.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 * The contract suite {@code ReplyStoreContract} in core's test-jar checks this.
 */
public interface ReplyStore {

    /**
     * A reply with the id the store gave it.
     *
     * @param id    the store's id
     * @param reply the reply
     */
    record RecordedReply(long id, LeadReply reply) {
        public RecordedReply {
            Objects.requireNonNull(reply, "reply");
        }
    }

    /** Records a reply (once per provider message id) and returns it with its id. */
    RecordedReply record(LeadReply reply);

    /** Replies with ids above {@code afterId}, ascending, at most {@code limit}. */
    List<RecordedReply> page(long afterId, int limit);

    /** One lead's replies with ids below {@code beforeId}, newest (highest id) first, at most {@code limit}. */
    List<RecordedReply> pageByLead(long leadId, long beforeId, int limit);
}
