package io.leadreach.jpa.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code lead_whatsapp_automation_fired}: one rule fired for one lead for one occurrence. */
@Entity(name = "LeadWhatsAppAutomationFired")
@Table(name = "lead_whatsapp_automation_fired")
public class AutomationFiredEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(name = "rule_id", nullable = false)
    long ruleId;
    @Column(name = "lead_id", nullable = false)
    long leadId;
    @Column(name = "occurrence_key", nullable = false, length = 64)
    String occurrenceKey;
    @Column(name = "fired_at", nullable = false)
    Instant firedAt;

    protected AutomationFiredEntity() {
    }

    public AutomationFiredEntity(long ruleId, long leadId, String occurrenceKey, Instant firedAt) {
        this.ruleId = ruleId;
        this.leadId = leadId;
        this.occurrenceKey = occurrenceKey;
        this.firedAt = firedAt;
    }
}
