package io.leadreach.internal;

import io.leadreach.NotFoundException;
import io.leadreach.ValidationException;
import io.leadreach.ValidationException.FieldError;
import io.leadreach.automation.AutomationDryRun;
import io.leadreach.automation.AutomationEngine;
import io.leadreach.automation.AutomationPreview;
import io.leadreach.automation.AutomationRule;
import io.leadreach.automation.AutomationRuleSpec;
import io.leadreach.automation.AutomationRun;
import io.leadreach.automation.AutomationStore;
import io.leadreach.automation.AutomationTrigger;
import io.leadreach.campaign.Campaign;
import io.leadreach.campaign.CampaignKind;
import io.leadreach.campaign.CampaignRunner;
import io.leadreach.campaign.CampaignStatus;
import io.leadreach.lead.Lead;
import io.leadreach.lead.LocalDayMatch;
import io.leadreach.lead.TargetCriteria;
import io.leadreach.message.LeadMessage;
import io.leadreach.message.MessageStore.LastMessage;
import io.leadreach.security.Actor;
import io.leadreach.security.Permission;
import io.leadreach.template.CompiledTemplate;
import io.leadreach.template.MessageTemplate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link AutomationEngine} that {@link io.leadreach.LeadReach} assembles. */
public final class DefaultAutomationEngine implements AutomationEngine {

    private static final Logger log = LoggerFactory.getLogger(DefaultAutomationEngine.class);
    private static final int PAGE = 500;
    private static final int MAX_NAME = 200;

    private final Wiring engine;
    private final CampaignRunner runner;
    private final AutomationStore store;

