package io.leadreach.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code lead_whatsapp_conversations}: when one E.164 number last wrote to the business. */
@Entity(name = "LeadWhatsAppConversation")
@Table(name = "lead_whatsapp_conversations")
public class ConversationEntity {

    @Id
    @Column(length = 32)
    String mobile;
    @Column(name = "last_inbound_at", nullable = false)
    Instant lastInboundAt;

    protected ConversationEntity() {
    }

    public ConversationEntity(String mobile, Instant lastInboundAt) {
        this.mobile = mobile;
        this.lastInboundAt = lastInboundAt;
    }

    public Instant lastInboundAt() {
        return lastInboundAt;
    }
}
