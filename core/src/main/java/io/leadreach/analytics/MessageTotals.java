package io.leadreach.analytics;

/**
 * Totals over the messages the provider accepted in a period, counted as {@link DeliveryCounting}
 * defines (the campaign statistics count the same way).
 *
 * @param sent      messages whose send was accepted (their {@code sentAt}) in the period
 * @param delivered of those, how many are DELIVERED or READ (one that failed after delivery is not)
 * @param read      of those, how many were read
 * @param replied   of those, how many got a reply (known for campaign messages only)
 * @param failed    of those, how many failed after acceptance
 */
public record MessageTotals(long sent, long delivered, long read, long replied, long failed) {

    /** No messages. */
    public static final MessageTotals ZERO = new MessageTotals(0, 0, 0, 0, 0);

    /** The sum of this and {@code other}. */
    public MessageTotals plus(MessageTotals other) {
        return new MessageTotals(sent + other.sent, delivered + other.delivered, read + other.read,
                replied + other.replied, failed + other.failed);
    }

    /** Delivered ÷ sent, 0 when nothing was sent. */
    public double deliveryRate() {
        return rate(delivered, sent);
    }

    /** Read ÷ sent, 0 when nothing was sent. */
    public double readRate() {
        return rate(read, sent);
    }

    /** Replied ÷ sent, 0 when nothing was sent. */
    public double replyRate() {
        return rate(replied, sent);
    }

    static double rate(long part, long whole) {
        return DeliveryCounting.rate(part, whole);
    }
}