    public DefaultAutomationEngine(Wiring engine, CampaignRunner runner, AutomationStore store) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.runner = Objects.requireNonNull(runner, "runner");
        this.store = Objects.requireNonNull(store, "store");
    }

    // ---------------------------------------------------------------- rules

    @Override
    public AutomationRule createRule(Actor actor, AutomationRuleSpec spec) {
        actor.require(Permission.CAMPAIGN_CREATE);
        validate(spec);
        Instant now = engine.clock().instant();
        return store.save(new AutomationRule(0, spec.name().strip(), spec.trigger(), spec.days(),
                blankToNull(spec.fromStatus()), blankToNull(spec.toStatus()), spec.templateId(), spec.criteria(),
                spec.active() == null || spec.active(), now, now));
    }

    @Override
    public AutomationRule updateRule(Actor actor, long ruleId, AutomationRuleSpec spec) {
        actor.require(Permission.CAMPAIGN_CREATE);
        AutomationRule current = rule(ruleId);
        validate(spec);
        try {
            return store.save(new AutomationRule(ruleId, spec.name().strip(), spec.trigger(), spec.days(),
                    blankToNull(spec.fromStatus()), blankToNull(spec.toStatus()), spec.templateId(), spec.criteria(),
                    spec.active() == null ? current.active() : spec.active(), current.createdAt(),
                    engine.clock().instant()));
        } catch (java.util.NoSuchElementException deletedMeanwhile) {
            throw new NotFoundException("automation rule", ruleId);
        }
    }

    @Override
    public AutomationRule getRule(Actor actor, long ruleId) {
        actor.require(Permission.CAMPAIGN_VIEW);
        return rule(ruleId);
    }

    @Override
    public List<AutomationRule> listRules(Actor actor, boolean activeOnly) {
        actor.require(Permission.CAMPAIGN_VIEW);
        return store.list(activeOnly);
    }

    @Override
    public void deleteRule(Actor actor, long ruleId) {
        actor.require(Permission.CAMPAIGN_CREATE);
        if (!store.delete(ruleId)) {
            throw new NotFoundException("automation rule", ruleId);
        }
    }

    private AutomationRule rule(long id) {
        return store.find(id).orElseThrow(() -> new NotFoundException("automation rule", id));
    }

    private void validate(AutomationRuleSpec spec) {
        validate(spec, true);
    }

    private void validate(AutomationRuleSpec spec, boolean nameRequired) {
        Objects.requireNonNull(spec, "spec");
        List<FieldError> errors = new ArrayList<>();
        if (spec.name() == null || spec.name().isBlank()) {
            if (nameRequired) {
                errors.add(new FieldError("name", "blank", "a rule needs a name"));
            }
        } else if (spec.name().strip().length() > MAX_NAME) {
            errors.add(new FieldError("name", "too_long", "at most " + MAX_NAME + " characters"));
        }
        AutomationTrigger trigger = spec.trigger();
        if (trigger == null) {
            errors.add(new FieldError("trigger", "required", "a rule needs a trigger"));
        } else if (trigger.needsDays() && spec.days() == null) {
            errors.add(new FieldError("days", "required", "a " + trigger + " rule needs a number of days"));
        }
        if (spec.days() != null && spec.days() <= 0) {
            errors.add(new FieldError("days", "not_positive", "days must be at least 1, got " + spec.days()));
        }
        if (trigger == AutomationTrigger.STATUS_CHANGED && blankToNull(spec.toStatus()) == null) {
            errors.add(new FieldError("toStatus", "required", "a STATUS_CHANGED rule needs the status entered"));
        }
        if (spec.templateId() == null) {
            errors.add(new FieldError("templateId", "required", "a rule needs a template"));
        } else {
            TemplateLookup.usable(engine.templates(), spec.templateId(), errors);
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    // ---------------------------------------------------------------- runs

    @Override
    public AutomationRun runDue(Instant now) {
        Objects.requireNonNull(now, "now");
        int run = 0;
        int skipped = 0;
        long fired = 0;
        List<Long> campaigns = new ArrayList<>();
        for (AutomationRule rule : store.list(true)) {
            if (rule.trigger() == AutomationTrigger.STATUS_CHANGED) {
                continue;
            }
            Optional<MessageTemplate> template = usableTemplate(rule);
            if (template.isEmpty()) {
                skipped++;
                continue;
            }
            List<Long> ids = new ArrayList<>();
            int chunk = Math.max(1, engine.config().maxBulkLeads());
            long[] firedByRule = new long[1];
            try {
                forEachDue(rule, now, (lead, key) -> {
                    if (store.recordIfAbsent(rule.id(), lead.id(), key, now)) {
                        ids.add(lead.id());
                        if (ids.size() >= chunk) {
                            // cleared first: if the launch fails, the finally below must not launch them again
                            List<Long> batch = List.copyOf(ids);
                            ids.clear();
                            campaigns.add(launch(rule, template.get(), batch, now));
                            firedByRule[0] += batch.size();
                        }
                    }
                });
            } catch (UnsupportedOperationException e) {
                log.warn("automation rule {} ('{}') skipped: {}", rule.id(), rule.name(), e.getMessage());
                skipped++;
                continue;
            } finally {
                // what was recorded is sent, even when the run broke off
                if (!ids.isEmpty()) {
                    campaigns.add(launch(rule, template.get(), ids, now));
                    firedByRule[0] += ids.size();
                }
                fired += firedByRule[0];
            }
            run++;
        }
        if (fired > 0 || skipped > 0) {
            log.info("automation at {}: {} rule(s) run, {} skipped, {} lead(s) fired", now, run, skipped, fired);
        }
        return new AutomationRun(now, run, skipped, fired, campaigns);
    }

    @Override
    public List<AutomationPreview> dryRun(Instant now) {
        Objects.requireNonNull(now, "now");
        List<AutomationPreview> out = new ArrayList<>();
        for (AutomationRule rule : store.list(true)) {
            if (rule.trigger() == AutomationTrigger.STATUS_CHANGED) {
                continue;
            }
            Optional<MessageTemplate> template = usableTemplate(rule);
            if (template.isEmpty()) {
                continue;
            }
            CompiledTemplate compiled = engine.renderer().compile(template.get().body());
            try {
                forEachDue(rule, now, (lead, key) -> {
                    if (!store.hasFired(rule.id(), lead.id(), key) && !optedOut(lead)) {
                        out.add(new AutomationPreview(rule.id(), rule.name(), lead.id(),
                                engine.renderer().render(compiled, LeadVariables.of(lead))));
                    }
                });
            } catch (UnsupportedOperationException e) {
                log.warn("automation rule {} ('{}') left out of the dry run: {}", rule.id(), rule.name(), e.getMessage());
            }
        }
        return out;
    }

    @Override
    public AutomationDryRun dryRun(Actor actor, AutomationRuleSpec spec, Long ruleId, Instant now, int limit) {
        actor.require(Permission.CAMPAIGN_CREATE);
        Objects.requireNonNull(now, "now");
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
        AutomationRule saved = ruleId == null ? null : rule(ruleId);
        validate(spec, false);
        if (spec.trigger() == AutomationTrigger.STATUS_CHANGED) {
            return new AutomationDryRun(0, List.of(), 0, 0, true);
        }
        String name = spec.name() == null || spec.name().isBlank() ? "(unsaved rule)" : spec.name().strip();
        AutomationRule rule = new AutomationRule(saved == null ? 0 : saved.id(), name, spec.trigger(), spec.days(),
                blankToNull(spec.fromStatus()), blankToNull(spec.toStatus()), spec.templateId(), spec.criteria(), true,
                now, now);
        MessageTemplate template = engine.templates().findById(spec.templateId()).orElseThrow();
        CompiledTemplate compiled = engine.renderer().compile(template.body());
        List<AutomationPreview> sample = new ArrayList<>();
        long[] counts = new long[3]; // due, opted out, already fired
        forEachDue(rule, now, (lead, key) -> {
            if (saved != null && store.hasFired(saved.id(), lead.id(), key)) {
                counts[2]++;
            } else if (optedOut(lead)) {
                counts[1]++;
            } else {
                counts[0]++;
                if (sample.size() < limit) {
                    sample.add(new AutomationPreview(rule.id(), rule.name(), lead.id(),
                            engine.renderer().render(compiled, LeadVariables.of(lead))));
                }
            }
        });
        return new AutomationDryRun(counts[0], sample, counts[1], counts[2], false);
    }

    @Override
    public List<Long> leadStatusChanged(long leadId, String from, String to, Instant at) {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        List<Long> campaigns = new ArrayList<>();
        for (AutomationRule rule : store.list(true)) {
            if (rule.trigger() != AutomationTrigger.STATUS_CHANGED || !sameStatus(rule.toStatus(), to)
                    || (rule.fromStatus() != null && !sameStatus(rule.fromStatus(), from))) {
                continue;
            }
            Optional<MessageTemplate> template = usableTemplate(rule);
            if (template.isEmpty()) {
                continue;
            }
            if (engine.leads().page(rule.criteria().withLeadIds(Set.of(leadId)), 0, 1).isEmpty()) {
                continue;
            }
            if (store.recordIfAbsent(rule.id(), leadId, at.toString(), at)) {
                campaigns.add(launch(rule, template.get(), List.of(leadId), engine.clock().instant()));
            }
        }
        return campaigns;
    }

    private static boolean sameStatus(String a, String b) {
        return a != null && b != null && a.strip().toLowerCase(Locale.ROOT).equals(b.strip().toLowerCase(Locale.ROOT));
    }

    private boolean optedOut(Lead lead) {
        return lead.optedOut() || engine.phones().tryE164(lead.mobile()).map(engine.consent()::isOptedOut).orElse(false);
    }

    /** The rule's template if it still exists and is active; else logs why the rule is skipped. */
    private Optional<MessageTemplate> usableTemplate(AutomationRule rule) {
        Optional<MessageTemplate> t = engine.templates().findById(rule.templateId());
        if (t.isEmpty() || !t.get().active()) {
            log.warn("automation rule {} ('{}') skipped: its template {} is {}", rule.id(), rule.name(),
                    rule.templateId(), t.isEmpty() ? "deleted" : "inactive");
            return Optional.empty();
        }
        return t;
    }

    /** Hands each lead the rule is due for at {@code now}, with the key of its occurrence. */
    private void forEachDue(AutomationRule rule, Instant now, BiConsumer<Lead, String> due) {
        TargetCriteria base = rule.criteria();
        switch (rule.trigger()) {
            case DAYS_SINCE_LAST_CONTACT -> {
                Instant cutoff = now.minus(Duration.ofDays(rule.days()));
                page(base.toBuilder().lastContactBefore(cutoff, false).build(),
                        lead -> due.accept(lead, lead.lastContactAt().toString()));
            }
            case COLD_LEAD -> {
                Instant cutoff = now.minus(Duration.ofDays(rule.days()));
                if (base.createdFrom() != null && !base.createdFrom().isBefore(cutoff)) {
                    return;
                }
                Instant createdTo = base.createdTo() != null && base.createdTo().isBefore(cutoff) ? base.createdTo() : cutoff;
                page(base.toBuilder().lastContactBefore(cutoff, true).createdTo(createdTo).build(), lead -> {
                    Instant last = lastActivity(lead);
                    if (last.isBefore(cutoff)) {
                        due.accept(lead, last.toString());
                    }
                });
            }
            case BIRTHDAY -> {
                TargetCriteria c = base.toBuilder().birthdayOn(now, engine.config().defaultZone()).build();
                LocalDayMatch match = c.birthdayOn();
                page(c, lead -> due.accept(lead, String.valueOf(match.today(lead.timeZone()).getYear())));
            }
            case ANNIVERSARY -> {
                TargetCriteria c = base.toBuilder().anniversaryOn(now, engine.config().defaultZone()).build();
                LocalDayMatch match = c.anniversaryOn();
                page(c, lead -> due.accept(lead, String.valueOf(match.today(lead.timeZone()).getYear())));
            }
            case RENEWAL_DUE -> {
                LocalDate today = LocalDate.ofInstant(now, engine.config().defaultZone());
                page(base.toBuilder().renewalBetween(today, today.plusDays(rule.days())).build(),
                        lead -> due.accept(lead, lead.renewalDate().toString()));
            }
            case NO_REPLY_AFTER_DAYS -> noReply(rule, now.minus(Duration.ofDays(rule.days())), due);
            default -> throw new IllegalStateException("not a timed trigger: " + rule.trigger());
        }
    }

    private void page(TargetCriteria criteria, java.util.function.Consumer<Lead> each) {
        long after = 0;
        while (true) {
            List<Lead> page = engine.leads().page(criteria, after, PAGE);
            for (Lead lead : page) {
                each.accept(lead);
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).id();
        }
    }

    /** The latest of the lead's CRM contact, creation, last message and last inbound message. */
    private Instant lastActivity(Lead lead) {
        Instant last = lead.createdAt();
        if (lead.lastContactAt() != null && lead.lastContactAt().isAfter(last)) {
            last = lead.lastContactAt();
        }
        for (LeadMessage m : engine.messages().findByLead(lead.id(), 1)) {
            if (m.createdAt().isAfter(last)) {
                last = m.createdAt();
            }
        }
        Optional<Instant> inbound = engine.phones().tryE164(lead.mobile()).flatMap(engine.conversations()::lastInboundAt);
        if (inbound.isPresent() && inbound.get().isAfter(last)) {
            last = inbound.get();
        }
        return last;
    }

    private void noReply(AutomationRule rule, Instant sentBefore, BiConsumer<Lead, String> due) {
        Set<Long> only = rule.criteria().leadIds();
        long after = 0;
        while (true) {
            List<LastMessage> page = engine.messages().latestSentBefore(sentBefore, ACTOR_ID, after, PAGE);
            Map<Long, LastMessage> byLead = new HashMap<>();
            for (LastMessage m : page) {
                if (only.isEmpty() || only.contains(m.leadId())) {
                    Optional<Instant> inbound = engine.conversations().lastInboundAt(m.mobile());
                    if (inbound.isEmpty() || inbound.get().isBefore(m.createdAt())) {
                        byLead.put(m.leadId(), m);
                    }
                }
            }
            if (!byLead.isEmpty()) {
                for (Lead lead : engine.leads().page(rule.criteria().withLeadIds(byLead.keySet()), 0, byLead.size())) {
                    due.accept(lead, byLead.get(lead.id()).createdAt().toString());
                }
            }
            if (page.size() < PAGE) {
                return;
            }
            after = page.get(page.size() - 1).leadId();
        }
    }

    /**
     * One campaign of kind AUTOMATION to these leads, started at once (a rule run firing for more
     * leads than {@link io.leadreach.sending.SendingConfig#maxBulkLeads()} makes one per that many).
     */
    private long launch(AutomationRule rule, MessageTemplate template, List<Long> leadIds, Instant now) {
        String name = "Automation: " + rule.name();
        if (name.length() > MAX_NAME) {
            name = name.substring(0, MAX_NAME);
        }
        Campaign c = engine.campaigns().create(Campaign.builder().name(name)
                .description("automation rule " + rule.id() + " (" + rule.trigger() + ") at " + now)
                .kind(CampaignKind.AUTOMATION).templateId(template.id()).body(template.body())
                .attachment(template.attachment()).binding(engine.usableBinding(template, List.of())).status(CampaignStatus.DRAFT)
                .target(TargetCriteria.ofLeadIds(List.copyOf(leadIds))).throttle(engine.config().defaultThrottle())
                .retryPolicy(engine.config().defaultRetryPolicy()).createdBy(ACTOR_ID).createdAt(now).build());
        engine.campaigns().transition(c.id(), CampaignStatus.DRAFT, CampaignStatus.ACTIVE, now, null);
        runner.wake(c.id());
        log.debug("automation rule {} fired for {} lead(s): campaign {}", rule.id(), leadIds.size(), c.id());
        return c.id();
    }
}
