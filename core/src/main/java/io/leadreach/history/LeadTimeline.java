package io.leadreach.history;

import java.util.List;

/**
 * A page of a lead's WhatsApp timeline, newest first, with its consent.
 *
 * @param leadId     the lead
 * @param entries    messages and replies merged, newest first
 * @param nextCursor the {@code before} cursor of the next (older) page, or null when this page is the last
 * @param consent    the lead's consent now
 */
public record LeadTimeline(long leadId, List<TimelineEntry> entries, String nextCursor, ConsentState consent) {
    public LeadTimeline {
        entries = List.copyOf(entries);
    }
}
