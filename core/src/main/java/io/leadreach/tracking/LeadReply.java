package io.leadreach.tracking;

import java.time.Instant;
import java.util.Objects;

/**
 * An inbound message matched to one lead, as handed to the host through {@link LeadActivitySink}.
 *
 * @param leadId            the lead who wrote
 * @param mobile            the number they wrote from, in E.164 form
 * @param text              the message's text (body, button text or caption; may be null)
 * @param buttonPayload     the quick-reply payload tapped, if any
 * @param providerMessageId the provider's id of the inbound message
 * @param messageId         the id of our message it answers (by reply context, else the latest
 *                          message to that number within the attribution window), or null
 * @param campaignId        the campaign of that message, or null
 * @param consent           what the reply did to consent: {@code OPTED_OUT}, {@code OPTED_IN} or {@code NONE}
 * @param receivedAt        when the lead sent it
 */
public record LeadReply(long leadId, String mobile, String text, String buttonPayload, String providerMessageId,
                        Long messageId, Long campaignId, ConsentEffect consent, Instant receivedAt) {

    /** What a reply did to the number's consent. */
    public enum ConsentEffect {
        NONE, OPTED_OUT, OPTED_IN
    }

    public LeadReply {
        Objects.requireNonNull(mobile, "mobile");
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(consent, "consent");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
