package io.leadreach.spring.internal;

import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import io.leadreach.automation.AutomationDryRun;
import io.leadreach.automation.AutomationEngine;
import io.leadreach.automation.AutomationRule;
import io.leadreach.automation.AutomationRuleSpec;
import io.leadreach.automation.AutomationTrigger;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.security.Actor;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
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
 * Follow-up automation rules over {@link AutomationEngine}: list and read need
 * {@code lead-whatsapp-campaign-view}, create, update and delete {@code lead-whatsapp-campaign-create}.
 * Rules are JSON; bad input is a 400 naming every field at fault (a zero or negative {@code days},
 * an unknown, deleted or inactive template, an unknown trigger). A dry run of one rule (saved or
 * being edited) says who would get what now, recording nothing; it needs {@code lead-whatsapp-campaign-create}.
 */
@RestController
public class AutomationRuleController {

    /** A rule as the API shows it; {@code criteria} narrows the leads as a campaign target does. */
    public record RuleView(long id, String name, String trigger, Integer days, String fromStatus, String toStatus,
                           long templateId, Views.TargetView criteria, boolean active, Instant createdAt,
                           Instant updatedAt) {
        static RuleView of(AutomationRule r) {
            return new RuleView(r.id(), r.name(), r.trigger().name(), r.days(), r.fromStatus(), r.toStatus(),
                    r.templateId(), Views.TargetView.of(r.criteria()), r.active(), r.createdAt(), r.updatedAt());
        }
    }

    /**
     * A rule to create, or the new state of one: {@code trigger} is one of DAYS_SINCE_LAST_CONTACT,
     * NO_REPLY_AFTER_DAYS, BIRTHDAY, ANNIVERSARY, RENEWAL_DUE, STATUS_CHANGED, COLD_LEAD;
     * {@code active} defaults to true on create and to the current value on update.
     */
    public record RuleRequest(String name, String trigger, Integer days, String fromStatus, String toStatus,
                              Long templateId, Views.TargetView criteria, Boolean active) {
    }

    /**
     * A dry run asked for: the rule as it stands in an editor ({@code name} may be blank,
     * {@code active} is ignored), the saved rule it edits ({@code ruleId}, null for a new one) and
     * how many messages to show (1 to {@value #MAX_DRY_RUN_SAMPLE}, default {@value #DEFAULT_DRY_RUN_SAMPLE}).
     */
    public record DryRunRequest(Long ruleId, String name, String trigger, Integer days, String fromStatus,
                                String toStatus, Long templateId, Views.TargetView criteria, Integer limit) {
        RuleRequest rule() {
            return new RuleRequest(name, trigger, days, fromStatus, toStatus, templateId, criteria, null);
        }
    }

    /** One message a dry run says would go out. */
    public record DryRunMessage(long leadId, String text) {
    }

    /**
     * A dry run's answer: {@code leads} would get a message now, the first of them in {@code sample};
     * {@code optedOut} and {@code alreadyFired} due leads are left out; an {@code eventDriven} rule
     * (STATUS_CHANGED) fires only when the CRM reports a change, so nothing is due at any time.
     */
    public record DryRunView(long leads, List<DryRunMessage> sample, boolean complete, long optedOut,
                             long alreadyFired, boolean eventDriven, Instant at) {
        static DryRunView of(AutomationDryRun d, Instant at) {
            return new DryRunView(d.leads(), d.sample().stream().map(p -> new DryRunMessage(p.leadId(), p.text()))
                    .toList(), d.complete(), d.optedOut(), d.alreadyFired(), d.eventDriven(), at);
        }
    }

    /** Messages a dry run shows by default. */
    public static final int DEFAULT_DRY_RUN_SAMPLE = 20;
    /** The most messages one dry run may show. */
    public static final int MAX_DRY_RUN_SAMPLE = 200;

    private final AutomationEngine automation;
    private final Actors actors;
    private final Clock clock;

    /** The controller over the automation engine; dry runs are judged at {@code clock}'s now. */
    public AutomationRuleController(AutomationEngine automation, Actors actors, Clock clock) {
        this.automation = automation;
        this.actors = actors;
        this.clock = clock;
    }

