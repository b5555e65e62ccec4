package io.leadreach;

import io.leadreach.security.Actor;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import java.util.List;
import java.util.Set;

/**
 * The template library: reusable messages with variables, grouped by category, counted by use,
 * and optionally bound to an approved WhatsApp template for sends outside the 24-hour window.
 * Every operation needs {@code lead-whatsapp-template-manage}. Bad input is refused with a
 * {@link ValidationException} naming every field at fault (codes such as {@code blank},
 * {@code duplicate_name}, {@code unknown_variable}, {@code syntax}, {@code too_long}), an unknown
 * id with {@link NotFoundException}; nothing is stored then.
 */
public interface TemplateService {

    /** Checks the spec in full and stores a new template with a usage count of 0. */
    MessageTemplate createTemplate(Actor actor, TemplateSpec spec);

    /** Checks the spec in full and replaces the template's fields, keeping its usage count and creator. */
    MessageTemplate updateTemplate(Actor actor, long templateId, TemplateSpec spec);

    /** Makes the template usable by new campaigns, or not; campaigns already made keep their copy. */
    MessageTemplate setTemplateActive(Actor actor, long templateId, boolean active);

    /** Deletes the template; campaigns made from it keep their copy of the body. */
    void deleteTemplate(Actor actor, long templateId);

    /** One template. */
    MessageTemplate getTemplate(Actor actor, long templateId);

    /** Templates ordered by name, of one category (all when null), only the active ones if asked. */
    List<MessageTemplate> listTemplates(Actor actor, TemplateCategory category, boolean activeOnly);

    /** The variables a template's body uses, in order of first use. */
    Set<String> templateVariables(Actor actor, long templateId);
}
