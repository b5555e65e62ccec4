package io.leadreach.tracking;

import java.time.Instant;
import java.util.Optional;

/**
 * When each number last wrote to each business number: the start of WhatsApp's 24-hour service
 * window. Keyed by the business number's id ({@link io.leadreach.sending.SenderNumber#id()}) and the
 * lead's E.164 number, since the window belongs to that pair, not to a CRM lead: a lead who wrote to
 * one of the business's numbers may get free-form messages from that number only.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #recordInbound} keeps the latest time per pair: an older inbound message replayed
 *       late never moves the time back.</li>
 *   <li>It is idempotent by the inbound message's provider id: recording the same id again returns
 *       false and changes nothing, so a webhook delivered twice is handed to the host once.
 *       Implementations remember ids for at least {@link #DEDUPLICATION_HORIZON} of inbound traffic
 *       (a bounded memory may forget the oldest beyond it).</li>
 *   <li>Implementations are thread-safe.</li>
 * </ul>
 * The contract suite {@code ConversationStoreContract} in core's test-jar checks this.
 */
public interface ConversationStore {

    /** How many of the latest inbound message ids a store remembers at least, to drop repeats. */
    int DEDUPLICATION_HORIZON = 100_000;

    /**
     * Records an inbound message from this number to this business number. Returns true when the
     * id was new (the message is to be handled), false for a repeat (whichever number it named).
     *
     * @param senderId the business number's id, not blank, at most
     *                 {@link io.leadreach.sending.SenderNumber#MAX_ID_LENGTH} characters
     */
    boolean recordInbound(String senderId, String e164, String inboundMessageId, Instant at);

    /** When this number last wrote to this business number, if ever. */
    Optional<Instant> lastInboundAt(String senderId, String e164);

    /** When this number last wrote to any of the business's numbers, if ever (did the lead reply at all). */
    Optional<Instant> lastInboundAt(String e164);
}
