package io.leadreach.message;

import java.time.Instant;
import java.util.List;
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
