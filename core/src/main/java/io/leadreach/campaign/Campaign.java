package io.leadreach.campaign;

import io.leadreach.attachment.StoredAttachment;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.ThrottleConfig;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.time.Instant;
import java.util.Objects;

/**
 * A campaign: one message to the leads its criteria pick, sent under its throttle and retry policy.
 * Its counters are not kept here; they are read from the recipients ({@link CampaignStore#counts}),
 * so they always add up.
 *
 * @param id               the store's id (0 before it is saved)
 * @param name             its name
 * @param description      what it is for (may be null)
 * @param kind             STANDARD, or BULK for a bulk-send job
 * @param templateId       the library template it was made from, if any
 * @param body             the message with variables (a snapshot of the template's body when made from one)
 * @param attachment       an attachment sent with it, if any
 * @param binding          the approved WhatsApp template to send outside the service window, if any
 * @param status           its status
 * @param target           which leads it targets
 * @param scheduledAt      when it starts by itself, if scheduled
 * @param throttle         its messages-per-minute limit
 * @param retryPolicy      how refused sends are retried
 * @param createdBy        who created it
 * @param createdAt        when
 * @param startedAt        when it first became ACTIVE
 * @param completedAt      when it last completed or was cancelled
 * @param statusReason     why it was paused or cancelled, if the engine did it (may be null)
 * @param materialized     whether all its recipients have been added
 * @param materializedUpTo the highest lead id added so far (the resume point of materialisation)
 */
public record Campaign(long id, String name, String description, CampaignKind kind, Long templateId, String body,
                       StoredAttachment attachment, WhatsAppTemplateBinding binding, CampaignStatus status,
                       TargetCriteria target, Instant scheduledAt, ThrottleConfig throttle, RetryPolicy retryPolicy,
                       String createdBy, Instant createdAt, Instant startedAt, Instant completedAt,
                       String statusReason, boolean materialized, long materializedUpTo) {

    public Campaign {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(throttle, "throttle");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
    }

    /** This campaign with the store's id. */
    public Campaign withId(long newId) {
        return toBuilder().id(newId).build();
    }

    /** This campaign moved to {@code next} at {@code at}, stamping start and completion times. */
    public Campaign withStatus(CampaignStatus next, Instant at, String reason) {
        Instant started = next == CampaignStatus.ACTIVE && startedAt == null ? at : startedAt;
        Instant completed = next == CampaignStatus.COMPLETED || next == CampaignStatus.CANCELLED ? at
                : next == CampaignStatus.ACTIVE ? null : completedAt;
        return toBuilder().status(next).startedAt(started).completedAt(completed).statusReason(reason).build();
    }

    /** This campaign with its materialisation progress. */
    public Campaign withMaterialized(long upToLeadId, boolean done) {
        return toBuilder().materialized(done).materializedUpTo(Math.max(materializedUpTo, upToLeadId)).build();
    }

    /** A builder for a new campaign: id 0; name, kind, body, status, target, throttle and retry policy must be given. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this campaign's components, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.id = id;
        b.name = name;
        b.description = description;
        b.kind = kind;
        b.templateId = templateId;
        b.body = body;
        b.attachment = attachment;
        b.binding = binding;
        b.status = status;
        b.target = target;
        b.scheduledAt = scheduledAt;
        b.throttle = throttle;
        b.retryPolicy = retryPolicy;
        b.createdBy = createdBy;
        b.createdAt = createdAt;
        b.startedAt = startedAt;
        b.completedAt = completedAt;
        b.statusReason = statusReason;
        b.materialized = materialized;
        b.materializedUpTo = materializedUpTo;
        return b;
    }

    /**
     * Builds a {@link Campaign} by component name, so that no call site lists them all in order;
     * a component not set keeps its default ({@code null}, 0 or false).
     */
    public static final class Builder {

        private long id;
        private String name;
        private String description;
        private CampaignKind kind;
        private Long templateId;
        private String body;
        private StoredAttachment attachment;
        private WhatsAppTemplateBinding binding;
        private CampaignStatus status;
        private TargetCriteria target;
        private Instant scheduledAt;
        private ThrottleConfig throttle;
        private RetryPolicy retryPolicy;
        private String createdBy;
        private Instant createdAt;
        private Instant startedAt;
        private Instant completedAt;
        private String statusReason;
        private boolean materialized;
        private long materializedUpTo;

        private Builder() {
        }

        public Builder id(long id) {
            this.id = id;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder kind(CampaignKind kind) {
            this.kind = kind;
            return this;
        }

        public Builder templateId(Long templateId) {
            this.templateId = templateId;
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

        public Builder binding(WhatsAppTemplateBinding binding) {
            this.binding = binding;
            return this;
        }

        public Builder status(CampaignStatus status) {
            this.status = status;
            return this;
        }

        public Builder target(TargetCriteria target) {
            this.target = target;
            return this;
        }

        public Builder scheduledAt(Instant scheduledAt) {
            this.scheduledAt = scheduledAt;
            return this;
        }

        public Builder throttle(ThrottleConfig throttle) {
            this.throttle = throttle;
            return this;
        }

        public Builder retryPolicy(RetryPolicy retryPolicy) {
            this.retryPolicy = retryPolicy;
            return this;
        }

        public Builder createdBy(String createdBy) {
            this.createdBy = createdBy;
            return this;
        }

        public Builder createdAt(Instant createdAt) {
            this.createdAt = createdAt;
            return this;
        }

        public Builder startedAt(Instant startedAt) {
            this.startedAt = startedAt;
            return this;
        }

        public Builder completedAt(Instant completedAt) {
            this.completedAt = completedAt;
            return this;
        }

        public Builder statusReason(String statusReason) {
            this.statusReason = statusReason;
            return this;
        }

        public Builder materialized(boolean materialized) {
            this.materialized = materialized;
            return this;
        }

        public Builder materializedUpTo(long materializedUpTo) {
            this.materializedUpTo = materializedUpTo;
            return this;
        }

        /** The Campaign; the record's own checks apply. */
        public Campaign build() {
            return new Campaign(id, name, description, kind, templateId, body, attachment, binding, status,
                    target, scheduledAt, throttle, retryPolicy, createdBy, createdAt, startedAt, completedAt,
                    statusReason, materialized, materializedUpTo);
        }
    }
}
