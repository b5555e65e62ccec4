package io.leadreach.automation;

import io.leadreach.lead.TargetCriteria;
import java.time.Instant;
import java.util.Objects;

/**
 * A follow-up rule: when its trigger holds for a lead that matches its criteria, the lead gets the
 * rule's template, at most once per occurrence (see {@link AutomationTrigger}).
 *
 * @param id         the store's id (0 before it is saved)
 * @param name       a name for people
 * @param trigger    what fires it
 * @param days       the trigger's number of days (positive) where it needs one, else null
 * @param fromStatus for {@link AutomationTrigger#STATUS_CHANGED}: the status left, or null for any
 * @param toStatus   for {@link AutomationTrigger#STATUS_CHANGED}: the status entered (required there)
 * @param templateId the library template sent
 * @param criteria   further narrowing of the leads (never null; {@link TargetCriteria#all()} for none)
 * @param active     whether it runs
 * @param createdAt  when it was created
 * @param updatedAt  when it was last changed
 */
public record AutomationRule(long id, String name, AutomationTrigger trigger, Integer days, String fromStatus,
                             String toStatus, long templateId, TargetCriteria criteria, boolean active,
                             Instant createdAt, Instant updatedAt) {

    public AutomationRule {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(trigger, "trigger");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        criteria = criteria == null ? TargetCriteria.all() : criteria;
    }

    /** This rule with the store's id. */
    public AutomationRule withId(long newId) {
        return new AutomationRule(newId, name, trigger, days, fromStatus, toStatus, templateId, criteria, active,
                createdAt, updatedAt);
    }
}
