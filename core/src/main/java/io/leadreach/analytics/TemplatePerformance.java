package io.leadreach.analytics;

import java.util.Objects;

/**
 * How the messages of campaigns using one library template fared.
 *
 * @param templateId the template
 * @param totals     the totals over its campaigns' messages in the period
 */
public record TemplatePerformance(long templateId, MessageTotals totals) {

    public TemplatePerformance {
        Objects.requireNonNull(totals, "totals");
    }
}
