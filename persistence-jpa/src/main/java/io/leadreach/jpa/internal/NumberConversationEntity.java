package io.leadreach.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * A row of {@code lead_whatsapp_number_conversations}: when one E.164 number last wrote to one
 * business number (the start of that pair's 24-hour window).
 */
@Entity(name = "LeadWhatsAppNumberConversation")
@Table(name = "lead_whatsapp_number_conversations")
public class NumberConversationEntity {

    /** The key: the business number's id and the lead's E.164 number. */
    @Embeddable
    public static class Key implements Serializable {
        private static final long serialVersionUID = 1L;

        @Column(name = "sender_id", length = 64)
        String senderId;
        @Column(length = 32)
        String mobile;

        protected Key() {
        }

        public Key(String senderId, String mobile) {
            this.senderId = senderId;
            this.mobile = mobile;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && senderId.equals(k.senderId) && mobile.equals(k.mobile);
        }

        @Override
        public int hashCode() {
            return Objects.hash(senderId, mobile);
        }
    }

    @EmbeddedId
    Key key;
    @Column(name = "last_inbound_at", nullable = false)
    Instant lastInboundAt;

    protected NumberConversationEntity() {
    }

    public NumberConversationEntity(String senderId, String mobile, Instant lastInboundAt) {
        this.key = new Key(senderId, mobile);
        this.lastInboundAt = lastInboundAt;
    }

    public Instant lastInboundAt() {
        return lastInboundAt;
    }
}
