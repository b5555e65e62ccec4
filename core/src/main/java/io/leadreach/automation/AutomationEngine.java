package io.leadreach.automation;

import io.leadreach.security.Actor;
import java.time.Instant;
import java.util.List;

/**
 * Follow-up automation: rule management and the runs that fire rules.
 *
 * <p>Reading rules needs {@link io.leadreach.security.Permission#CAMPAIGN_VIEW}, changing them
 * {@link io.leadreach.security.Permission#CAMPAIGN_CREATE}. A rule's template must exist and be
 * active when the rule is saved; a rule whose template was deleted or deactivated later is skipped
 * (logged and counted in {@link AutomationRun#rulesSkipped()}), never a failed run.
 *
 * <p>{@link #runDue} finds each active rule's leads through {@link io.leadreach.lead.LeadDirectory}
 * queries (keyset pages, never every lead), records each occurrence before the lead is added, and
 * sends through a campaign of kind {@link io.leadreach.campaign.CampaignKind#AUTOMATION} per rule
 * run, so consent, quiet hours, the 24-hour window (and the template's WhatsApp binding outside
 * it), retries and throttles all apply. Call it periodically (hourly is plenty; birthdays are
 * judged by each lead's own date, so any run during the lead's day fires it).
 */
public interface AutomationEngine {

    /** The actor id automation campaigns and their messages are recorded under. */
    String ACTOR_ID = "automation";

    /** Creates a rule. */
    AutomationRule createRule(Actor actor, AutomationRuleSpec spec);

    /** Replaces a rule's settings; {@code active} null keeps the current value. */
    AutomationRule updateRule(Actor actor, long ruleId, AutomationRuleSpec spec);

    /** The rule with this id ({@link io.leadreach.NotFoundException} if none). */
    AutomationRule getRule(Actor actor, long ruleId);

    /** Every rule, or only the active ones. */
    List<AutomationRule> listRules(Actor actor, boolean activeOnly);

    /** Deletes a rule and its fired occurrences ({@link io.leadreach.NotFoundException} if none). */
    void deleteRule(Actor actor, long ruleId);

    /** Fires every active time-based rule for the leads it is due for at {@code now}. */
    AutomationRun runDue(Instant now);

    /** Who {@link #runDue} would send what to at {@code now}, recording and sending nothing. */
    List<AutomationPreview> dryRun(Instant now);

    /**
     * What the rule {@code spec} describes would send if it were active and ran at {@code now}:
     * the leads it is due for (opted-out ones counted apart) and the first {@code limit} messages,
     * rendered. Recording and sending nothing, it lets a user see a rule's reach before switching
     * it on. {@code ruleId} names the saved rule being edited, so that occurrences it already fired
     * are left out (null for a new rule). Needs {@link io.leadreach.security.Permission#CAMPAIGN_CREATE};
     * the spec is checked as {@link #createRule} checks it, except that the name may be blank.
     *
     * @throws io.leadreach.ValidationException naming every field at fault
     * @throws io.leadreach.NotFoundException    if {@code ruleId} names no rule
     */
    AutomationDryRun dryRun(Actor actor, AutomationRuleSpec spec, Long ruleId, Instant now, int limit);

    /**
     * The host reports that a lead's status changed: fires the active STATUS_CHANGED rules whose
     * from/to match (ignoring case), once per change. Returns the campaigns created.
     */
    List<Long> leadStatusChanged(long leadId, String from, String to, Instant at);
}
