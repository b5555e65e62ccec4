package io.leadreach.jpa.internal;

import io.leadreach.campaign.CampaignRecipient;
import io.leadreach.campaign.InDoubtResolution;
import io.leadreach.campaign.RecipientStatus;
import io.leadreach.campaign.SkipReason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code lead_whatsapp_campaign_leads}: one recipient of one campaign. Every change after
 * the insert is a conditional bulk update in {@code JpaCampaignStore}; the entity is only read.
 */
@Entity(name = "LeadWhatsAppCampaignLead")
@Table(name = "lead_whatsapp_campaign_leads")
public class RecipientEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "campaign_id", nullable = false)
    long campaignId;
    @Column(name = "lead_id", nullable = false)
    long leadId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    RecipientStatus status;
    @Column(nullable = false)
    int attempts;
    @Column(name = "next_attempt_at")
    Instant nextAttemptAt;
    @Column(length = 200)
    String owner;
    @Column(name = "lease_until")
    Instant leaseUntil;
    @Column(name = "correlation_id", length = 100)
    String correlationId;
    @Column(name = "provider_message_id", length = 200)
    String providerMessageId;
    @Column(name = "sent_at")
    Instant sentAt;
    @Column(name = "delivered_at")
    Instant deliveredAt;
    @Column(name = "read_at")
    Instant readAt;
    @Column(name = "replied_at")
    Instant repliedAt;
    @Column(name = "error_code", length = 100)
    String errorCode;
    @Column(name = "error_message", length = 100000)
    String errorMessage;
    @Column(nullable = false)
    boolean retryable;
    @Enumerated(EnumType.STRING)
    @Column(name = "skip_reason", length = 40)
    SkipReason skipReason;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    @Enumerated(EnumType.STRING)
    @Column(length = 20)
    InDoubtResolution.Kind resolution;
    @Column(name = "resolved_by", length = 200)
    String resolvedBy;
    @Column(name = "resolved_at")
    Instant resolvedAt;

    protected RecipientEntity() {
    }

    public CampaignRecipient toRecipient() {
        return new CampaignRecipient(id, campaignId, leadId, status, attempts, nextAttemptAt, owner, leaseUntil,
                correlationId, providerMessageId, sentAt, deliveredAt, readAt, repliedAt, errorCode, errorMessage, retryable,
                skipReason, updatedAt,
                resolution == null ? null : new InDoubtResolution(resolution, resolvedBy, resolvedAt));
    }

    public Long id() {
        return id;
    }
}
