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
 * @param businessNumberId   the id of the business number it was written to (the Cloud API's
 *                           {@code metadata.phone_number_id}), or null for the engine's default number
 */
public record InboundReply(String from, String providerMessageId, String text, String buttonPayload,
                           String contextMessageId, String messageType, String profileName,
                           Instant timestamp, String businessNumberId) implements TrackingEvent {

    /** A message written to the engine's default number. */
    public InboundReply(String from, String providerMessageId, String text, String buttonPayload,
                        String contextMessageId, String messageType, String profileName, Instant timestamp) {
        this(from, providerMessageId, text, buttonPayload, contextMessageId, messageType, profileName, timestamp,
                null);
    }

    public InboundReply {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
