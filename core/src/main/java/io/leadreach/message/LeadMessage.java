package io.leadreach.message;

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
 */
public record LeadMessage(long id, long leadId, String mobile, String body, StoredAttachment attachment,
                          MessageStatus status, String sentBy, Long campaignId, String correlationId,
                          String providerMessageId, String errorCode, String errorMessage, String rawResponse,
                          int attempts, Instant createdAt, Instant sentAt, Instant deliveredAt, Instant readAt,
                          Instant failedAt) {

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
        Builder b = toBuilder().status(next);
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

    /** A builder for a new message: id 0, every other component unset until given. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this message's components, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.leadId = leadId;
        b.mobile = mobile;
        b.body = body;
        b.attachment = attachment;
        b.status = status;
        b.sentBy = sentBy;
        b.campaignId = campaignId;
        b.correlationId = correlationId;
        b.providerMessageId = providerMessageId;
        b.errorCode = errorCode;
        b.errorMessage = errorMessage;
        b.rawResponse = rawResponse;
        b.attempts = attempts;
        b.createdAt = createdAt;
        b.sentAt = sentAt;
        b.deliveredAt = deliveredAt;
        b.readAt = readAt;
        b.failedAt = failedAt;
        return b;
    }

    /**
     * Builds a {@link LeadMessage} by component name, so that no call site lists them all in order;
     * a component not set keeps its default ({@code null}, 0 or false).
     */
    public static final class Builder {

        private long id;
        private long leadId;
        private String mobile;
        private String body;
        private StoredAttachment attachment;
        private MessageStatus status;
        private String sentBy;
        private Long campaignId;
        private String correlationId;
        private String providerMessageId;
        private String errorCode;
        private String errorMessage;
        private String rawResponse;
        private int attempts;
        private Instant createdAt;
        private Instant sentAt;
        private Instant deliveredAt;
        private Instant readAt;
        private Instant failedAt;

        private Builder() {
        }

        public Builder id(long id) {
            this.id = id;
            return this;
        }

        public Builder leadId(long leadId) {
            this.leadId = leadId;
            return this;
        }

        public Builder mobile(String mobile) {
            this.mobile = mobile;
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public Builder attachment(StoredAttachment attachment) {
            this.attachment = attachment;
            return this;
        }

        public Builder status(MessageStatus status) {
            this.status = status;
            return this;
        }

        public Builder sentBy(String sentBy) {
            this.sentBy = sentBy;
            return this;
        }

        public Builder campaignId(Long campaignId) {
            this.campaignId = campaignId;
            return this;
        }

        public Builder correlationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder providerMessageId(String providerMessageId) {
            this.providerMessageId = providerMessageId;
            return this;
        }

        public Builder errorCode(String errorCode) {
            this.errorCode = errorCode;
            return this;
        }

        public Builder errorMessage(String errorMessage) {
            this.errorMessage = errorMessage;
            return this;
        }

        public Builder rawResponse(String rawResponse) {
            this.rawResponse = rawResponse;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder sentAt(Instant sentAt) {
            this.sentAt = sentAt;
            return this;
        }

        public Builder deliveredAt(Instant deliveredAt) {
            this.deliveredAt = deliveredAt;
            return this;
        }

        public Builder readAt(Instant readAt) {
            this.readAt = readAt;
            return this;
        }

        public Builder failedAt(Instant failedAt) {
            this.failedAt = failedAt;
            return this;
        }

        /** The LeadMessage; the record's own checks apply. */
        public LeadMessage build() {
            return new LeadMessage(id, leadId, mobile, body, attachment, status, sentBy, campaignId,
                    correlationId, providerMessageId, errorCode, errorMessage, rawResponse, attempts, createdAt,
                    sentAt, deliveredAt, readAt, failedAt);
        }
    }
}
