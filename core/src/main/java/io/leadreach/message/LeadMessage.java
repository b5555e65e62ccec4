package io.leadreach.message;

import io.soabase.recordbuilder.core.RecordBuilder;
import io.leadreach.attachment.StoredAttachment;
import java.time.Instant;

/**
 * One WhatsApp message to a lead, as the message log records it: single sends, bulk sends and
 * campaign sends alike.
 *
 * @param id                the store's id (0 before it is saved)
 * @param leadId            the lead it went to
 * @param mobile            the E.164 number it went to
 * @param body              the text sent (rendered), or the caption of an attachment
 * @param attachment        the attachment, if any
 * @param status            its status
 * @param sentBy            the actor who sent it ({@code system} for automation and scheduled campaigns)
 * @param campaignId        the campaign it belongs to, or null for a single send
 * @param correlationId     the library's id echoed by status events
 * @param providerMessageId the provider's id (the Cloud API's wamid) once accepted
 * @param errorCode         the provider's or library's error code when it failed
 * @param errorMessage      its explanation
 * @param rawResponse       the provider's raw answer, for diagnosis
 * @param attempts          how many sends were attempted
 * @param createdAt         when it was recorded
 * @param sentAt            when the provider accepted it
 * @param deliveredAt       when it was delivered
 * @param readAt            when it was read
 * @param failedAt          when it failed
 * @param senderNumber      the id of the business number it was sent from, or null when not known
 *                          (messages logged before numbers were kept)
 */
@RecordBuilder
@RecordBuilder.Options(addClassRetainedGenerated = false, enableWither = false)
public record LeadMessage(long id, long leadId, String mobile, String body, StoredAttachment attachment,
                          MessageStatus status, String sentBy, Long campaignId, String correlationId,
                          String providerMessageId, String errorCode, String errorMessage, String rawResponse,
                          int attempts, Instant createdAt, Instant sentAt, Instant deliveredAt, Instant readAt,
                          Instant failedAt, String senderNumber) {

    /** This message with the store's id. */
    public LeadMessage withId(long newId) {
        return toBuilder().id(newId).build();
    }

    /** This message with another provider id (null for none). */
    public LeadMessage withProviderMessageId(String newProviderMessageId) {
        return toBuilder().providerMessageId(newProviderMessageId).build();
    }

    /**
     * This message moved to {@code next} at {@code at}, if the monotonic order allows it; else this
     * message unchanged. The time of each reached status is kept (a READ report that skipped
     * DELIVERED does not invent a delivery time).
     */
    public LeadMessage advance(MessageStatus next, Instant at, String newErrorCode, String newErrorMessage) {
        if (!status.canAdvanceTo(next)) {
            return this;
        }
        LeadMessageBuilder b = toBuilder().status(next);
        if (next == MessageStatus.FAILED) {
            b.errorCode(newErrorCode).errorMessage(newErrorMessage).failedAt(at);
        }
        if (next == MessageStatus.SENT && sentAt == null) {
            b.sentAt(at);
        }
        if (next == MessageStatus.DELIVERED) {
            b.deliveredAt(at);
        }
        if (next == MessageStatus.READ) {
            b.readAt(at);
        }
        return b.build();
    }

    /**
     * A builder for a new message: id 0, every other component unset until given; a component not set keeps its default ({@code null}, 0 or false).
     * Generated (LeadMessageBuilder, RecordBuilder), so that no call site lists the components in order.
     */
    public static LeadMessageBuilder builder() {
        return LeadMessageBuilder.builder();
    }

    /** A builder holding this message's components, to change some of them. */
    public LeadMessageBuilder toBuilder() {
        return LeadMessageBuilder.builder(this);
    }
}
