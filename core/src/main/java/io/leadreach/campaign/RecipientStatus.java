package io.leadreach.campaign;

/**
 * Where one recipient of a campaign stands.
 *
 * <ul>
 *   <li>Open: PENDING (waiting, possibly until {@code nextAttemptAt}), CLAIMED (a runner holds it
 *       under a lease, nothing sent yet), SENDING (the send is under way).</li>
 *   <li>Held: IN_DOUBT (a send whose outcome is unknown; never resent, settled by a status event
 *       carrying its correlation id).</li>
 *   <li>Terminal: SENT, DELIVERED, READ (forward only), FAILED, SKIPPED (with a reason), CANCELLED.</li>
 * </ul>
 */
public enum RecipientStatus {
    PENDING, CLAIMED, SENDING, IN_DOUBT, SENT, DELIVERED, READ, FAILED, SKIPPED, CANCELLED;

    /** Whether the recipient still has work to do. */
    public boolean isOpen() {
        return this == PENDING || this == CLAIMED || this == SENDING;
    }

    /** Whether the provider took a message for this recipient. */
    public boolean isSent() {
        return this == SENT || this == DELIVERED || this == READ;
    }

    /** Whether nothing more will happen to this recipient (besides delivery and read reports). */
    public boolean isTerminal() {
        return isSent() || this == FAILED || this == SKIPPED || this == CANCELLED;
    }
}
