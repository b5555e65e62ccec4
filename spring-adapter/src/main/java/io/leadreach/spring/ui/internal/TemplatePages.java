package io.leadreach.spring.ui.internal;

import io.leadreach.NotFoundException;
import io.leadreach.TemplateService;
import io.leadreach.TemplateSpec;
import io.leadreach.ValidationException;
import io.leadreach.internal.LeadVariables;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.spring.internal.Routes;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateCategory;
import io.leadreach.template.WhatsAppTemplateBinding;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The template manager: the library by category with usage counts and binding status
 * ({@code GET /leads/whatsapp/templates} asking for {@code text/html}), the new and edit pages with
 * variable buttons, a character counter and the WhatsApp bubble preview, and the HTML answers to
 * the API's own create ({@code POST}), update ({@code PUT}) and delete ({@code DELETE}) paths with
 * form-encoded bodies. Validation errors are shown beside their fields. Everything needs
 * {@code lead-whatsapp-template-manage}, as the API does.
 */
@RestController
public class TemplatePages {

    /** The variables offered as buttons, in the order shown. */
    public static final List<String> VARIABLE_BUTTONS = List.of("name", "first_name", "mobile", "assigned_to",
            "source", "product_interest");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TemplateService templates;
    private final LeadDirectory leads;
    private final UiContexts contexts;
    private final ConsoleRenderer renderer;

    /** The pages over the template service; {@code leads} gives the preview's sample lead. */
    public TemplatePages(TemplateService templates, LeadDirectory leads, UiContexts contexts, ConsoleRenderer renderer) {
        this.templates = templates;
        this.leads = leads;
        this.contexts = contexts;
        this.renderer = renderer;
    }

    /** One category's templates. */
    public record Group(TemplateCategory category, List<MessageTemplate> templates) {
    }

    /**
     * What the editor shows: the values typed (or the template's), the template being edited (null
     * for a new one) and the errors by field.
     */
    public record Form(MessageTemplate template, String name, String category, String body, boolean active,
                       String bindingName, String bindingLanguage, String bindingParameters,
                       Map<String, String> errors) {

        /** The error for {@code field}, or null. */
        public String error(String field) {
            return errors.get(field);
        }

        /** Whether the template carries an attachment (its body is then a caption: 1,024 characters). */
        public boolean hasAttachment() {
            return template != null && template.attachment() != null;
        }
    }

