package io.leadreach.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code lead_whatsapp_inbound_ids}: an inbound message already handled. */
@Entity(name = "LeadWhatsAppInboundId")
@Table(name = "lead_whatsapp_inbound_ids")
public class InboundIdEntity {

    @Id
    @Column(name = "provider_message_id", length = 200)
    String providerMessageId;
    @Column(length = 32, nullable = false)
    String mobile;
    @Column(name = "received_at", nullable = false)
    Instant receivedAt;

    protected InboundIdEntity() {
    }

    public InboundIdEntity(String providerMessageId, String mobile, Instant receivedAt) {
        this.providerMessageId = providerMessageId;
        this.mobile = mobile;
        this.receivedAt = receivedAt;
    }
}
