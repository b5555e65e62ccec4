package io.leadreach.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * A message a lead sent to the business. It opens (or renews) the 24-hour service window.
 *
 * @param from               the sender's number in E.164 form
 * @param providerMessageId  the provider's id of the inbound message
 * @param text               its text (the body, a button's text, or a caption; may be null)
 * @param buttonPayload      the payload of a quick-reply button the lead tapped (may be null)
 * @param contextMessageId   the provider id of the message this one replies to (may be null)
 * @param messageType        the provider's message type ({@code text}, {@code button}, {@code image}, ...)
 * @param profileName        the sender's profile name, if given (may be null)
 * @param timestamp          when it was sent
 */
public record InboundReply(String from, String providerMessageId, String text, String buttonPayload,
                           String contextMessageId, String messageType, String profileName,
                           Instant timestamp) implements TrackingEvent {

    public InboundReply {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
