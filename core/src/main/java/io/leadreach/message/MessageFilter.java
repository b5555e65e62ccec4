package io.leadreach.message;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which messages of the log a page lists: each criterion is left out when null (or empty), so
 * {@link #all()} lists every message.
 *
 * @param leadId     only the messages to this lead
 * @param campaignId only the messages of this campaign
 * @param statuses   only the messages in one of these statuses (all when empty)
 */
public record MessageFilter(Long leadId, Long campaignId, Set<MessageStatus> statuses) {

    public MessageFilter {
        statuses = statuses == null || statuses.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(statuses));
    }

    /** Every message. */
    public static MessageFilter all() {
        return new MessageFilter(null, null, Set.of());
    }

    /** The messages to one lead. */
    public static MessageFilter lead(long leadId) {
        return new MessageFilter(leadId, null, Set.of());
    }

    /** Whether the message passes this filter. */
    public boolean matches(LeadMessage m) {
        return (leadId == null || m.leadId() == leadId)
                && (campaignId == null || campaignId.equals(m.campaignId()))
                && (statuses.isEmpty() || statuses.contains(m.status()));
    }
}
