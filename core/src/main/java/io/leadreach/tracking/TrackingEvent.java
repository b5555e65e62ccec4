package io.leadreach.tracking;

import java.time.Instant;

/**
 * Something a provider reported after the fact, usually by webhook: a status change of a sent
 * message, an inbound message, a consent change, or a template status change. Providers deliver
 * these more than once and out of order; whoever applies them must be idempotent and monotonic.
 */
public sealed interface TrackingEvent
        permits DeliveryEvent, InboundReply, ConsentChange, TemplateStatusChange {

    /** When the provider says the event happened. */
    Instant timestamp();
}
