package io.leadreach;

import io.leadreach.attachment.AttachmentUpload;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.WhatsAppTemplateBinding;

/**
 * What a user gives to create or change a library template. Nothing here is checked until
 * {@link TemplateService#createTemplate} or {@link TemplateService#updateTemplate}, which check
 * everything at once and name every field at fault.
 *
 * @param name       required, unique, at most 200 characters
 * @param category   required
 * @param body       the text with variables such as {@code {first_name}}; only known variables
 *                   ({@code name, first_name, mobile, email, source, status, priority, assigned_to,
 *                   product_interest, lead_number}); at most 4096 characters, or 1024 with an attachment
 * @param attachment an optional attachment; on update, null keeps the current one
 * @param active     whether new campaigns may use it
 * @param binding    the approved WhatsApp template sent outside the 24-hour window, or null; its
 *                   parameters must be known variables
 */
public record TemplateSpec(String name, TemplateCategory category, String body, AttachmentUpload attachment,
                           boolean active, WhatsAppTemplateBinding binding) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TemplateSpec}; a new template is active unless told otherwise. */
    public static final class Builder {
        private String name;
        private TemplateCategory category;
        private String body;
        private AttachmentUpload attachment;
        private boolean active = true;
        private WhatsAppTemplateBinding binding;

        public Builder name(String v) { name = v; return this; }
        public Builder category(TemplateCategory v) { category = v; return this; }
        public Builder body(String v) { body = v; return this; }
        public Builder attachment(AttachmentUpload v) { attachment = v; return this; }
        public Builder active(boolean v) { active = v; return this; }
        public Builder binding(WhatsAppTemplateBinding v) { binding = v; return this; }

        public TemplateSpec build() {
            return new TemplateSpec(name, category, body, attachment, active, binding);
        }
    }
}
