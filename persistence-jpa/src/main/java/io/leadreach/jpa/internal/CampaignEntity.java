package io.leadreach.jpa.internal;

import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.sending.RetryPolicy;
import io.leadreach.sending.ThrottleConfig;
import io.leadreach.template.WhatsAppTemplateBinding;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A row of {@code lead_whatsapp_campaigns}. The throttle, retry policy, binding and attachment are
 * plain columns; the target criteria, whose sets and maps vary in shape, are one JSON text column.
 */
@Entity(name = "LeadWhatsAppCampaign")
@Table(name = "lead_whatsapp_campaigns")
public class CampaignEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(nullable = false, length = 200)
    String name;
    @Column(length = 100000)
    String description;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    CampaignKind kind;
    @Column(name = "template_id")
    Long templateId;
    @Column(nullable = false, length = 100000)
    String body;
    @Embedded
    AttachmentColumns attachment;
    @Column(name = "binding_name", length = 200)
    String bindingName;
    @Column(name = "binding_language", length = 20)
    String bindingLanguage;
    @Column(name = "binding_parameters", length = 100000)
    String bindingParameters;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    CampaignStatus status;
    @Column(name = "target_criteria", nullable = false, length = 1000000)
    String targetCriteria;
    @Column(name = "scheduled_at")
    Instant scheduledAt;
    @Column(name = "messages_per_minute", nullable = false)
    int messagesPerMinute;
    @Column(name = "retry_max_attempts", nullable = false)
    int retryMaxAttempts;
    @Column(name = "retry_initial_backoff", nullable = false, length = 40)
    String retryInitialBackoff;
    @Column(name = "retry_multiplier", nullable = false)
    double retryMultiplier;
    @Column(name = "retry_max_backoff", nullable = false, length = 40)
    String retryMaxBackoff;
    @Column(name = "retry_jitter", nullable = false)
    double retryJitter;
    @Column(name = "retry_rate_limited_attempts", nullable = false)
    int retryRateLimitedAttempts;
    @Column(name = "retry_rate_limit_initial_backoff", nullable = false, length = 40)
    String retryRateLimitInitialBackoff;
    @Column(name = "retry_rate_limit_max_backoff", nullable = false, length = 40)
    String retryRateLimitMaxBackoff;
    @Column(name = "created_by", length = 200)
    String createdBy;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "started_at")
    Instant startedAt;
    @Column(name = "completed_at")
    Instant completedAt;
    @Column(name = "status_reason", length = 1000)
    String statusReason;
    @Column(nullable = false)
    boolean materialized;
    @Column(name = "materialized_up_to", nullable = false)
    long materializedUpTo;
    @Column(name = "sender_numbers", length = 100000)
    String senderNumbers;

    protected CampaignEntity() {
    }

    /** A new row for a campaign not stored yet. */
    public static CampaignEntity of(Campaign c) {
        CampaignEntity e = new CampaignEntity();
        e.name = c.name();
        e.description = c.description();
        e.kind = c.kind();
        e.templateId = c.templateId();
        e.body = c.body();
        e.attachment = AttachmentColumns.of(c.attachment());
        if (c.binding() != null) {
            e.bindingName = c.binding().name();
            e.bindingLanguage = c.binding().language();
            e.bindingParameters = JsonText.writeStrings(c.binding().parameters());
        }
        e.status = c.status();
        e.targetCriteria = JsonText.writeCriteria(c.target());
        e.scheduledAt = c.scheduledAt();
        e.messagesPerMinute = c.throttle().messagesPerMinute();
        RetryPolicy r = c.retryPolicy();
        e.retryMaxAttempts = r.maxAttempts();
        e.retryInitialBackoff = r.initialBackoff().toString();
        e.retryMultiplier = r.multiplier();
        e.retryMaxBackoff = r.maxBackoff().toString();
        e.retryJitter = r.jitter();
        e.retryRateLimitedAttempts = r.rateLimitedAttempts();
        e.retryRateLimitInitialBackoff = r.rateLimitInitialBackoff().toString();
        e.retryRateLimitMaxBackoff = r.rateLimitMaxBackoff().toString();
        e.createdBy = c.createdBy();
        e.createdAt = c.createdAt();
        e.startedAt = c.startedAt();
        e.completedAt = c.completedAt();
        e.statusReason = c.statusReason();
        e.materialized = c.materialized();
        e.materializedUpTo = c.materializedUpTo();
        e.senderNumbers = c.senderNumbers().isEmpty() ? null : JsonText.writeStrings(c.senderNumbers());
        return e;
    }

    /** The campaign this row holds. */
    public Campaign toCampaign() {
        WhatsAppTemplateBinding binding = bindingName == null ? null
                : new WhatsAppTemplateBinding(bindingName, bindingLanguage,
                        bindingParameters == null ? null : JsonText.readStrings(bindingParameters));
        RetryPolicy retry = RetryPolicy.custom()
                .maxAttempts(retryMaxAttempts)
                .initialBackoff(Duration.parse(retryInitialBackoff))
                .multiplier(retryMultiplier)
                .maxBackoff(Duration.parse(retryMaxBackoff))
                .jitter(retryJitter)
                .rateLimitedAttempts(retryRateLimitedAttempts)
                .rateLimitInitialBackoff(Duration.parse(retryRateLimitInitialBackoff))
                .rateLimitMaxBackoff(Duration.parse(retryRateLimitMaxBackoff))
                .build();
        return new Campaign(id, name, description, kind, templateId, body, AttachmentColumns.toAttachment(attachment),
                binding, status, JsonText.readCriteria(targetCriteria), scheduledAt,
                ThrottleConfig.custom().messagesPerMinute(messagesPerMinute).build(), retry, createdBy, createdAt,
                startedAt, completedAt, statusReason, materialized, materializedUpTo,
                senderNumbers == null ? List.of() : JsonText.readStrings(senderNumbers));
    }

    public Long id() {
        return id;
    }
}
