package io.leadreach.spring.ui.internal;

import io.leadreach.NotFoundException;
import io.leadreach.ValidationException;
import io.leadreach.automation.AutomationDryRun;
import io.leadreach.automation.AutomationEngine;
import io.leadreach.automation.AutomationPreview;
import io.leadreach.automation.AutomationRule;
import io.leadreach.automation.AutomationRuleSpec;
import io.leadreach.automation.AutomationTrigger;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LeadDirectory;
import io.leadreach.lead.PhoneNumbers;
import io.leadreach.security.Permission;
import io.leadreach.spring.internal.AutomationRuleController;
import io.leadreach.spring.internal.Routes;
import io.leadreach.spring.internal.Views;
import io.leadreach.template.MessageTemplate;
import io.leadreach.template.TemplateStore;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
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

/**
 * Follow-up automation in the console: the rule list ({@code GET /leads/whatsapp/automation-rules}
 * asking for {@code text/html}, needs {@code lead-whatsapp-campaign-view}), the new and edit pages
 * with a dry run of the rule as it is being edited (who would get what now, recording nothing; a
 * viewer sees a rule's page read-only, without the dry run), and the HTML answers to the API's
 * create, update, delete and dry-run paths with form-encoded bodies (all needing
 * {@code lead-whatsapp-campaign-create}).
 */
@RestController
public class AutomationRulePages {

    /** Messages a dry run shows on the page. */
    static final int DRY_RUN_SAMPLE = 10;

    /** Each trigger in words, for the list and the editor. */
    public static final Map<AutomationTrigger, String> TRIGGER_WORDS = triggerWords();

    private final AutomationEngine automation;
    private final TemplateStore templates;
    private final LeadDirectory leads;
    private final Clock clock;
    private final UiContexts contexts;
    private final ConsoleRenderer renderer;

    /** The pages over the automation engine; templates and leads are read for names. */
    public AutomationRulePages(AutomationEngine automation, TemplateStore templates, LeadDirectory leads, Clock clock,
                               UiContexts contexts, ConsoleRenderer renderer) {
        this.automation = automation;
        this.templates = templates;
        this.leads = leads;
        this.clock = clock;
        this.contexts = contexts;
        this.renderer = renderer;
    }

    /** A rule in the list, with its template's name. */
    public record Row(AutomationRule rule, String templateName, String when) {
    }

    /** What the editor shows: the values typed (or the rule's), the rule edited (null for a new one), errors by field. */
    public record Form(AutomationRule rule, String name, String trigger, String days, String fromStatus,
                       String toStatus, String templateId, String statuses, String sources, String priorities,
                       boolean active, Map<String, String> errors) {

        /** The error for {@code field}, or null. */
        public String error(String field) {
            return errors.get(field);
        }
    }

    /** A dry run's figures and sample, each message with its lead. */
    public record DryRun(AutomationDryRun result, List<SampleRow> rows, Instant at) {
    }

    /** One message of a dry run's sample. */
    public record SampleRow(long leadId, String leadName, String mobile, String text) {
    }

