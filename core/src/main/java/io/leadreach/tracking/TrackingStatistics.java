package io.leadreach.tracking;

/**
 * What a {@link Tracking} did with the events it was given, counted since it was built.
 * Every event lands in exactly one of {@code applied}, {@code duplicates}, {@code unknown},
 * {@code stale}, {@code unmatchedReplies} or {@code ambiguousReplies}, so the counts add up to
 * {@code received}.
 *
 * @param received          events given to the tracker
 * @param applied           events that changed something (a status, a settlement, consent, a reply handed over)
 * @param duplicates        events that changed nothing (repeats, and reports older than the status already reached)
 * @param unknown           status events for a message or correlation id this library does not know
 * @param stale             events older than {@link TrackingConfig#maxEventAge()}, ignored
 * @param unmatchedReplies  inbound messages from a number that matches no lead (window and consent still recorded)
 * @param ambiguousReplies  inbound messages from a number shared by several leads (window and consent still recorded)
 * @param settled           IN_DOUBT or SENDING recipients settled by a status event
 * @param optOuts           opt-outs recorded (keyword, button, consent event, error 131050)
 * @param optIns            opt-ins recorded (start keyword, resume consent event)
 */
public record TrackingStatistics(long received, long applied, long duplicates, long unknown, long stale,
                                 long unmatchedReplies, long ambiguousReplies, long settled, long optOuts,
                                 long optIns) {
}
