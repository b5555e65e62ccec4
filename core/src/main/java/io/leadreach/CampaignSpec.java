package io.leadreach;

import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.lead.TargetCriteria;
import java.time.Instant;
import java.util.List;

/**
 * What a marketer asks for when creating a campaign. Nothing here is checked until
 * {@link LeadWhatsAppService#createCampaign}, which checks everything at once and names every
 * field at fault.
 *
 * @param name              required, at most 200 characters
 * @param description       optional
 * @param templateId        a library template to use (its body is copied), or null to give {@code body}
 * @param body              the message with variables such as {@code {name}}, when no template is given
 * @param attachment        an optional attachment
 * @param target            which leads; must match at least one
 * @param scheduledAt       when to start by itself (not in the past), or null to start on execute
 * @param messagesPerMinute the campaign's throttle (positive), or null for the default
 * @param maxAttempts       attempts per recipient in all (1 to 10), or null for the default
 * @param senderNumbers     the ids of the registered sender numbers to send from: empty (or null)
 *                          for the default number, one number, or a pool the leads are spread over
 *                          (at most {@value #MAX_SENDER_NUMBERS}, no repeats)
 */
public record CampaignSpec(String name, String description, Long templateId, String body,
                           AttachmentUpload attachment, TargetCriteria target, Instant scheduledAt,
                           Integer messagesPerMinute, Integer maxAttempts, List<String> senderNumbers) {

    /** At most this many numbers in a campaign's pool. */
    public static final int MAX_SENDER_NUMBERS = 100;

    public CampaignSpec {
        senderNumbers = senderNumbers == null ? List.of()
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(senderNumbers));
    }

    /** A spec that sends from the default number. */
    public CampaignSpec(String name, String description, Long templateId, String body, AttachmentUpload attachment,
                        TargetCriteria target, Instant scheduledAt, Integer messagesPerMinute, Integer maxAttempts) {
        this(name, description, templateId, body, attachment, target, scheduledAt, messagesPerMinute, maxAttempts,
                List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link CampaignSpec}. */
    public static final class Builder {
        private String name;
        private String description;
        private Long templateId;
        private String body;
        private AttachmentUpload attachment;
        private TargetCriteria target = TargetCriteria.all();
        private Instant scheduledAt;
        private Integer messagesPerMinute;
        private Integer maxAttempts;
        private List<String> senderNumbers = List.of();

        public Builder name(String v) { name = v; return this; }
        public Builder description(String v) { description = v; return this; }
        public Builder templateId(Long v) { templateId = v; return this; }
        public Builder body(String v) { body = v; return this; }
        public Builder attachment(AttachmentUpload v) { attachment = v; return this; }
        public Builder target(TargetCriteria v) { target = v; return this; }
        public Builder scheduledAt(Instant v) { scheduledAt = v; return this; }
        public Builder messagesPerMinute(Integer v) { messagesPerMinute = v; return this; }
        public Builder maxAttempts(Integer v) { maxAttempts = v; return this; }
        /** Sends from this registered number. */
        public Builder senderNumber(String id) { senderNumbers = id == null ? List.of() : List.of(id); return this; }
        /** Spreads the leads over these registered numbers, by lead. */
        public Builder senderNumbers(List<String> ids) { senderNumbers = ids; return this; }

        public CampaignSpec build() {
            return new CampaignSpec(name, description, templateId, body, attachment, target, scheduledAt,
                    messagesPerMinute, maxAttempts, senderNumbers);
        }
    }
}
