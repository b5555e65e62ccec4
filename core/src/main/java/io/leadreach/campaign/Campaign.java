package io.leadreach.campaign;

import io.soabase.recordbuilder.core.RecordBuilder;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.ThrottleConfig;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.time.Instant;
import java.util.List;
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
 * @param senderNumbers    the ids of the {@link io.leadreach.sending.SenderNumber}s it sends from: empty
 *                         for the engine's default number, one, or a pool its leads are spread over by
 *                         lead ({@link io.leadreach.sending.SenderNumbers#pick})
 */
@RecordBuilder
@RecordBuilder.Options(addClassRetainedGenerated = false, enableWither = false)
public record Campaign(long id, String name, String description, CampaignKind kind, Long templateId, String body,
                       StoredAttachment attachment, WhatsAppTemplateBinding binding, CampaignStatus status,
                       TargetCriteria target, Instant scheduledAt, ThrottleConfig throttle, RetryPolicy retryPolicy,
                       String createdBy, Instant createdAt, Instant startedAt, Instant completedAt,
                       String statusReason, boolean materialized, long materializedUpTo,
                       List<String> senderNumbers) {

    public Campaign {
        senderNumbers = senderNumbers == null ? List.of() : List.copyOf(senderNumbers);
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

    /**
     * A builder for a new campaign: id 0; name, kind, body, status, target, throttle and retry policy must be given; a component not set keeps its default ({@code null}, 0 or false).
     * Generated (CampaignBuilder, RecordBuilder), so that no call site lists the components in order.
     */
    public static CampaignBuilder builder() {
        return CampaignBuilder.builder();
    }

    /** A builder holding this campaign's components, to change some of them. */
    public CampaignBuilder toBuilder() {
        return CampaignBuilder.builder(this);
    }
}
