package io.leadreach.internal;

import io.leadreach.ValidationException.FieldError;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateStore;
import java.util.List;

/** The one check of a campaign spec's template id, shared by campaign creation and preview. */
final class TemplateLookup {

    private TemplateLookup() {
    }

    /** The active template with this id, or null after adding the reason to {@code errors}. */
    static MessageTemplate usable(TemplateStore templates, long templateId, List<FieldError> errors) {
        MessageTemplate template = templates.findById(templateId).orElse(null);
        if (template == null) {
            errors.add(new FieldError("templateId", "unknown_template", "template " + templateId + " does not exist"));
            return null;
        }
        if (!template.active()) {
            errors.add(new FieldError("templateId", "inactive_template", "template '" + template.name() + "' is inactive"));
            return null;
        }
        return template;
    }
}
