package io.leadreach.preview;

import io.leadreach.analytics.PricingCategory;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a campaign would do if it ran now.
 *
 * @param matchingLeads     leads the target matches ({@code LeadDirectory.count})
 * @param scanned           leads read to count skips (all matching unless the scan bound was reached)
 * @param complete          whether every matching lead was read
 * @param sampleLeadId      the lead the sample was rendered for, or null when none matches
 * @param renderedSample    the message as that lead would read it, or null
 * @param willSend          leads expected to get the message
 * @param templateSends     of those, outside the 24-hour window (the bound WhatsApp template)
 * @param freeFormSends     of those, inside the window (the free-form message)
 * @param skipped           leads expected to be skipped, by reason (every reason present)
 * @param templateCategory  the binding's pricing category, or null without a binding
 * @param estimatedDuration how long the sends would take from the start, quiet hours included
 * @param estimatedEnd      when the last would go
 * @param cost              the cost estimate, or null without a rate card
 * @param assumptions       how the estimates were made, readable
 */
public record CampaignPreview(long matchingLeads, long scanned, boolean complete, Long sampleLeadId,
                              String renderedSample, long willSend, long templateSends, long freeFormSends,
                              Map<PreviewSkip, Long> skipped, PricingCategory templateCategory,
                              Duration estimatedDuration, Instant estimatedEnd, CostEstimate cost,
                              List<String> assumptions) {

    public CampaignPreview {
        Objects.requireNonNull(skipped, "skipped");
        Objects.requireNonNull(estimatedDuration, "estimatedDuration");
        Objects.requireNonNull(estimatedEnd, "estimatedEnd");
        Map<PreviewSkip, Long> all = new EnumMap<>(PreviewSkip.class);
        for (PreviewSkip s : PreviewSkip.values()) {
            all.put(s, skipped.getOrDefault(s, 0L));
        }
        skipped = java.util.Collections.unmodifiableMap(all);
        assumptions = assumptions == null ? List.of() : List.copyOf(assumptions);
    }

    /** Leads skipped for this reason. */
    public long skipped(PreviewSkip reason) {
        return skipped.get(reason);
    }

    /** All skipped leads. */
    public long totalSkipped() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
