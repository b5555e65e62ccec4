/**
 * Follow-up automation: {@link io.leadreach.automation.AutomationRule}s say which leads get which
 * template when (days since last contact, no reply, birthday, anniversary, renewal due, a status
 * change, a cold lead), and the {@link io.leadreach.automation.AutomationEngine} fires each rule at
 * most once per lead per occurrence, through the ordinary campaign engine (consent, quiet hours,
 * the 24-hour window and throttles all apply). Rules and fired occurrences live behind the
 * {@link io.leadreach.automation.AutomationStore} port.
 */
package io.leadreach.automation;
