package io.leadreach.template;

import io.leadreach.attachment.StoredAttachment;
import java.time.Instant;

/**
 * A reusable message with {@code {name}}-style variables.
 *
 * @param id         the store's id (0 before it is saved)
 * @param name       a unique name
 * @param category   what it is for
 * @param body       the text with variables, checked when saved
 * @param attachment an optional attachment sent with it
 * @param active     whether it may be used by new campaigns and rules
 * @param usageCount how many messages were sent with it
 * @param createdBy  who created it
 * @param createdAt  when
 * @param binding    the approved WhatsApp template it maps to, if any
 */
public record MessageTemplate(long id, String name, TemplateCategory category, String body,
                              StoredAttachment attachment, boolean active, long usageCount, String createdBy,
                              Instant createdAt, WhatsAppTemplateBinding binding) {

    /** Its binding when the provider's status allows sending it ({@link WhatsAppTemplateBinding#usable()}), else null. */
    public WhatsAppTemplateBinding usableBinding() {
        return binding != null && binding.usable() ? binding : null;
    }

    /** This template with another binding. */
    public MessageTemplate withBinding(WhatsAppTemplateBinding newBinding) {
        return new MessageTemplate(id, name, category, body, attachment, active, usageCount, createdBy, createdAt,
                newBinding);
    }

    public MessageTemplate withId(long newId) {
        return new MessageTemplate(newId, name, category, body, attachment, active, usageCount, createdBy,
                createdAt, binding);
    }
}
