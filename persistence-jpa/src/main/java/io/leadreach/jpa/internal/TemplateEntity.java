package io.leadreach.jpa.internal;

import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
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
import java.time.Instant;

/** A row of {@code lead_whatsapp_templates}. */
@Entity(name = "LeadWhatsAppTemplate")
@Table(name = "lead_whatsapp_templates")
public class TemplateEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;
    @Column(nullable = false, length = 200)
    String name;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    TemplateCategory category;
    @Column(nullable = false, length = 100000)
    String body;
    @Embedded
    AttachmentColumns attachment;
    @Column(nullable = false)
    boolean active;
    @Column(name = "usage_count", nullable = false)
    long usageCount;
    @Column(name = "created_by", length = 200)
    String createdBy;
    @Column(name = "created_at")
    Instant createdAt;
    @Column(name = "binding_name", length = 200)
    String bindingName;
    @Column(name = "binding_language", length = 20)
    String bindingLanguage;
    @Column(name = "binding_parameters", length = 100000)
    String bindingParameters;
    @Column(name = "binding_status", length = 40)
    String bindingStatus;
    @Column(name = "binding_status_at")
    java.time.Instant bindingStatusAt;
    @Column(name = "binding_waba_statuses", length = 100000)
    String bindingWabaStatuses;

    protected TemplateEntity() {
    }

    /** A new row for a template not stored yet. */
    public static TemplateEntity of(MessageTemplate t) {
        TemplateEntity e = new TemplateEntity();
        e.copy(t);
        return e;
    }

    /** Overwrites every column but the id with the template's values. */
    public void copy(MessageTemplate t) {
        name = t.name();
        category = t.category();
        body = t.body();
        attachment = AttachmentColumns.of(t.attachment());
        active = t.active();
        usageCount = t.usageCount();
        createdBy = t.createdBy();
        createdAt = t.createdAt();
        WhatsAppTemplateBinding b = t.binding();
        bindingName = b == null ? null : b.name();
        bindingLanguage = b == null ? null : b.language();
        bindingParameters = b == null ? null : JsonText.writeStrings(b.parameters());
        bindingStatus = b == null ? null : b.status();
        bindingStatusAt = b == null ? null : b.statusAt();
        bindingWabaStatuses = b == null ? null : JsonText.writeWabaStatuses(b.wabaStatuses());
    }

    public MessageTemplate toTemplate() {
        WhatsAppTemplateBinding binding = bindingName == null ? null
                : new WhatsAppTemplateBinding(bindingName, bindingLanguage,
                        bindingParameters == null ? null : JsonText.readStrings(bindingParameters), bindingStatus,
                        bindingStatusAt, JsonText.readWabaStatuses(bindingWabaStatuses));
        return new MessageTemplate(id, name, category, body, AttachmentColumns.toAttachment(attachment), active,
                usageCount, createdBy, createdAt, binding);
    }

    public Long id() {
        return id;
    }
}
