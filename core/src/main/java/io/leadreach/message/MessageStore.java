package io.leadreach.message;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message log.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #save} assigns an id to a message whose id is 0 and stores it; it returns the stored
 *       message. Correlation ids and provider message ids are unique: a message whose correlation
 *       or provider id another message holds is refused with {@link io.leadreach.DuplicateKeyException},
 *       and nothing is stored. Any other failure is another exception.</li>
 *   <li>{@link #advance} is atomic and monotonic: it moves the status forward only, following
 *       {@link MessageStatus#canAdvanceTo}, and reports whether anything changed. Applying the same
 *       report twice changes nothing the second time.</li>
 *   <li>{@link #resolve} sets the provider id of a message that has none, at most once.</li>
 *   <li>{@link #findByProviderMessageIds} and {@link #advanceAll} answer as the single-item calls
 *       would, one after the other in list order; a store that can does the work in one transaction.</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 */
public interface MessageStore {

    /** Stores a new message, assigning its id. */
    LeadMessage save(LeadMessage message);

    Optional<LeadMessage> findById(long id);

    Optional<LeadMessage> findByProviderMessageId(String providerMessageId);

    Optional<LeadMessage> findByCorrelationId(String correlationId);

    /** The lead's messages, newest first, at most {@code limit}. */
    List<LeadMessage> findByLead(long leadId, int limit);

    /**
     * Moves the message with this provider id forward to {@code status}; false when the message is
     * unknown or the move would not be forward.
     */
    boolean advance(String providerMessageId, MessageStatus status, Instant at, String errorCode,
                    String errorMessage);

    /**
     * Settles a message whose send outcome was unknown (a single send held QUEUED with error code
     * {@code UNKNOWN_OUTCOME}) from a status event that echoes its correlation id: records the
     * provider id, clears the unknown-outcome error (unless the status is FAILED) and moves the
     * status forward as {@link #advance} does. Applies only while the message has no provider id
     * yet; once it has one, later reports go through {@link #advance}. False when unknown or
     * nothing changed. Atomic.
     */
    boolean resolve(String correlationId, String providerMessageId, MessageStatus status, Instant at,
                    String errorCode, String errorMessage);

    /**
     * Takes this provider id away from the message that holds it, unless that message's
     * correlation id is {@code newOwnerCorrelationId}: the provider has issued the id again (a
     * restarted simulator, a provider that reuses ids), so the reports under it now belong to the
     * message it was issued for last. The old message keeps its status and history without a
     * provider id. Atomic; true when a message gave the id up. A store that cannot answers false
     * (the default): the engine then logs the new message without its provider id.
     */
    default boolean releaseProviderId(String providerMessageId, String newOwnerCorrelationId) {
        return false;
    }

    /**
     * One {@link #advance} call's arguments.
     *
     * @param providerMessageId the message's provider id
     * @param status            the status reported
     * @param at                when
     * @param errorCode         the error code of a FAILED report, else null
     * @param errorMessage      its message
     */
    record Advance(String providerMessageId, MessageStatus status, Instant at, String errorCode, String errorMessage) {
    }

    /**
     * The messages holding these provider ids, by provider id; ids no message holds are absent.
     * As {@link #findByProviderMessageId} for each (the default calls it for each); a store that
     * can reads them in one transaction.
     */
    default Map<String, LeadMessage> findByProviderMessageIds(Collection<String> providerMessageIds) {
        return io.leadreach.internal.Batches.findEach(providerMessageIds, this::findByProviderMessageId);
    }

    /**
     * Applies each move as {@link #advance} does, in list order (a repeat or a move that is not
     * forward by then changes nothing), and says for each whether it changed anything. The default
     * calls {@link #advance} for each; a store that can applies them in one transaction.
     */
    default List<Boolean> advanceAll(List<Advance> moves) {
        return io.leadreach.internal.Batches.applyEach(moves,
                a -> advance(a.providerMessageId(), a.status(), a.at(), a.errorCode(), a.errorMessage()));
    }

    /** How many messages were created in {@code [from, to)}. */
    long countCreatedBetween(Instant from, Instant to);

    /**
     * A lead's latest message that reached the provider, as {@link #latestSentBefore} finds it.
     *
     * @param leadId    the lead
     * @param mobile    the E.164 number it went to
     * @param messageId the message
     * @param createdAt when it was created (the "messaged at" of no-reply rules)
     */
    record LastMessage(long leadId, String mobile, long messageId, Instant createdAt) {
    }

    /**
     * The leads whose latest message that reached the provider (status {@link MessageStatus#isSent()
     * SENT or beyond}; messages sent by {@code excludeSentBy} are left out when it is not null) was
     * created before {@code before}, one row per lead: keyset pages by ascending lead id above
     * {@code afterLeadId}, at most {@code limit}. Whether the lead wrote in since is the
     * {@link io.leadreach.tracking.ConversationStore}'s to say (inbound belongs to the number).
     * Used by no-reply automation rules; a store that cannot answer throws
     * {@link UnsupportedOperationException} (the default).
     */
    default List<LastMessage> latestSentBefore(Instant before, String excludeSentBy, long afterLeadId, int limit) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot list leads awaiting a reply");
    }

    /**
     * Stores several new messages (each with id 0), as {@link #save} does one by one; a store that
     * can writes them in one statement or batch. Their ids are assigned but not returned. When one
     * clashes with a stored message (or another of them) on its correlation or provider id, it
     * throws {@link io.leadreach.DuplicateKeyException}; which of the messages were stored is then
     * unspecified (a store that writes them in one transaction stores none).
     */
    default void insertAll(List<LeadMessage> messages) {
        for (LeadMessage m : messages) {
            save(m);
        }
    }

    /**
     * A keyset page of the log, oldest first: messages passing {@code filter} with ids above
     * {@code afterId}, ascending by id, at most {@code limit}. A page shorter than {@code limit} is
     * the last. Implementations must not load the whole log to answer. A store that cannot answer
     * throws {@link UnsupportedOperationException} (the default).
     */
    default List<LeadMessage> page(MessageFilter filter, long afterId, int limit) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot page the message log");
    }

    /**
     * A keyset page of the log, newest first: messages passing {@code filter} with ids below
     * {@code beforeId} ({@link Long#MAX_VALUE} for the first page), descending by id, at most
     * {@code limit}. A store that cannot answer throws {@link UnsupportedOperationException} (the default).
     */
    default List<LeadMessage> pageBefore(MessageFilter filter, long beforeId, int limit) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot page the message log");
    }
}
