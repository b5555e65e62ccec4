package io.leadreach.analytics;

import io.leadreach.campaign.CampaignCounters;
import io.leadreach.campaign.CampaignStatus;
import java.util.Objects;

/**
 * One campaign's figures beside the others', from its recipient counters.
 *
 * @param campaignId its id
 * @param name       its name
 * @param status     its status
 * @param templateId its library template, or null
 * @param counters   its recipients by status
 * @param replied    how many recipients replied
 */
public record CampaignComparison(long campaignId, String name, CampaignStatus status, Long templateId,
                                 CampaignCounters counters, long replied) {

    public CampaignComparison {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(counters, "counters");
    }

    /** Delivered ÷ sent. */
    public double deliveryRate() {
        return MessageTotals.rate(counters.delivered(), counters.sent());
    }

    /** Read ÷ sent. */
    public double readRate() {
        return MessageTotals.rate(counters.read(), counters.sent());
    }

    /** Replied ÷ sent. */
    public double replyRate() {
        return MessageTotals.rate(replied, counters.sent());
    }
}
