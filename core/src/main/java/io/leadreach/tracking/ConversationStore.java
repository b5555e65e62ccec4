package io.leadreach.tracking;

import java.time.Instant;
import java.util.Optional;

/**
 * When each number last wrote to the business: the start of WhatsApp's 24-hour service window.
 * Keyed by E.164 number, like consent, since the window belongs to the number, not to a CRM lead.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #recordInbound} keeps the latest time per number: an older inbound message replayed
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
     * Records an inbound message from this number. Returns true when the id was new (the message
     * is to be handled), false for a repeat.
     */
    boolean recordInbound(String e164, String inboundMessageId, Instant at);

    /** When this number last wrote to the business, if ever. */
    Optional<Instant> lastInboundAt(String e164);
}
