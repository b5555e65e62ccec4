package io.leadreach.jpa.internal;

import io.leadreach.tracking.LeadReply;
import io.leadreach.tracking.ReplyStore;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code lead_whatsapp_replies}: one reply of a lead. */
@Entity(name = "LeadWhatsAppReply")
@Table(name = "lead_whatsapp_replies")
public class ReplyEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "lead_id", nullable = false)
    long leadId;
    @Column(length = 32, nullable = false)
    String mobile;
    @Column(name = "body", length = 100000)
    String text;
    @Column(name = "button_payload", length = 1000)
    String buttonPayload;
    @Column(name = "provider_message_id", length = 200, nullable = false, unique = true)
    String providerMessageId;
    @Column(name = "message_id")
    Long messageId;
    @Column(name = "campaign_id")
    Long campaignId;
    @Enumerated(EnumType.STRING)
    @Column(name = "consent_effect", length = 20, nullable = false)
    LeadReply.ConsentEffect consent;
    @Column(name = "received_at", nullable = false)
    Instant receivedAt;
    @Column(name = "business_number_id", length = 64)
    String businessNumberId;

    protected ReplyEntity() {
    }

    /** A new row for this reply. */
    public static ReplyEntity of(LeadReply r) {
        ReplyEntity e = new ReplyEntity();
        e.leadId = r.leadId();
        e.mobile = r.mobile();
        e.text = r.text();
        e.buttonPayload = r.buttonPayload();
        e.providerMessageId = r.providerMessageId();
        e.messageId = r.messageId();
        e.campaignId = r.campaignId();
        e.consent = r.consent();
        e.receivedAt = r.receivedAt();
        e.businessNumberId = r.businessNumberId();
        return e;
    }

    public ReplyStore.RecordedReply toRecorded() {
        return new ReplyStore.RecordedReply(id, new LeadReply(leadId, mobile, text, buttonPayload, providerMessageId,
                messageId, campaignId, consent, receivedAt, businessNumberId));
    }
}