    /** The rules. */
    @GetMapping(path = Routes.AUTOMATION_RULES, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> list(HttpServletRequest request,
                                       @RequestParam(name = "saved", required = false) String saved) {
        UiContext ui = contexts.of(request, "automation");
        List<Row> rows = new ArrayList<>();
        for (AutomationRule r : automation.listRules(ui.actor(), false)) {
            rows.add(new Row(r, templateName(r.templateId()), when(r)));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        params.put("rows", rows);
        params.put("canWrite", ui.can(Permission.CAMPAIGN_CREATE));
        params.put("saved", saved == null || saved.isBlank() ? null : saved);
        return renderer.page("automation/list.jte", params);
    }

    /** The new-rule page. */
    @GetMapping(path = Routes.AUTOMATION_RULE_NEW, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> newRule(HttpServletRequest request) {
        UiContext ui = contexts.of(request, "automation");
        return editor(ui, new Form(null, "", AutomationTrigger.NO_REPLY_AFTER_DAYS.name(), "3", "", "", "", "", "", "",
                false, Map.of()), HttpStatus.OK, false);
    }

    /**
     * A rule's page: its editor for a user who may change rules ({@code ?activate} ticks "active", so
     * that the dry run is read before the rule is switched on), read-only for a viewer.
     */
    @GetMapping(path = Routes.AUTOMATION_RULE_EDIT, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> edit(HttpServletRequest request, @PathVariable("id") long id,
                                       @RequestParam(name = "activate", required = false) String activate) {
        UiContext ui = contexts.of(request, "automation");
        AutomationRule r;
        try {
            r = automation.getRule(ui.actor(), id);
        } catch (NotFoundException e) {
            return missing(ui, id);
        }
        io.leadreach.lead.TargetCriteria c = r.criteria();
        return editor(ui, new Form(r, r.name(), r.trigger().name(), r.days() == null ? "" : String.valueOf(r.days()),
                nz(r.fromStatus()), nz(r.toStatus()), String.valueOf(r.templateId()), String.join(", ", c.statuses()),
                String.join(", ", c.sources()), String.join(", ", c.priorities()), r.active() || activate != null,
                Map.of()), HttpStatus.OK, false);
    }

    /** Creates a rule from the editor's form. */
    @PostMapping(path = Routes.AUTOMATION_RULES, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> create(HttpServletRequest request, @RequestParam Map<String, String> form,
                                         @RequestHeader(name = "HX-Request", required = false) String htmx) {
        UiContext ui = contexts.of(request, "automation");
        Form typed = typed(null, form);
        try {
            AutomationRule saved = automation.createRule(ui.actor(), spec(typed));
            return saved(ui, saved, htmx != null);
        } catch (ValidationException e) {
            return editor(ui, withErrors(typed, e), htmx != null ? HttpStatus.OK : HttpStatus.BAD_REQUEST, htmx != null);
        }
    }

    /** Updates a rule from the editor's form (htmx sends it as {@code PUT}). */
    @PutMapping(path = Routes.AUTOMATION_RULE, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> update(HttpServletRequest request, @PathVariable("id") long id,
                                         @RequestParam Map<String, String> form,
                                         @RequestHeader(name = "HX-Request", required = false) String htmx) {
        UiContext ui = contexts.of(request, "automation");
        // The form shows the rule as typed; an update needs the create permission only, as in the API.
        AutomationRule current = null;
        if (ui.can(Permission.CAMPAIGN_VIEW)) {
            try {
                current = automation.getRule(ui.actor(), id);
            } catch (NotFoundException e) {
                return missing(ui, id);
            }
        }
        Form typed = typed(current, form);
        try {
            AutomationRule saved = automation.updateRule(ui.actor(), id, spec(typed));
            return saved(ui, saved, htmx != null);
        } catch (NotFoundException e) {
            return missing(ui, id);
        } catch (ValidationException e) {
            return editor(ui, withErrors(typed, e), htmx != null ? HttpStatus.OK : HttpStatus.BAD_REQUEST, htmx != null);
        }
    }

    /** Deletes a rule from the list: answers nothing, so htmx removes its row. */
    @DeleteMapping(path = Routes.AUTOMATION_RULE, produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> delete(HttpServletRequest request, @PathVariable("id") long id) {
        UiContext ui = contexts.of(request, "automation");
        try {
            automation.deleteRule(ui.actor(), id);
        } catch (NotFoundException e) {
            // already gone: the row goes too
        }
        return renderer.page("templates/deleted.jte", Map.of("ui", ui));
    }

    /** The dry run of the rule in the editor's form, as the panel beside it. */
    @PostMapping(path = Routes.AUTOMATION_DRY_RUN, consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.TEXT_HTML_VALUE)
    public ResponseEntity<String> dryRun(HttpServletRequest request, @RequestParam Map<String, String> form) {
        UiContext ui = contexts.of(request, "automation");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        Form typed = typed(null, form);
        Long ruleId = null;
        String raw = form.get("ruleId");
        if (raw != null && raw.matches("\\d{1,18}")) {
            ruleId = Long.parseLong(raw);
        }
        try {
            Instant now = clock.instant();
            AutomationDryRun result = automation.dryRun(ui.actor(), spec(typed), ruleId, now, DRY_RUN_SAMPLE);
            Map<Long, Lead> byId = leads.findByIds(result.sample().stream().map(AutomationPreview::leadId).toList())
                    .stream().collect(Collectors.toMap(Lead::id, Function.identity(), (a, b) -> a));
            List<SampleRow> rows = new ArrayList<>();
            for (AutomationPreview p : result.sample()) {
                Lead l = byId.get(p.leadId());
                rows.add(new SampleRow(p.leadId(), l == null ? "Lead " + p.leadId() : nz(l.name()),
                        l == null ? "" : nz(PhoneNumbers.forDisplay(l.mobile())), p.text()));
            }
            params.put("dry", new DryRun(result, rows, now));
            params.put("errors", Map.of());
        } catch (ValidationException e) {
            params.put("dry", null);
            params.put("errors", withErrors(typed, e).errors());
        } catch (NotFoundException e) {
            params.put("dry", null);
            params.put("errors", Map.of("ruleId", "the rule was deleted meanwhile"));
        }
        return renderer.page("automation/dryrun.jte", params);
    }

    private ResponseEntity<String> saved(UiContext ui, AutomationRule saved, boolean htmx) {
        String to = ui.url(Routes.AUTOMATION_RULES + "?saved=" + URLEncoder.encode(saved.name(), StandardCharsets.UTF_8));
        if (htmx) {
            return ResponseEntity.ok().header("HX-Redirect", to).body("");
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(to)).build();
    }

    private ResponseEntity<String> editor(UiContext ui, Form form, HttpStatus status, boolean fragment) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("ui", ui);
        params.put("form", form);
        List<MessageTemplate> usable = new ArrayList<>(templates.findAll(true));
        if (form.rule() != null && usable.stream().noneMatch(t -> t.id() == form.rule().templateId())) {
            templates.findById(form.rule().templateId()).ifPresent(usable::add);
        }
        params.put("templates", usable);
        params.put("triggers", TRIGGER_WORDS);
        ResponseEntity<String> page = renderer.page(fragment ? "automation/editor.jte" : "automation/form.jte", params);
        return ResponseEntity.status(status).headers(page.getHeaders()).body(page.getBody());
    }

    private ResponseEntity<String> missing(UiContext ui, long id) {
        ResponseEntity<String> page = renderer.page("automation/missing.jte", Map.of("ui", ui, "id", id));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).headers(page.getHeaders()).body(page.getBody());
    }

    private String templateName(long id) {
        return templates.findById(id).map(t -> t.name() + (t.active() ? "" : " (inactive)"))
                .orElse("Template " + id + " (deleted)");
    }

    /** When a rule fires, in words. */
    static String when(AutomationRule r) {
        Integer d = r.days();
        String days = d == null ? "" : d + (d == 1 ? " day" : " days");
        return switch (r.trigger()) {
            case DAYS_SINCE_LAST_CONTACT -> "Not contacted by the CRM for " + days;
            case NO_REPLY_AFTER_DAYS -> "No reply " + days + " after our last message";
            case BIRTHDAY -> "On the lead's birthday";
            case ANNIVERSARY -> "On the lead's anniversary";
            case RENEWAL_DUE -> "Renewal due within " + days;
            case STATUS_CHANGED -> "Status changes " + (r.fromStatus() == null ? "" : "from " + r.fromStatus() + " ")
                    + "to " + r.toStatus();
            case COLD_LEAD -> "No activity at all for " + days;
        };
    }

    private static Map<AutomationTrigger, String> triggerWords() {
        Map<AutomationTrigger, String> m = new EnumMap<>(AutomationTrigger.class);
        m.put(AutomationTrigger.NO_REPLY_AFTER_DAYS, "No reply after a number of days");
        m.put(AutomationTrigger.DAYS_SINCE_LAST_CONTACT, "Days since the CRM last contacted the lead");
        m.put(AutomationTrigger.COLD_LEAD, "Cold lead: no activity for a number of days");
        m.put(AutomationTrigger.RENEWAL_DUE, "Renewal due within a number of days");
        m.put(AutomationTrigger.BIRTHDAY, "Birthday");
        m.put(AutomationTrigger.ANNIVERSARY, "Anniversary");
        m.put(AutomationTrigger.STATUS_CHANGED, "Lead status changed");
        return m;
    }

    private static Form typed(AutomationRule current, Map<String, String> form) {
        return new Form(current, value(form, "name"), value(form, "trigger"), value(form, "days"),
                value(form, "fromStatus"), value(form, "toStatus"), value(form, "templateId"),
                value(form, "statuses"), value(form, "sources"), value(form, "priorities"), form.containsKey("active"),
                Map.of());
    }

    private static Form withErrors(Form f, ValidationException e) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (ValidationException.FieldError fe : e.errors()) {
            String field = fe.field() == null ? "form" : fe.field();
            errors.merge(field, fe.message(), (a, b) -> a + "; " + b);
        }
        return new Form(f.rule(), f.name(), f.trigger(), f.days(), f.fromStatus(), f.toStatus(), f.templateId(),
                f.statuses(), f.sources(), f.priorities(), f.active(), errors);
    }

    /** The spec of the form: numbers are checked here, the rest by the API's own parsing and the engine. */
    private static AutomationRuleSpec spec(Form f) {
        List<ValidationException.FieldError> errors = new ArrayList<>();
        AutomationTrigger trigger = null;
        try {
            trigger = f.trigger().isBlank() ? null : AutomationTrigger.valueOf(f.trigger());
        } catch (IllegalArgumentException e) {
            errors.add(new ValidationException.FieldError("trigger", "unknown_trigger", "choose a trigger"));
        }
        Integer days = null;
        if (!f.days().isBlank() && (trigger == null || trigger.needsDays())) {
            try {
                days = Integer.valueOf(f.days());
            } catch (NumberFormatException e) {
                errors.add(new ValidationException.FieldError("days", "not_a_number", "days must be a whole number"));
            }
        }
        Long templateId = null;
        if (!f.templateId().isBlank()) {
            try {
                templateId = Long.valueOf(f.templateId());
            } catch (NumberFormatException e) {
                errors.add(new ValidationException.FieldError("templateId", "not_a_number", "choose a template"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        boolean statusDriven = trigger == AutomationTrigger.STATUS_CHANGED;
        Views.TargetView criteria = new Views.TargetView(list(f.statuses()), list(f.sources()), list(f.priorities()),
                null, null, Set.of(), Map.of());
        return AutomationRuleController.spec(new AutomationRuleController.RuleRequest(f.name(),
                trigger == null ? null : trigger.name(), days, statusDriven ? f.fromStatus() : null,
                statusDriven ? f.toStatus() : null, templateId, criteria, f.active()));
    }

    private static Set<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String value(Map<String, String> form, String key) {
        String v = form.get(key);
        return v == null ? "" : v.strip();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
