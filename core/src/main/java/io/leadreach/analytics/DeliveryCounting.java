package io.leadreach.analytics;

import io.leadreach.campaign.RecipientStatus;
import io.leadreach.message.MessageStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The one definition of what counts as sent, delivered and read, shared by the analytics
 * ({@link MessageTotals}, every {@link AnalyticsStore}) and the campaign statistics
 * ({@link io.leadreach.CampaignStatistics}), so that the two never disagree:
 *
 * <ul>
 *   <li><b>sent</b> (the rates' base): the sends the provider accepted, including those that
 *       failed afterwards (a {@code failed} status after {@code sent} or {@code delivered});</li>
 *   <li><b>delivered</b>: the status now is DELIVERED or READ. A message that failed after a
 *       delivered report is failed, not delivered (a delivery time alone does not count);</li>
 *   <li><b>read</b>: the status now is READ;</li>
 *   <li><b>failed</b>: accepted, then FAILED.</li>
 * </ul>
 * A rate is its part ÷ sent, 0 when nothing was sent.
 */
public final class DeliveryCounting {

    /** The message statuses that count as delivered. */
    public static final Set<MessageStatus> DELIVERED = Collections.unmodifiableSet(
            EnumSet.of(MessageStatus.DELIVERED, MessageStatus.READ));
    /** The message statuses that count as read. */
    public static final Set<MessageStatus> READ = Collections.unmodifiableSet(EnumSet.of(MessageStatus.READ));
    /** The recipient statuses that count as delivered, as {@link #DELIVERED} for messages. */
    public static final Set<RecipientStatus> DELIVERED_RECIPIENTS = Collections.unmodifiableSet(
            EnumSet.of(RecipientStatus.DELIVERED, RecipientStatus.READ));

    private DeliveryCounting() {
    }

    /** Whether a message in this status counts as delivered. */
    public static boolean isDelivered(MessageStatus status) {
        return DELIVERED.contains(status);
    }

    /** Whether a message in this status counts as read. */
    public static boolean isRead(MessageStatus status) {
        return READ.contains(status);
    }

    /** {@code part ÷ sent}, 0 when nothing was sent. */
    public static double rate(long part, long sent) {
        return sent == 0 ? 0.0 : (double) part / sent;
    }

    /** The statuses as an SQL list of string literals, such as {@code 'DELIVERED', 'READ'}, for stores that query. */
    public static String sqlList(Set<MessageStatus> statuses) {
        return statuses.stream().sorted().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
    }
}
