package io.leadreach.automation;

/**
 * One message a {@link AutomationEngine#dryRun} says would go out.
 *
 * @param ruleId   the rule
 * @param ruleName its name
 * @param leadId   the lead
 * @param text     the template rendered for the lead
 */
public record AutomationPreview(long ruleId, String ruleName, long leadId, String text) {
}
