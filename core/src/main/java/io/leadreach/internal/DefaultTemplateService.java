package io.leadreach.internal;

import io.leadreach.DuplicateKeyException;
import io.leadreach.NotFoundException;
import io.leadreach.TemplateService;
import io.leadreach.TemplateSpec;
import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import io.leadreach.attachment.AttachmentIntake;
import io.leadreach.attachment.StoredAttachment;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.TemplateRenderer;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** The {@link TemplateService} that {@link io.leadreach.LeadReach} assembles. */
public final class DefaultTemplateService implements TemplateService {

    private static final int MAX_NAME = 200;
    /** How often an edit is re-applied when usage or a provider status keeps arriving under it. */
    private static final int MAX_EDIT_ATTEMPTS = 20;
    /** The Cloud API's template names: lower-case letters, digits and underscores. */
    private static final Pattern PROVIDER_NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z]{2,4})?");

    private final Wiring engine;
    private final AttachmentIntake intake;

    public DefaultTemplateService(Wiring engine, AttachmentIntake intake) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.intake = Objects.requireNonNull(intake, "intake");
    }

    @Override
    public MessageTemplate createTemplate(Actor actor, TemplateSpec spec) {
        actor.require(Permission.TEMPLATE_MANAGE);
        check(spec, 0, false);
        StoredAttachment stored = spec.attachment() == null ? null : intake.accept(spec.attachment());
        return save(new MessageTemplate(0, spec.name().strip(), spec.category(), spec.body(), stored, spec.active(), 0,
                actor.id(), engine.clock().instant(), spec.binding()));
    }

    @Override
    public MessageTemplate updateTemplate(Actor actor, long templateId, TemplateSpec spec) {
        actor.require(Permission.TEMPLATE_MANAGE);
        MessageTemplate first = template(templateId);
        check(spec, templateId, first.attachment() != null);
        StoredAttachment upload = spec.attachment() == null ? null : intake.accept(spec.attachment());
        return edit(templateId, current -> new MessageTemplate(templateId, spec.name().strip(), spec.category(),
                spec.body(), upload == null ? current.attachment() : upload, spec.active(), current.usageCount(),
                current.createdBy(), current.createdAt(), keepStatus(current.binding(), spec.binding())));
    }

    /**
     * Applies the edit to the stored template and writes it back with {@link
     * io.leadreach.template.TemplateStore#replace}: when a usage count or a provider status arrived
     * between the read and the write, the template is read again and the edit applied to it, so
     * neither is overwritten. A template deleted meanwhile is {@link NotFoundException}.
     */
    private MessageTemplate edit(long templateId, java.util.function.UnaryOperator<MessageTemplate> change) {
        for (int attempt = 0; attempt < MAX_EDIT_ATTEMPTS; attempt++) {
            MessageTemplate current = template(templateId);
            MessageTemplate next = change.apply(current);
            try {
                if (engine.templates().replace(current, next)) {
                    return next;
                }
            } catch (DuplicateKeyException e) { // a concurrent save took the name first
                throw duplicateName(next.name());
            }
        }
        throw new IllegalStateException("template " + templateId + " changed " + MAX_EDIT_ATTEMPTS
                + " times while it was being saved");
    }

    /**
     * The new binding, keeping the provider statuses (without a WABA and per WABA) the current one had
     * when both bind the same template.
     */
    private static WhatsAppTemplateBinding keepStatus(WhatsAppTemplateBinding current, WhatsAppTemplateBinding next) {
        if (current == null || next == null || next.status() != null || !next.wabaStatuses().isEmpty()
                || !next.binds(current.name(), current.language())) {
            return next;
        }
        return next.withStatusesOf(current);
    }

    @Override
    public MessageTemplate setTemplateActive(Actor actor, long templateId, boolean active) {
        actor.require(Permission.TEMPLATE_MANAGE);
        return edit(templateId, t -> new MessageTemplate(t.id(), t.name(), t.category(), t.body(), t.attachment(),
                active, t.usageCount(), t.createdBy(), t.createdAt(), t.binding()));
    }

    @Override
    public void deleteTemplate(Actor actor, long templateId) {
        actor.require(Permission.TEMPLATE_MANAGE);
        if (!engine.templates().delete(templateId)) {
            throw new NotFoundException("template", templateId);
        }
    }

    @Override
    public MessageTemplate getTemplate(Actor actor, long templateId) {
        actor.require(Permission.TEMPLATE_MANAGE);
        return template(templateId);
    }

    @Override
    public List<MessageTemplate> listTemplates(Actor actor, TemplateCategory category, boolean activeOnly) {
        actor.require(Permission.TEMPLATE_MANAGE);
        return engine.templates().findAll(activeOnly).stream()
                .filter(t -> category == null || t.category() == category).toList();
    }

    @Override
    public Set<String> templateVariables(Actor actor, long templateId) {
        actor.require(Permission.TEMPLATE_MANAGE);
        return engine.renderer().variables(template(templateId).body());
    }

    private MessageTemplate template(long id) {
        return engine.templates().findById(id).orElseThrow(() -> new NotFoundException("template", id));
    }

    private MessageTemplate save(MessageTemplate t) {
        try {
            return engine.templates().save(t);
        } catch (DuplicateKeyException e) { // a concurrent save took the name first
            throw duplicateName(t.name());
        }
    }

    private static ValidationException duplicateName(String name) {
        return new ValidationException("name", "duplicate_name", "a template named '" + name + "' already exists");
    }

    /** Every error of the spec at once; {@code selfId} is the template being updated (0 for a new one). */
    private void check(TemplateSpec spec, long selfId, boolean keepsAttachment) {
        Objects.requireNonNull(spec, "spec");
        List<FieldError> errors = new ArrayList<>();
        String name = spec.name();
        if (name == null || name.isBlank()) {
            errors.add(new FieldError("name", "blank", "a template needs a name"));
        } else if (name.strip().length() > MAX_NAME) {
            errors.add(new FieldError("name", "too_long", "at most " + MAX_NAME + " characters"));
        } else if (engine.templates().findByName(name.strip()).filter(t -> t.id() != selfId).isPresent()) {
            errors.add(duplicateName(name.strip()).errors().get(0));
        }
        if (spec.category() == null) {
            errors.add(new FieldError("category", "required", "a template needs a category"));
        }
        boolean withAttachment = spec.attachment() != null || keepsAttachment;
        List<FieldError> bodyErrors = MessageRules.check("body", spec.body(), withAttachment);
        errors.addAll(bodyErrors);
        if (bodyErrors.isEmpty() && spec.body() != null) {
            try {
                engine.renderer().compile(spec.body());
            } catch (ValidationException e) {
                errors.addAll(e.errors());
            }
        }
        WhatsAppTemplateBinding b = spec.binding();
        if (b != null) {
            if (!PROVIDER_NAME.matcher(b.name()).matches()) {
                errors.add(new FieldError("binding.name", "invalid_name", "'" + b.name()
                        + "' is not a WhatsApp template name (lower-case letters, digits and underscores)"));
            }
            if (!LANGUAGE.matcher(b.language()).matches()) {
                errors.add(new FieldError("binding.language", "invalid_language", "'" + b.language()
                        + "' is not a language code such as en or en_US"));
            }
            for (int i = 0; i < b.parameters().size(); i++) {
                String p = b.parameters().get(i);
                if (!LeadVariables.NAMES.contains(p)) {
                    errors.add(new FieldError("binding.parameters[" + i + "]", TemplateRenderer.UNKNOWN_VARIABLE,
                            "unknown variable '" + p + "'; known: " + new TreeSet<>(LeadVariables.NAMES)));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }
}
