package io.leadreach.tracking;

import io.leadreach.security.Actor;
import java.util.List;

/**
 * Where status events, inbound messages and consent changes go ({@link io.leadreach.LeadReach#tracker()}):
 * a webhook endpoint hands what it parsed to {@link #apply(List)}. Applying an event twice, or out
 * of order, changes nothing more than applying it once in order; a bad event is counted, never thrown.
 */
public interface Tracking {

    /** What happened to one event. */
    public enum Outcome {
        /** It changed something. */
        APPLIED,
        /** It changed nothing: a repeat, or a report older than the status already reached. */
        DUPLICATE,
        /** It names a message or correlation id this library does not know. */
        UNKNOWN,
        /** It is older than {@link TrackingConfig#maxEventAge()}. */
        STALE,
        /** An inbound message from a number matching no lead. */
        UNMATCHED,
        /** An inbound message from a number shared by several leads. */
        AMBIGUOUS
    }

    /** Applies events in order, as one webhook delivery holds them; never throws for bad events. */
    void apply(List<? extends TrackingEvent> events);

    /** Applies one event and says what came of it. */
    Outcome apply(TrackingEvent event);

    /**
     * The counts so far, for a user who may see campaigns: needs
     * {@link io.leadreach.security.Permission#CAMPAIGN_VIEW}.
     */
    TrackingStatistics statistics(Actor actor);

    /** The counts so far. */
    TrackingStatistics statistics();

    /** The settings in use. */
    TrackingConfig config();
}
