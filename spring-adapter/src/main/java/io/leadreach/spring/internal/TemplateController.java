package io.leadreach.spring.internal;

import io.leadreach.TemplateService;
import io.leadreach.TemplateSpec;
import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import io.leadreach.security.Actor;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.WhatsAppTemplateBinding;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The template library over {@link TemplateService}: list, read, create, update and delete, all
 * needing {@code lead-whatsapp-template-manage}. Templates are JSON without attachments (an update
 * keeps a template's attachment). Bad input is a 400 naming every field at fault, a name already
 * taken a 409.
 */
@RestController
public class TemplateController {

    private final TemplateService templates;
    private final Actors actors;

    /** The controller over the template service. */
    public TemplateController(TemplateService templates, Actors actors) {
        this.templates = templates;
        this.actors = actors;
    }

    /** Templates ordered by name, of one category ({@code ?category=GREETING}) or all, only active ones if asked. */
    @GetMapping(Routes.TEMPLATES)
    public List<Views.TemplateView> list(@RequestParam(name = "category", required = false) String category,
                                         @RequestParam(name = "activeOnly", defaultValue = "false") boolean activeOnly) {
        Actor actor = actors.current();
        TemplateCategory c = null;
        if (category != null && !category.isBlank()) {
            List<FieldError> errors = new ArrayList<>();
            c = category(category, errors);
            if (!errors.isEmpty()) {
                throw new ValidationException(errors);
            }
        }
        return templates.listTemplates(actor, c, activeOnly).stream().map(Views.TemplateView::of).toList();
    }

    /** One template. */
    @GetMapping(Routes.TEMPLATE)
    public Views.TemplateView get(@PathVariable("id") long id) {
        return Views.TemplateView.of(templates.getTemplate(actors.current(), id));
    }

    /** Creates a template from JSON; 201 with its location. */
    @PostMapping(path = Routes.TEMPLATES, consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Views.TemplateView> create(@RequestBody(required = false) Views.TemplateRequest request) {
        Actor actor = actors.current();
        MessageTemplate created = templates.createTemplate(actor, spec(request, true));
        return ResponseEntity.created(URI.create(Routes.TEMPLATE.replace("{id}", String.valueOf(created.id()))))
                .body(Views.TemplateView.of(created));
    }

    /** Replaces a template's name, category, body, binding and (when given) active flag; keeps its attachment. */
    @PutMapping(path = Routes.TEMPLATE, consumes = MediaType.APPLICATION_JSON_VALUE)
    public Views.TemplateView update(@PathVariable("id") long id,
                                     @RequestBody(required = false) Views.TemplateRequest request) {
        Actor actor = actors.current();
        boolean active = request != null && request.active() != null ? request.active()
                : templates.getTemplate(actor, id).active();
        TemplateSpec spec = spec(request, active);
        return Views.TemplateView.of(templates.updateTemplate(actor, id, spec));
    }

    /** Deletes a template; 204. Campaigns made from it keep their copy. */
    @DeleteMapping(Routes.TEMPLATE)
    public ResponseEntity<Void> delete(@PathVariable("id") long id) {
        templates.deleteTemplate(actors.current(), id);
        return ResponseEntity.noContent().build();
    }

    /** The spec of a request; what only the HTTP layer can see wrong is refused here, the rest by the service. */
    private static TemplateSpec spec(Views.TemplateRequest request, boolean defaultActive) {
        if (request == null) {
            throw new ValidationException("body", "missing", "a JSON template is required");
        }
        List<FieldError> errors = new ArrayList<>();
        TemplateCategory category = request.category() == null ? null : category(request.category(), errors);
        WhatsAppTemplateBinding binding = null;
        Views.BindingView b = request.binding();
        if (b != null) {
            if (b.name() == null || b.name().isBlank()) {
                errors.add(new FieldError("binding.name", "blank", "a binding needs the approved template's name"));
            }
            if (b.language() == null || b.language().isBlank()) {
                errors.add(new FieldError("binding.language", "blank", "a binding needs a language such as en_US"));
            }
            if (b.parameters() != null && b.parameters().contains(null)) {
                errors.add(new FieldError("binding.parameters", "blank", "a binding parameter is empty"));
            }
            if (errors.isEmpty()) {
                binding = new WhatsAppTemplateBinding(b.name().strip(), b.language().strip(), b.parameters());
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return TemplateSpec.builder().name(request.name()).category(category).body(request.body())
                .active(request.active() != null ? request.active() : defaultActive).binding(binding).build();
    }

    private static TemplateCategory category(String value, List<FieldError> errors) {
        try {
            return TemplateCategory.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("category", "unknown_category", "unknown category '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'; known are "
                    + List.of(TemplateCategory.values())));
            return null;
        }
    }
}
