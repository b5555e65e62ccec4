package io.leadreach.automation;

import io.leadreach.lead.TargetCriteria;

/**
 * What a user asks for when creating or replacing a rule. Nothing is checked until
 * {@link AutomationEngine#createRule} or {@link AutomationEngine#updateRule}, which name every field
 * at fault.
 *
 * @param name       required, at most 200 characters
 * @param trigger    required
 * @param days       required and positive for triggers that {@link AutomationTrigger#needsDays() need it}
 * @param fromStatus for STATUS_CHANGED: the status left, or null for any
 * @param toStatus   for STATUS_CHANGED: the status entered (required there)
 * @param templateId an existing, active template (required)
 * @param criteria   optional narrowing of the leads
 * @param active     whether the rule runs (a new rule is active unless said otherwise)
 */
public record AutomationRuleSpec(String name, AutomationTrigger trigger, Integer days, String fromStatus,
                                 String toStatus, Long templateId, TargetCriteria criteria, Boolean active) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builds an {@link AutomationRuleSpec}. */
    public static final class Builder {
        private String name;
        private AutomationTrigger trigger;
        private Integer days;
        private String fromStatus;
        private String toStatus;
        private Long templateId;
        private TargetCriteria criteria;
        private Boolean active;

        public Builder name(String v) { name = v; return this; }
        public Builder trigger(AutomationTrigger v) { trigger = v; return this; }
        public Builder days(Integer v) { days = v; return this; }
        public Builder fromStatus(String v) { fromStatus = v; return this; }
        public Builder toStatus(String v) { toStatus = v; return this; }
        public Builder templateId(Long v) { templateId = v; return this; }
        public Builder criteria(TargetCriteria v) { criteria = v; return this; }
        public Builder active(Boolean v) { active = v; return this; }

        public AutomationRuleSpec build() {
            return new AutomationRuleSpec(name, trigger, days, fromStatus, toStatus, templateId, criteria, active);
        }
    }
}
