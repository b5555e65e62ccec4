package io.leadreach.automation;

import java.time.Instant;
import java.util.List;

/**
 * What one {@link AutomationEngine#runDue} did.
 *
 * @param at           the moment judged
 * @param rulesRun     active rules that ran
 * @param rulesSkipped active rules skipped (template deleted or inactive, or a store that cannot answer)
 * @param leadsFired   occurrences newly recorded, i.e. leads handed to the campaign engine
 * @param campaignIds  the campaigns created, one per rule that fired for some lead
 */
public record AutomationRun(Instant at, int rulesRun, int rulesSkipped, long leadsFired, List<Long> campaignIds) {

    public AutomationRun {
        campaignIds = List.copyOf(campaignIds);
    }
}
