package io.leadreach.message;

/**
 * A message's status, with a monotonic order PENDING &lt; QUEUED &lt; SENT &lt; DELIVERED &lt; READ;
 * FAILED is terminal. A status only ever moves forward: a late or out-of-order report never moves
 * it back ({@link #canAdvanceTo}).
 */
public enum MessageStatus {
    PENDING(0), QUEUED(1), SENT(2), DELIVERED(3), READ(4), FAILED(5);

    private final int rank;

    MessageStatus(int rank) {
        this.rank = rank;
    }

    /**
     * Whether a message in this status may move to {@code next}. Forward moves along the order are
     * allowed; FAILED is reachable from anything but READ and FAILED (a message can fail after it
     * was sent, but not after it was read), and nothing leaves FAILED.
     */
    public boolean canAdvanceTo(MessageStatus next) {
        if (this == FAILED) {
            return false;
        }
        if (next == FAILED) {
            return this != READ;
        }
        return next.rank > rank;
    }

    /** Whether the message left the library and the provider took it. */
    public boolean isSent() {
        return this == SENT || this == DELIVERED || this == READ;
    }

    /** The later of two statuses by the monotonic order, so applying reports in any order ends the same. */
    public MessageStatus max(MessageStatus other) {
        return canAdvanceTo(other) ? other : this;
    }
}
