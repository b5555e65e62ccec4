package io.leadreach.jpa.internal;

import io.leadreach.automation.AutomationRule;
import io.leadreach.automation.AutomationTrigger;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code lead_whatsapp_automation_rules}; the criteria are JSON text like a campaign's target. */
@Entity(name = "LeadWhatsAppAutomationRule")
@Table(name = "lead_whatsapp_automation_rules")
public class AutomationRuleEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(nullable = false, length = 200)
    String name;
    @Enumerated(EnumType.STRING)
    @Column(name = "trigger_type", nullable = false, length = 40)
    AutomationTrigger trigger;
    @Column(name = "days_value")
    Integer days;
    @Column(name = "from_status", length = 100)
    String fromStatus;
    @Column(name = "to_status", length = 100)
    String toStatus;
    @Column(name = "template_id", nullable = false)
    long templateId;
    @Column(nullable = false, length = 1000000)
    String criteria;
    @Column(nullable = false)
    boolean active;
    @Column(name = "created_at", nullable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;

    protected AutomationRuleEntity() {
    }

    /** A new row (id 0) or the replacement of an existing one. */
    public static AutomationRuleEntity of(AutomationRule r) {
        AutomationRuleEntity e = new AutomationRuleEntity();
        e.id = r.id() == 0 ? null : r.id();
        e.name = r.name();
        e.trigger = r.trigger();
        e.days = r.days();
        e.fromStatus = r.fromStatus();
        e.toStatus = r.toStatus();
        e.templateId = r.templateId();
        e.criteria = JsonText.writeCriteria(r.criteria());
        e.active = r.active();
        e.createdAt = r.createdAt();
        e.updatedAt = r.updatedAt();
        return e;
    }

    public AutomationRule toRule() {
        return new AutomationRule(id, name, trigger, days, fromStatus, toStatus, templateId,
                JsonText.readCriteria(criteria), active, createdAt, updatedAt);
    }
}
