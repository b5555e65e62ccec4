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
 * @param businessNumberId  the id of the business number it was written to: a registered sender
 *                          number (one the webhook named but the engine does not send from counts
 *                          as the default number), or null when it is not known (a reply recorded
 *                          before numbers were kept)
 */
public record LeadReply(long leadId, String mobile, String text, String buttonPayload, String providerMessageId,
                        Long messageId, Long campaignId, ConsentEffect consent, Instant receivedAt,
                        String businessNumberId) {

    /** A reply to a business number that is not known. */
    public LeadReply(long leadId, String mobile, String text, String buttonPayload, String providerMessageId,
                     Long messageId, Long campaignId, ConsentEffect consent, Instant receivedAt) {
        this(leadId, mobile, text, buttonPayload, providerMessageId, messageId, campaignId, consent, receivedAt, null);
    }

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