    /** The library by category, or one category's. */
    @GetMapping(path = Routes.TEMPLATES, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> list(HttpServletRequest request,
                                       @RequestParam(name = "category", required = false) String category,
                                       @RequestParam(name = "saved", required = false) String saved) {
        UiContext ui = contexts.of(request, "templates");
        TemplateCategory only = parseCategory(category);
        List<MessageTemplate> all = templates.listTemplates(ui.actor(), only, false);
        List<Group> groups = new ArrayList<>();
        for (TemplateCategory c : TemplateCategory.values()) {
            List<MessageTemplate> of = all.stream().filter(t -> t.category() == c).toList();
            if (!of.isEmpty() || only == null || only == c) {
                groups.add(new Group(c, of));
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        params.put("groups", groups);
        params.put("category", only == null ? "" : only.name());
        params.put("total", all.size());
        params.put("saved", saved == null || saved.isBlank() ? null : saved);
        return renderer.page("templates/list.jte", params);
    }

    /** The new-template page. */
    @GetMapping(path = Routes.TEMPLATE_NEW, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> newTemplate(HttpServletRequest request,
                                              @RequestParam(name = "category", required = false) String category) {
        UiContext ui = contexts.of(request, "templates");
        TemplateCategory c = parseCategory(category);
        return editor(ui, new Form(null, "", c == null ? TemplateCategory.GREETING.name() : c.name(), "", true, "", "",
                "", Map.of()), HttpStatus.OK, false);
    }

    /** A template's edit page. */
    @GetMapping(path = Routes.TEMPLATE_EDIT, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> edit(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "templates");
        MessageTemplate t;
        try {
            t = templates.getTemplate(ui.actor(), id);
        } catch (NotFoundException e) {
            return notFound(ui, id);
        }
        WhatsAppTemplateBinding b = t.binding();
        return editor(ui, new Form(t, t.name(), t.category().name(), t.body(), t.active(),
                b == null ? "" : b.name(), b == null ? "" : b.language(),
                b == null ? "" : String.join(", ", b.parameters()), Map.of()), HttpStatus.OK, false);
    }

    /** Creates a template from the editor's form; to the list when saved, else the form with its errors. */
    @PostMapping(path = Routes.TEMPLATES, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> create(HttpServletRequest request,
                                         @RequestParam Map<String, String> form,
                                         @RequestHeader(name = "HX-Request", required = false) String htmx) {
        UiContext ui = contexts.of(request, "templates");
        Form typed = typed(null, form);
        try {
            MessageTemplate saved = templates.createTemplate(ui.actor(), spec(typed, null));
            return saved(ui, saved, htmx != null);
        } catch (ValidationException e) {
            return editor(ui, withErrors(typed, e), htmx != null ? HttpStatus.OK : HttpStatus.BAD_REQUEST, htmx != null);
        }
    }

    /** Updates a template from the editor's form (htmx sends it as {@code PUT}). */
    @PutMapping(path = Routes.TEMPLATE, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> update(HttpServletRequest request, @PathVariable("id") long id,
                                         @RequestParam Map<String, String> form,
                                         @RequestHeader(name = "HX-Request", required = false) String htmx) {
        UiContext ui = contexts.of(request, "templates");
        MessageTemplate current;
        try {
            current = templates.getTemplate(ui.actor(), id);
        } catch (NotFoundException e) {
            return notFound(ui, id);
        }
        Form typed = typed(current, form);
        try {
            MessageTemplate saved = templates.updateTemplate(ui.actor(), id, spec(typed, current));
            return saved(ui, saved, htmx != null);
        } catch (ValidationException e) {
            return editor(ui, withErrors(typed, e), htmx != null ? HttpStatus.OK : HttpStatus.BAD_REQUEST, htmx != null);
        }
    }

    /** Deletes a template from the list: answers nothing, so htmx removes its row. */
    @DeleteMapping(path = Routes.TEMPLATE, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> delete(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "templates");
        try {
            templates.deleteTemplate(ui.actor(), id);
        } catch (NotFoundException e) {
            // already gone: the row goes too
        }
        return renderer.page("templates/deleted.jte", Map.of("ui", ui));
    }

    private ResponseEntity<String> saved(UiContext ui, MessageTemplate saved, boolean htmx) {
        String to = ui.url(Routes.TEMPLATES + "?saved=" + URLEncoder.encode(saved.name(), StandardCharsets.UTF_8));
        if (htmx) {
            return ResponseEntity.ok().header("HX-Redirect", to).body("");
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(to)).build();
    }

    private ResponseEntity<String> editor(UiContext ui, Form form, HttpStatus status, boolean fragment) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        params.put("form", form);
        List<Lead> first = leads.page(TargetCriteria.all(), 0, 1);
        params.put("sample", sampleJson(first));
        params.put("sampleName", first.isEmpty() || first.get(0).name() == null ? "a lead" : first.get(0).name());
        params.put("variables", VARIABLE_BUTTONS);
        ResponseEntity<String> page = renderer.page(fragment ? "templates/editor.jte" : "templates/form.jte", params);
        return ResponseEntity.status(status).headers(page.getHeaders()).body(page.getBody());
    }

    private ResponseEntity<String> notFound(UiContext ui, long id) {
        ResponseEntity<String> page = renderer.page("templates/missing.jte", Map.of("ui", ui, "id", id));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(page.getHeaders()).body(page.getBody());
    }

    /** The first lead's variables (of {@code first}, zero or one lead), as JSON for the bubble preview (every known variable, "" when unknown). */
    private static String sampleJson(List<Lead> first) {
        Map<String, Object> values = new TreeMap<>();
        if (!first.isEmpty()) {
            Map<String, Object> of = LeadVariables.of(first.get(0));
            for (String name : LeadVariables.NAMES) {
                values.put(name, of.get(name));
            }
        } else {
            LeadVariables.NAMES.forEach(n -> values.put(n, ""));
        }
        return JSON.writeValueAsString(values);
    }

    private static Form typed(MessageTemplate current, Map<String, String> form) {
        return new Form(current, value(form, "name"), value(form, "category"), form.getOrDefault("body", ""),
                form.containsKey("active"), value(form, "bindingName"), value(form, "bindingLanguage"),
                value(form, "bindingParameters"), Map.of());
    }

    private static Form withErrors(Form f, ValidationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ValidationException.FieldError fe : e.errors()) {
            String field = fe.field() == null ? "form" : fe.field().replaceAll("\\[\\d+]$", "");
            errors.merge(field, fe.message(), (a, b) -> a + "; " + b);
        }
        return new Form(f.template(), f.name(), f.category(), f.body(), f.active(), f.bindingName(),
                f.bindingLanguage(), f.bindingParameters(), errors);
    }

    /** The spec of the form; what only the form can get wrong (an unknown category, half a binding) is refused here. */
    private static TemplateSpec spec(Form f, MessageTemplate current) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        TemplateCategory category = parseCategory(f.category());
        if (category == null && !f.category().isBlank()) {
            errors.add(new ValidationException.FieldError("category", "unknown_category", "choose a category"));
        }
        WhatsAppTemplateBinding binding = null;
        boolean anyBinding = !f.bindingName().isBlank() || !f.bindingLanguage().isBlank()
                || !f.bindingParameters().isBlank();
        if (anyBinding) {
            if (f.bindingName().isBlank()) {
                errors.add(new ValidationException.FieldError("binding.name", "blank",
                        "a binding needs the approved template's name"));
            }
            if (f.bindingLanguage().isBlank()) {
                errors.add(new ValidationException.FieldError("binding.language", "blank",
                        "a binding needs a language such as en_US"));
            }
            List<String> parameters = Arrays.stream(f.bindingParameters().split("[,\\s]+")).map(String::strip)
                    .map(p -> p.startsWith("{") && p.endsWith("}") ? p.substring(1, p.length() - 1) : p)
                    .filter(p -> !p.isEmpty()).toList();
            if (errors.isEmpty()) {
                binding = new WhatsAppTemplateBinding(f.bindingName().strip(), f.bindingLanguage().strip(), parameters);
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return TemplateSpec.builder().name(f.name()).category(category).body(f.body()).active(f.active())
                .binding(binding).build();
    }

    private static String value(Map<String, String> form, String key) {
        String v = form.get(key);
        return v == null ? "" : v.strip();
    }

    private static TemplateCategory parseCategory(String category) {
        if (category == null || category.isBlank()) {
            return null;
        }
        try {
            return TemplateCategory.valueOf(category.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
