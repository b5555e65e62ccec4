package io.leadreach.jpa.internal;

import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code lead_whatsapp_messages}, the message log. */
@Entity(name = "LeadWhatsAppMessage")
@Table(name = "lead_whatsapp_messages")
public class MessageEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "lead_id", nullable = false)
    long leadId;
    @Column(length = 32)
    String mobile;
    @Column(length = 100000)
    String body;
    @Embedded
    AttachmentColumns attachment;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    MessageStatus status;
    @Column(name = "sent_by", length = 200)
    String sentBy;
    @Column(name = "campaign_id")
    Long campaignId;
    @Column(name = "correlation_id", length = 100)
    String correlationId;
    @Column(name = "provider_message_id", length = 200)
    String providerMessageId;
    @Column(name = "error_code", length = 100)
    String errorCode;
    @Column(name = "error_message", length = 100000)
    String errorMessage;
    @Column(name = "raw_response", length = 1000000)
    String rawResponse;
    @Column(nullable = false)
    int attempts;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "sent_at")
    Instant sentAt;
    @Column(name = "delivered_at")
    Instant deliveredAt;
    @Column(name = "read_at")
    Instant readAt;
    @Column(name = "failed_at")
    Instant failedAt;
    @Column(name = "sender_number", length = 64)
    String senderNumber;

    protected MessageEntity() {
    }

    /** A row holding this message (its id too, when it has one). */
    public static MessageEntity of(LeadMessage m) {
        MessageEntity e = new MessageEntity();
        e.id = m.id() == 0 ? null : m.id();
        e.copy(m);
        return e;
    }

    /** Overwrites every column but the id with the message's values. */
    public void copy(LeadMessage m) {
        leadId = m.leadId();
        mobile = m.mobile();
        body = m.body();
        attachment = AttachmentColumns.of(m.attachment());
        status = m.status();
        sentBy = m.sentBy();
        campaignId = m.campaignId();
        correlationId = m.correlationId();
        providerMessageId = m.providerMessageId();
        errorCode = m.errorCode();
        errorMessage = m.errorMessage();
        rawResponse = m.rawResponse();
        attempts = m.attempts();
        createdAt = m.createdAt();
        sentAt = m.sentAt();
        deliveredAt = m.deliveredAt();
        readAt = m.readAt();
        failedAt = m.failedAt();
        senderNumber = m.senderNumber();
    }

    public LeadMessage toMessage() {
        return new LeadMessage(id, leadId, mobile, body, AttachmentColumns.toAttachment(attachment), status, sentBy,
                campaignId, correlationId, providerMessageId, errorCode, errorMessage, rawResponse, attempts,
                createdAt, sentAt, deliveredAt, readAt, failedAt, senderNumber);
    }

    public Long id() {
        return id;
    }
}
