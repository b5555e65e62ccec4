package io.leadreach.spring;

import io.leadreach.tracking.TrackingEvent;
import java.util.List;

/**
 * Receives the events of each verified WhatsApp webhook delivery, in the order the delivery held
 * them: status changes, inbound replies, consent changes and template status changes.
 *
 * <p>Called on the webhook request's thread after the signature was checked and the body parsed;
 * the endpoint answers Meta only when this returns, so keep it quick (apply the events, or hand
 * them to a queue). If it throws, the endpoint answers 500 and Meta delivers the batch again later,
 * so implementations must be idempotent: Meta delivers events more than once and out of order
 * anyway. The starter's default applies them with core's
 * {@link io.leadreach.tracking.Tracking} ({@code leadReach.tracker().apply(events)}), which
 * is idempotent; define a bean of this type to do something else (such as queue them first).
 */
@FunctionalInterface
public interface WebhookEventHandler {

    /** Handles the events of one webhook delivery (never empty). */
    void handle(List<TrackingEvent> events);
}