    /** Every rule by id, or only the active ones. */
    @GetMapping(Routes.AUTOMATION_RULES)
    public List<RuleView> list(@RequestParam(name = "activeOnly", defaultValue = "false") boolean activeOnly) {
        return automation.listRules(actors.current(), activeOnly).stream().map(RuleView::of).toList();
    }

    /** One rule. */
    @GetMapping(Routes.AUTOMATION_RULE)
    public RuleView get(@PathVariable("id") long id) {
        return RuleView.of(automation.getRule(actors.current(), id));
    }

    /** Creates a rule from JSON; 201 with its location. */
    @PostMapping(path = Routes.AUTOMATION_RULES, consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<RuleView> create(@RequestBody(required = false) RuleRequest request) {
        Actor actor = actors.current();
        AutomationRule created = automation.createRule(actor, spec(request));
        return ResponseEntity.created(URI.create(Routes.AUTOMATION_RULE.replace("{id}", String.valueOf(created.id()))))
                .body(RuleView.of(created));
    }

    /** Replaces a rule's settings. */
    @PutMapping(path = Routes.AUTOMATION_RULE, consumes = MediaType.APPLICATION_JSON_VALUE)
    public RuleView update(@PathVariable("id") long id, @RequestBody(required = false) RuleRequest request) {
        return RuleView.of(automation.updateRule(actors.current(), id, spec(request)));
    }

    /** Deletes a rule and what it fired; 204. Campaigns it created stay. */
    @DeleteMapping(Routes.AUTOMATION_RULE)
    public ResponseEntity<Void> delete(@PathVariable("id") long id) {
        automation.deleteRule(actors.current(), id);
        return ResponseEntity.noContent().build();
    }

    /**
     * Who the rule in the body would send what to if it ran now, recording and sending nothing; for
     * a user to see before switching a rule on.
     */
    @PostMapping(path = Routes.AUTOMATION_DRY_RUN, consumes = MediaType.APPLICATION_JSON_VALUE)
    public DryRunView dryRun(@RequestBody(required = false) DryRunRequest request) {
        Actor actor = actors.current();
        if (request == null) {
            throw new ValidationException("body", "missing", "a JSON rule is required");
        }
        Instant now = clock.instant();
        return DryRunView.of(automation.dryRun(actor, spec(request.rule()), request.ruleId(), now,
                dryRunLimit(request.limit())), now);
    }

    /** A dry run's sample size, checked. */
    public static int dryRunLimit(Integer limit) {
        if (limit == null) {
            return DEFAULT_DRY_RUN_SAMPLE;
        }
        if (limit < 1 || limit > MAX_DRY_RUN_SAMPLE) {
            throw new ValidationException("limit", "out_of_range", "limit must be from 1 to " + MAX_DRY_RUN_SAMPLE
                    + ", got " + limit);
        }
        return limit;
    }

    /** The spec of a request; what only the HTTP layer can see wrong is refused here, the rest by the engine. */
    public static AutomationRuleSpec spec(RuleRequest request) {
        if (request == null) {
            throw new ValidationException("body", "missing", "a JSON rule is required");
        }
        List<FieldError> errors = new ArrayList<>();
        AutomationTrigger trigger = null;
        if (request.trigger() != null) {
            try {
                trigger = AutomationTrigger.valueOf(request.trigger().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                String shown = request.trigger().length() > 40 ? request.trigger().substring(0, 40) + "..." : request.trigger();
                errors.add(new FieldError("trigger", "unknown_trigger", "unknown trigger '" + shown + "'; known are "
                        + List.of(AutomationTrigger.values())));
            }
        }
        TargetCriteria criteria = TargetCriteria.all();
        Views.TargetView t = request.criteria();
        if (t != null) {
            try {
                criteria = new TargetCriteria(t.statuses(), t.sources(), t.priorities(), t.createdFrom(), t.createdTo(),
                        t.leadIds(), t.attributes());
            } catch (IllegalArgumentException | NullPointerException e) {
                errors.add(new FieldError("criteria", "invalid", "the criteria are invalid: " + e.getMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        return AutomationRuleSpec.builder().name(request.name()).trigger(trigger).days(request.days())
                .fromStatus(request.fromStatus()).toStatus(request.toStatus()).templateId(request.templateId())
                .criteria(criteria).active(request.active()).build();
    }
}
